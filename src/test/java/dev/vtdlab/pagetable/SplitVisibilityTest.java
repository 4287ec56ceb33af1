package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.mem.WritableMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A walker racing with unmap never sees the part of a large page that stays mapped as absent: after
 * every single write the engine makes, the remaining addresses still translate to the same output.
 */
class SplitVisibilityTest {
  private static final long G1 = 0x4000_0000L;
  private static final long M2 = 0x20_0000L;
  private static final long K4 = 0x1000L;

  /** Memory that runs a check after every 64-bit write. */
  private static final class WatchedMemory implements WritableMemory {
    final SparseMemory inner = new SparseMemory(48);
    Runnable afterWrite = () -> {};
    int writes64;

    @Override
    public int addressWidth() {
      return inner.addressWidth();
    }

    @Override
    public boolean isReadable(long hpa, int length) {
      return inner.isReadable(hpa, length);
    }

    @Override
    public long read64(long hpa) {
      return inner.read64(hpa);
    }

    @Override
    public int read32(long hpa) {
      return inner.read32(hpa);
    }

    @Override
    public short read16(long hpa) {
      return inner.read16(hpa);
    }

    @Override
    public byte read8(long hpa) {
      return inner.read8(hpa);
    }

    @Override
    public void readBytes(long hpa, byte[] dst, int offset, int length) {
      inner.readBytes(hpa, dst, offset, length);
    }

    @Override
    public long readCount() {
      return inner.readCount();
    }

    @Override
    public void write64(long hpa, long value) {
      inner.write64(hpa, value);
      writes64++;
      afterWrite.run();
    }

    @Override
    public void write32(long hpa, int value) {
      inner.write32(hpa, value);
    }

    @Override
    public void write16(long hpa, short value) {
      inner.write16(hpa, value);
    }

    @Override
    public void write8(long hpa, byte value) {
      inner.write8(hpa, value);
    }

    @Override
    public void writeBytes(long hpa, byte[] src, int offset, int length) {
      inner.writeBytes(hpa, src, offset, length);
    }

    @Override
    public boolean compareAndSet64(long hpa, long expected, long update) {
      return inner.compareAndSet64(hpa, expected, update);
    }

    @Override
    public void zeroFrame(long hpa) {
      inner.zeroFrame(hpa);
    }

    @Override
    public long writeCount() {
      return inner.writeCount();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.vtdlab.pagetable.Configs#large")
  void theRestOfASplitPageStaysMappedAfterEveryWrite(String name, FormatConfig config) {
    WatchedMemory memory = new WatchedMemory();
    FrameAllocator frames = new FrameAllocator(memory, 0x10_0000_0000L, 64);
    PageTable t = new PageTable(PageTableFormat.of(config), frames);
    long iova = 2 * G1;
    long out = 5 * G1;
    t.map(iova, out, G1, Prot.READ_WRITE);
    long hole = iova + 7 * M2 + 3 * K4;
    List<Long> probes = new ArrayList<>();
    for (long p :
        new long[] {iova, hole - K4, hole + K4, iova + 7 * M2, iova + 8 * M2, iova + G1 - K4}) {
      probes.add(p);
    }
    Walker walker = new Walker(t.format());
    WalkPath path = new WalkPath();
    MemoryEntryReader reader = new MemoryEntryReader(memory.inner);
    List<String> problems = new ArrayList<>();
    memory.afterWrite =
        () -> {
          for (long p : probes) {
            walker.walk(t.rootAddress(), p + 0x18, reader, path);
            if (!path.isLeaf() || path.outputAddress() != out + (p - iova) + 0x18) {
              problems.add(String.format("after write %d: 0x%x -> %s", memory.writes64, p, path));
            }
          }
        };
    t.unmap(hole, K4);
    assertThat(memory.writes64).as("two tables of 512 entries and the links").isGreaterThan(1024);
    assertThat(problems).isEmpty();
    walker.walk(t.rootAddress(), hole, reader, path);
    assertThat(path.status()).isEqualTo(WalkStatus.NOT_PRESENT);
  }
}
