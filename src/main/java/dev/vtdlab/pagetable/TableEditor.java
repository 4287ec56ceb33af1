package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;

/**
 * The recursive part of {@link PageTable}: plans (checks and counts the new table pages an
 * operation needs, changing nothing), then maps or unmaps, splits large leaves and unlinks table
 * pages. Keeps the present-entry count of every table it has touched ({@link TableCounts}; tables
 * written by someone else are counted on first touch). Called under the table's write lock.
 */
final class TableEditor {
  private final PageTableFormat format;
  private final WritableMemory memory;
  final FrameAllocator frames;
  final TableCounts counts = new TableCounts();
  private final boolean[] leafAllowed = new boolean[6];
  private int pendingFree;

  TableEditor(PageTableFormat format, FrameAllocator frames) {
    this.format = format;
    this.frames = frames;
    this.memory = frames.memory();
    for (int level = 1; level <= 5; level++) {
      leafAllowed[level] = format.config().leafAllowedAt(level);
    }
  }

  int pendingFree() {
    return pendingFree;
  }

  void flushed(int tables) {
    pendingFree -= tables;
  }

  private long read(long table, int index) {
    return memory.read64(table + (long) index * PageTableFormat.ENTRY_BYTES);
  }

  private void write(long table, int index, long entry) {
    memory.write64(table + (long) index * PageTableFormat.ENTRY_BYTES, entry);
  }

  private void ensureCounted(long table, int level) {
    if (!counts.contains(table)) {
      int n = 0;
      for (int i = 0; i < PageTableFormat.ENTRIES_PER_TABLE; i++) {
        if (format.isPresent(read(table, i), level)) {
          n++;
        }
      }
      counts.put(table, n);
    }
  }

  private long checkedEntry(long table, int index, int level) {
    long e = read(table, index);
    if (format.isPresent(e, level) && format.reservedBits(e, level) != 0) {
      throw new IllegalStateException(
          String.format(
              "%s at 0x%x = 0x%016x has reserved bits 0x%x set; the engine does not change"
                  + " tables it cannot read",
              format.entryName(level),
              table + (long) index * PageTableFormat.ENTRY_BYTES,
              e,
              format.reservedBits(e, level)));
    }
    return e;
  }

  private boolean leafFits(int level, long chunkStart, long chunkLast, long chunkOutput) {
    if (level == 1) {
      return true;
    }
    long mask = PageTableFormat.entrySpan(level) - 1;
    return leafAllowed[level]
        && (chunkStart & mask) == 0
        && chunkLast - chunkStart == mask
        && (chunkOutput & mask) == 0;
  }

  private static boolean coversEntry(int level, long chunkStart, long chunkLast) {
    long mask = PageTableFormat.entrySpan(level) - 1;
    return (chunkStart & mask) == 0 && chunkLast - chunkStart == mask;
  }

  // ---- map ----

  int planMap(long table, int level, long start, long last, long out, TableOperation op) {
    int needed = 0;
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      long chunkOut = out + (c.start - start);
      long e = checkedEntry(table, c.index, level);
      boolean present = format.isPresent(e, level);
      if (leafFits(level, c.start, c.last, chunkOut)) {
        if (present && !op.replace) {
          requireUnmapped(table, c.index, e, level, c.start, c.last, start, last);
        }
        continue;
      }
      if (!present) {
        needed += 1 + planNewTable(level - 1, c.start, c.last, chunkOut);
      } else if (format.isLeaf(e, level)) {
        if (!op.replace) {
          requireUnmapped(table, c.index, e, level, c.start, c.last, start, last);
        }
        needed += 1 + planNewTable(level - 1, c.start, c.last, chunkOut);
      } else {
        needed += planMap(format.address(e, level), level - 1, c.start, c.last, chunkOut, op);
      }
    }
    return needed;
  }

  /** Tables needed below a table that does not exist yet (new, or split from a large leaf). */
  private int planNewTable(int level, long start, long last, long out) {
    if (level == 1) {
      return 0;
    }
    int needed = 0;
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      if (!leafFits(level, c.start, c.last, out + (c.start - start))) {
        needed += 1 + planNewTable(level - 1, c.start, c.last, out + (c.start - start));
      }
    }
    return needed;
  }

  private void requireUnmapped(
      long table, int index, long e, int level, long chunkStart, long chunkLast, long s, long l) {
    if (format.isLeaf(e, level)) {
      long span = PageTableFormat.entrySpan(level);
      throw new IllegalArgumentException(
          String.format(
              "iova range 0x%x..0x%x overlaps the existing %s mapping of 0x%x -> 0x%x;"
                  + " unmap it first or map with replace",
              s, l, PageSize.ofLevel(level).label(), chunkStart & -span, format.address(e, level)));
    }
    long child = format.address(e, level);
    for (Chunks c = new Chunks(format, level - 1, chunkStart, chunkLast); c.next(); ) {
      long ce = checkedEntry(child, c.index, level - 1);
      if (format.isPresent(ce, level - 1)) {
        requireUnmapped(child, c.index, ce, level - 1, c.start, c.last, s, l);
      }
    }
  }

  void mapIn(long table, int level, long start, long last, long out, TableOperation op) {
    ensureCounted(table, level);
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      long chunkOut = out + (c.start - start);
      long e = read(table, c.index);
      boolean present = format.isPresent(e, level);
      if (leafFits(level, c.start, c.last, chunkOut)) {
        write(table, c.index, format.encodeLeaf(chunkOut, PageSize.ofLevel(level), op.prot));
        op.gather.addRange(c.start, c.last);
        op.gather.touch(level, false);
        if (!present) {
          counts.add(table, 1);
        } else if (!format.isLeaf(e, level)) {
          op.gather.touch(level, true);
          release(format.address(e, level), level - 1, op, false);
        }
        continue;
      }
      if (present && !format.isLeaf(e, level)) {
        mapIn(format.address(e, level), level - 1, c.start, c.last, chunkOut, op);
        continue;
      }
      long child = op.takeFrame();
      if (present) {
        split(child, e, level);
      }
      mapIn(child, level - 1, c.start, c.last, chunkOut, op);
      write(table, c.index, format.encodeTable(child));
      if (!present) {
        counts.add(table, 1);
      }
      op.gather.touch(level, true);
    }
  }

  /** Fills {@code child} with the 512 next-level leaves that together map what {@code e} maps. */
  private void split(long child, long e, int level) {
    long base = format.address(e, level);
    long childSpan = PageTableFormat.entrySpan(level - 1);
    for (int i = 0; i < PageTableFormat.ENTRIES_PER_TABLE; i++) {
      write(child, i, format.childLeaf(e, level, base + i * childSpan));
    }
    counts.put(child, PageTableFormat.ENTRIES_PER_TABLE);
  }

  /** Unlinks the subtree rooted at {@code table}: every table page in it goes to the gather. */
  private void release(long table, int level, TableOperation op, boolean countUnmapped) {
    for (int i = 0; i < PageTableFormat.ENTRIES_PER_TABLE; i++) {
      long e = read(table, i);
      if (!format.isPresent(e, level) || format.reservedBits(e, level) != 0) {
        continue;
      }
      if (format.isLeaf(e, level)) {
        if (countUnmapped) {
          op.gather.unmapped(PageTableFormat.entrySpan(level));
        }
      } else {
        release(format.address(e, level), level - 1, op, countUnmapped);
      }
    }
    unlinked(table, op);
  }

  private void unlinked(long table, TableOperation op) {
    op.gather.freeTable(table);
    counts.remove(table);
    pendingFree++;
  }

  // ---- unmap ----

  int planUnmap(long table, int level, long start, long last) {
    int needed = 0;
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      if (coversEntry(level, c.start, c.last)) {
        continue;
      }
      long e = checkedEntry(table, c.index, level);
      if (!format.isPresent(e, level)) {
        continue;
      }
      if (format.isLeaf(e, level)) {
        needed += 1 + planSplit(level - 1, c.start, c.last);
      } else {
        needed += planUnmap(format.address(e, level), level - 1, c.start, c.last);
      }
    }
    return needed;
  }

  /** Tables needed to cut {@code start..last} out of a table of leaves split at {@code level}. */
  private int planSplit(int level, long start, long last) {
    int needed = 0;
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      if (!coversEntry(level, c.start, c.last)) {
        needed += 1 + planSplit(level - 1, c.start, c.last);
      }
    }
    return needed;
  }

  void unmapIn(long table, int level, long start, long last, TableOperation op) {
    ensureCounted(table, level);
    for (Chunks c = new Chunks(format, level, start, last); c.next(); ) {
      long e = read(table, c.index);
      if (!format.isPresent(e, level)) {
        continue;
      }
      boolean valid = format.reservedBits(e, level) == 0;
      boolean leaf = format.isLeaf(e, level);
      if (coversEntry(level, c.start, c.last)) {
        write(table, c.index, 0);
        counts.add(table, -1);
        op.gather.addRange(c.start, c.last);
        op.gather.touch(level, valid && !leaf);
        if (valid && leaf) {
          op.gather.unmapped(PageTableFormat.entrySpan(level));
        } else if (valid) {
          release(format.address(e, level), level - 1, op, true);
        }
        continue;
      }
      if (leaf) {
        long child = op.takeFrame();
        split(child, e, level);
        unmapIn(child, level - 1, c.start, c.last, op);
        write(table, c.index, format.encodeTable(child));
        op.gather.touch(level, true);
        continue;
      }
      long child = format.address(e, level);
      unmapIn(child, level - 1, c.start, c.last, op);
      if (counts.get(child) == 0) {
        write(table, c.index, 0);
        counts.add(table, -1);
        op.gather.touch(level, true);
        unlinked(child, op);
      }
    }
  }
}
