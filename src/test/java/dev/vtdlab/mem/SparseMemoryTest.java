package dev.vtdlab.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseMemoryTest {

  @Test
  void neverWrittenMemoryReadsAsZeroAndCreatesNoFrame() {
    SparseMemory m = new SparseMemory(48);
    assertThat(m.read64(0x1234_5000L)).isZero();
    assertThat(m.frameCount()).isZero();
  }

  @Test
  void valuesAreLittleEndian() {
    SparseMemory m = new SparseMemory(39);
    m.write64(0x1000, 0x0102030405060708L);
    assertThat(m.read8(0x1000)).isEqualTo((byte) 0x08);
    assertThat(m.read16(0x1006)).isEqualTo((short) 0x0102);
    assertThat(m.read32(0x1004)).isEqualTo(0x01020304);
    m.write32(0x2002, 0xAABBCCDD);
    assertThat(m.read64(0x2000)).isEqualTo(0xAABBCCDD0000L);
  }

  @Test
  void accessesThatCrossAFrameBoundaryWork() {
    SparseMemory m = new SparseMemory(39);
    m.write64(0x1FFC, 0x1122334455667788L);
    assertThat(m.read64(0x1FFC)).isEqualTo(0x1122334455667788L);
    assertThat(m.read32(0x2000)).isEqualTo(0x11223344);
    byte[] buf = new byte[8192];
    for (int i = 0; i < buf.length; i++) {
      buf[i] = (byte) i;
    }
    m.writeBytes(0x5800, buf, 0, buf.length);
    byte[] back = new byte[8192];
    m.readBytes(0x5800, back, 0, back.length);
    assertThat(back).isEqualTo(buf);
  }

  @Test
  void accessBeyondTheWidthIsAClearError() {
    SparseMemory m = new SparseMemory(39);
    assertThatThrownBy(() -> m.read64(1L << 39))
        .isInstanceOf(MemoryAccessException.class)
        .hasMessageContaining("beyond the 39-bit physical address space");
    assertThatThrownBy(() -> m.write64((1L << 39) - 4, 1))
        .isInstanceOf(MemoryAccessException.class);
    assertThatThrownBy(() -> m.read8(-1)).isInstanceOf(MemoryAccessException.class);
    assertThat(m.isReadable((1L << 39) - 8, 8)).isTrue();
  }

  @Test
  void aWidthAboveFiftyTwoBitsIsRefused() {
    assertThatThrownBy(() -> new SparseMemory(53)).hasMessageContaining("53");
  }

  @Test
  void theReadLimitMakesReadsFailButNotWrites() {
    SparseMemory m = new SparseMemory(48);
    m.setReadLimit(0x10000);
    m.write64(0x10000, 5);
    assertThat(m.isReadable(0xFFF8, 8)).isTrue();
    assertThat(m.isReadable(0xFFFC, 8)).isFalse();
    assertThatThrownBy(() -> m.read64(0x10000)).hasMessageContaining("read limit");
  }

  @Test
  void compareAndSetReplacesOnlyTheExpectedValue() {
    SparseMemory m = new SparseMemory(48);
    m.write64(0x3000, 7);
    assertThat(m.compareAndSet64(0x3000, 8, 9)).isFalse();
    assertThat(m.compareAndSet64(0x3000, 7, 9)).isTrue();
    assertThat(m.read64(0x3000)).isEqualTo(9);
    assertThatThrownBy(() -> m.compareAndSet64(0x3004, 0, 1))
        .hasMessageContaining("not 8-byte aligned");
  }

  @Test
  void countersCountEachAccess() {
    SparseMemory m = new SparseMemory(48);
    m.write64(0, 1);
    m.write8(9, (byte) 1);
    m.read64(0);
    assertThat(m.writeCount()).isEqualTo(2);
    assertThat(m.readCount()).isEqualTo(1);
  }

  @Test
  void zeroFrameDiscardsTheFrame() {
    SparseMemory m = new SparseMemory(48);
    m.write64(0x7008, 42);
    assertThat(m.frameCount()).isEqualTo(1);
    m.zeroFrame(0x7FFF);
    assertThat(m.read64(0x7008)).isZero();
    assertThat(m.frameCount()).isZero();
  }
}
