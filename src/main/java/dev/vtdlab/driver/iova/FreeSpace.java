package dev.vtdlab.driver.iova;

import java.util.Map;
import java.util.TreeMap;

/**
 * The free page frames of an IOVA aperture as maximal, disjoint runs {@code [startPfn, lastPfn]}
 * kept in a balanced tree (a red-black {@link TreeMap}, as Linux keeps its allocated ranges in an
 * rbtree). Adjacent runs are always merged. Not thread-safe: {@link IovaAllocator} guards it with
 * its tree lock.
 *
 * <p>Linux's tree holds the allocated ranges and walks backwards from a cached node to find a gap;
 * keeping the free runs instead gives the same answer (the highest size-aligned gap below the
 * limit) while skipping densely allocated stretches in one step.
 */
final class FreeSpace {
  /** Returned by {@link #takeHighest} when no run fits. */
  static final long NO_FIT = -1;

  private final TreeMap<Long, Long> runs = new TreeMap<>();
  private long freePages;

  /**
   * Takes the highest {@code pages}-page block whose start is a multiple of {@code alignPages} and
   * whose last page is at most {@code limitPfn}.
   *
   * @param alignPages a power of two
   * @return the block's start pfn, or {@link #NO_FIT}
   */
  long takeHighest(long pages, long alignPages, long limitPfn) {
    long alignMask = -alignPages;
    Map.Entry<Long, Long> run = runs.floorEntry(limitPfn);
    while (run != null) {
      long runStart = run.getKey();
      long top = Math.min(run.getValue(), limitPfn);
      if (top - runStart + 1 >= pages) {
        long start = (top - pages + 1) & alignMask;
        if (start >= runStart) {
          carve(runStart, run.getValue(), start, start + pages - 1);
          return start;
        }
      }
      run = runs.lowerEntry(runStart);
    }
    return NO_FIT;
  }

  /**
   * Returns {@code [startPfn, lastPfn]} to the free space, merging it with its neighbours.
   *
   * @throws IllegalStateException if part of it is already free (an accounting error)
   */
  void give(long startPfn, long lastPfn) {
    Map.Entry<Long, Long> below = runs.floorEntry(lastPfn);
    if (below != null && below.getValue() >= startPfn) {
      throw new IllegalStateException(
          String.format(
              "IOVA pfns 0x%x-0x%x are returned while 0x%x-0x%x of them is already free",
              startPfn, lastPfn, below.getKey(), below.getValue()));
    }
    long start = startPfn;
    long last = lastPfn;
    if (below != null && below.getValue() == startPfn - 1) {
      start = below.getKey();
      runs.remove(below.getKey());
    }
    Long aboveLast = runs.remove(lastPfn + 1);
    if (aboveLast != null) {
      last = aboveLast;
    }
    runs.put(start, last);
    freePages += lastPfn - startPfn + 1;
  }

  /**
   * Removes every free page of {@code [startPfn, lastPfn]} (used to reserve a range).
   *
   * @return the number of pages removed
   */
  long removeAll(long startPfn, long lastPfn) {
    long removed = 0;
    Map.Entry<Long, Long> run = runs.floorEntry(lastPfn);
    while (run != null && run.getValue() >= startPfn) {
      long runStart = run.getKey();
      long from = Math.max(runStart, startPfn);
      long to = Math.min(run.getValue(), lastPfn);
      carve(runStart, run.getValue(), from, to);
      removed += to - from + 1;
      run = runs.lowerEntry(runStart);
    }
    return removed;
  }

  /** True when every page of {@code [startPfn, lastPfn]} is free. */
  boolean isFree(long startPfn, long lastPfn) {
    Map.Entry<Long, Long> run = runs.floorEntry(startPfn);
    return run != null && run.getValue() >= lastPfn;
  }

  /** True when some page of {@code [startPfn, lastPfn]} is free. */
  boolean intersects(long startPfn, long lastPfn) {
    Map.Entry<Long, Long> run = runs.floorEntry(lastPfn);
    return run != null && run.getValue() >= startPfn;
  }

  private void carve(long runStart, long runLast, long start, long last) {
    runs.remove(runStart);
    if (runStart < start) {
      runs.put(runStart, start - 1);
    }
    if (last < runLast) {
      runs.put(last + 1, runLast);
    }
    freePages -= last - start + 1;
  }

  long freePages() {
    return freePages;
  }

  int runCount() {
    return runs.size();
  }

  /** Size in pages of the largest free run (0 when nothing is free). O(runs). */
  long largestRunPages() {
    long largest = 0;
    for (Map.Entry<Long, Long> e : runs.entrySet()) {
      largest = Math.max(largest, e.getValue() - e.getKey() + 1);
    }
    return largest;
  }
}
