package dev.vtdlab.inspect;

import dev.vtdlab.mem.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliberately naive walks used only to check the real-dump fixtures and the memory sources against
 * QEMU's and the guest's own reports (x86-64 paging: SDM vol. 3 4.5; VT-d second stage: spec 9.8).
 * The inspector's commands use the {@code pagetable} walker; these exist so that the fixture is
 * trusted before those land.
 */
final class ReferenceWalks {
  static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;

  private ReferenceWalks() {}

  /** Every present leaf under {@code cr3}, in address order, with QEMU's flag letters. */
  static List<RealFixture.TlbLine> cpuLeaves(PhysicalMemory mem, long cr3, int levels) {
    List<RealFixture.TlbLine> out = new ArrayList<>();
    cpu(mem, cr3 & ADDRESS_MASK, levels, 0, levels, out);
    return out;
  }

  private static void cpu(
      PhysicalMemory mem, long table, int level, long va, int top, List<RealFixture.TlbLine> out) {
    for (int i = 0; i < 512; i++) {
      long e = mem.read64(table + 8L * i);
      if ((e & 1) == 0) {
        continue;
      }
      int shift = 12 + 9 * (level - 1);
      long v = va | ((long) i << shift);
      if (level == top) {
        int width = 12 + 9 * top;
        v = (v << (64 - width)) >> (64 - width); // canonical sign extension
      }
      boolean large = level > 1 && level <= 3 && (e & 0x80) != 0;
      if (level == 1 || large) {
        long pa = e & ADDRESS_MASK & ~((1L << shift) - 1);
        out.add(new RealFixture.TlbLine(v, pa, flags(e, large)));
      } else {
        cpu(mem, e & ADDRESS_MASK, level - 1, v, top, out);
      }
    }
  }

  private static String flags(long e, boolean large) {
    return new StringBuilder()
        .append(e < 0 ? 'X' : '-')
        .append((e & 0x100) != 0 ? 'G' : '-')
        .append(large ? 'P' : '-')
        .append((e & 0x40) != 0 ? 'D' : '-')
        .append((e & 0x20) != 0 ? 'A' : '-')
        .append((e & 0x10) != 0 ? 'C' : '-')
        .append((e & 0x08) != 0 ? 'T' : '-')
        .append((e & 0x04) != 0 ? 'U' : '-')
        .append((e & 0x02) != 0 ? 'W' : '-')
        .toString();
  }

  /** A second-stage leaf: its raw entry and level (1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB). */
  record Leaf(long entry, int level) {
    boolean writable() {
      return (entry & 2) != 0;
    }

    /** The physical address {@code iova} maps to. */
    long output(long iova) {
      long size = 1L << (12 + 9 * (level - 1));
      return (entry & ADDRESS_MASK & ~(size - 1)) | (iova & (size - 1));
    }
  }

  /**
   * The second-stage leaf mapping {@code iova} under {@code table} ({@code levels} levels), or null
   * when a level has neither R nor W set.
   */
  static Leaf secondStageLeaf(PhysicalMemory mem, long table, int levels, long iova) {
    long t = table & ADDRESS_MASK;
    for (int level = levels; level >= 1; level--) {
      long e = mem.read64(t + 8L * ((iova >>> (12 + 9 * (level - 1))) & 511));
      if ((e & 3) == 0) {
        return null;
      }
      if (level == 1 || (level <= 3 && (e & 0x80) != 0)) {
        return new Leaf(e, level);
      }
      t = e & ADDRESS_MASK;
    }
    throw new IllegalStateException("unreachable");
  }
}
