package dev.vtdlab.pagetable;

/**
 * Iterates the entries of one table that an input range {@code start..last} touches, giving for
 * each its index and the part of the range it covers. The range must lie within the table's span. A
 * tiny mutable cursor (allocation per table visited, not per entry).
 */
final class Chunks {
  private final long span;
  private final long rangeLast;
  private final int lastIndex;
  int index;
  long start;
  long last;
  private long entryStart;
  private boolean begun;

  Chunks(PageTableFormat format, int level, long rangeStart, long rangeLast) {
    this.span = PageTableFormat.entrySpan(level);
    this.rangeLast = rangeLast;
    this.index = format.index(rangeStart, level);
    this.lastIndex = format.index(rangeLast, level);
    this.entryStart = rangeStart & -span;
    this.start = rangeStart;
  }

  /** Moves to the next entry; false when the range is done. */
  boolean next() {
    if (begun) {
      if (index == lastIndex) {
        return false;
      }
      index++;
      entryStart += span;
      start = entryStart;
    }
    begun = true;
    last = index == lastIndex ? rangeLast : entryStart + span - 1;
    return true;
  }
}
