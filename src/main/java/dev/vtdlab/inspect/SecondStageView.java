package dev.vtdlab.inspect;

import dev.vtdlab.mem.MemoryAccessException;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.Walker;

/**
 * Guest-physical memory seen through a second-stage table: each access's GPA is translated by the
 * {@link Walker} (read right required) and read from the host memory. Used to read a nested first
 * stage, whose table addresses are GPAs. Accesses are split at 4 KiB boundaries.
 */
final class SecondStageView implements PhysicalMemory {
  private static final int PAGE = 4096;
  private final PhysicalMemory host;
  private final Walker walker;
  private final long root;
  private final WalkPath path = new WalkPath();
  private long reads;

  SecondStageView(PhysicalMemory host, PageTableFormat secondStage, long rootHpa) {
    this.host = host;
    this.walker = new Walker(secondStage);
    this.root = rootHpa;
  }

  @Override
  public int addressWidth() {
    return walker.format().inputWidth();
  }

  /** The HPA of {@code gpa}, or -1 when the second stage does not map it readable. */
  private long hpa(long gpa) {
    walker.walk(root, gpa, new dev.vtdlab.pagetable.MemoryEntryReader(host), path);
    if (!path.isLeaf() || !Rights.allows(path.rights(), Rights.READ)) {
      return -1;
    }
    return path.outputAddress();
  }

  @Override
  public boolean isReadable(long gpa, int length) {
    long a = gpa;
    long end = gpa + length;
    while (a < end) {
      long h = hpa(a);
      int n = (int) Math.min(end - a, PAGE - (a & (PAGE - 1)));
      if (h < 0 || !host.isReadable(h, n)) {
        return false;
      }
      a += n;
    }
    return true;
  }

  @Override
  public void readBytes(long gpa, byte[] dst, int offset, int length) {
    reads++;
    int done = 0;
    while (done < length) {
      long a = gpa + done;
      long h = hpa(a);
      if (h < 0) {
        throw new MemoryAccessException(
            a, String.format("GPA 0x%x is not mapped readable by the second stage", a));
      }
      int n = (int) Math.min(length - done, PAGE - (a & (PAGE - 1)));
      host.readBytes(h, dst, offset + done, n);
      done += n;
    }
  }

  private long little(long gpa, int length) {
    byte[] b = new byte[length];
    readBytes(gpa, b, 0, length);
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  @Override
  public long read64(long gpa) {
    return little(gpa, 8);
  }

  @Override
  public int read32(long gpa) {
    return (int) little(gpa, 4);
  }

  @Override
  public short read16(long gpa) {
    return (short) little(gpa, 2);
  }

  @Override
  public byte read8(long gpa) {
    return (byte) little(gpa, 1);
  }

  @Override
  public long readCount() {
    return reads;
  }
}
