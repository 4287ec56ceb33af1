package dev.vtdlab.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameAllocatorTest {

  @Test
  void framesAreZeroedAndReusedAfterFree() {
    SparseMemory m = new SparseMemory(40);
    FrameAllocator a = new FrameAllocator(m, 0x100000, 2);
    long f1 = a.allocate();
    m.write64(f1 + 8, 99);
    a.free(f1);
    long f2 = a.allocate();
    assertThat(f2).isEqualTo(f1);
    assertThat(m.read64(f2 + 8)).isZero();
    assertThat(a.framesInUse()).isEqualTo(1);
  }

  @Test
  void allocationBeyondTheLimitIsAClearError() {
    FrameAllocator a = new FrameAllocator(new SparseMemory(40), 0x100000, 2);
    a.allocate();
    a.allocate();
    assertThatThrownBy(a::allocate)
        .isInstanceOf(FramesExhaustedException.class)
        .hasMessageContaining("all 2 frames");
  }

  @Test
  void freeingAForeignOrFreedFrameIsRefused() {
    FrameAllocator a = new FrameAllocator(new SparseMemory(40), 0x100000, 4);
    long f = a.allocate();
    a.free(f);
    assertThatThrownBy(() -> a.free(f)).hasMessageContaining("freed twice");
    assertThatThrownBy(() -> a.free(0x1000)).hasMessageContaining("not a frame");
  }

  @Test
  void aRegionBeyondTheAddressWidthIsRefused() {
    assertThatThrownBy(() -> new FrameAllocator(new SparseMemory(20), 0xFF000, 2))
        .hasMessageContaining("beyond the 20-bit");
  }
}
