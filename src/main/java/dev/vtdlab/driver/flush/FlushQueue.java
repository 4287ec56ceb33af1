package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;

/**
 * One flush queue: a ring of {@code size} slots holding up to {@code size - 1} unmapped entries in
 * unmap order, each stamped with the flush-start count read when it was queued. Not thread-safe:
 * {@link LazyUnmapPolicy} guards each queue with its monitor.
 */
final class FlushQueue {
  private final IovaRange[] ranges;
  private final FreedPages[] pages;
  private final long[] counters;
  private final int mask;
  private int head; // oldest entry
  private int tail; // next free slot

  FlushQueue(int size) {
    ranges = new IovaRange[size];
    pages = new FreedPages[size];
    counters = new long[size];
    mask = size - 1;
  }

  boolean isFull() {
    return ((tail + 1) & mask) == head;
  }

  boolean isEmpty() {
    return head == tail;
  }

  int size() {
    return (tail - head) & mask;
  }

  void add(IovaRange iova, FreedPages freedPages, long flushStartCount) {
    if (isFull()) {
      throw new IllegalStateException("flush queue overflow: " + size() + " entries queued");
    }
    ranges[tail] = iova;
    pages[tail] = freedPages;
    counters[tail] = flushStartCount;
    tail = (tail + 1) & mask;
  }

  /** True when the oldest entry was queued before a flush that has completed. */
  boolean headIsCovered(long flushFinishCount) {
    return head != tail && counters[head] < flushFinishCount;
  }

  IovaRange headRange() {
    return ranges[head];
  }

  FreedPages headPages() {
    return pages[head];
  }

  void removeHead() {
    ranges[head] = null;
    pages[head] = null;
    head = (head + 1) & mask;
  }
}
