package dev.vtdlab.driver.iova;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reserved page runs of an aperture, merged (overlapping or adjacent reservations become one
 * run). Not thread-safe: {@link IovaAllocator} guards it with its tree lock.
 */
final class ReservedRanges {
  private final TreeMap<Long, Long> runs = new TreeMap<>();

  /** Adds {@code [startPfn, lastPfn]}, merging it with the runs it touches. */
  void add(long startPfn, long lastPfn) {
    long s = startPfn;
    long l = lastPfn;
    Map.Entry<Long, Long> e = runs.floorEntry(l + 1);
    while (e != null && e.getValue() >= s - 1) {
      s = Math.min(s, e.getKey());
      l = Math.max(l, e.getValue());
      runs.remove(e.getKey());
      e = runs.floorEntry(l + 1);
    }
    runs.put(s, l);
  }

  /** True when some page of {@code [startPfn, lastPfn]} is reserved. */
  boolean intersects(long startPfn, long lastPfn) {
    Map.Entry<Long, Long> below = runs.floorEntry(lastPfn);
    return below != null && below.getValue() >= startPfn;
  }

  long pages() {
    long n = 0;
    for (Map.Entry<Long, Long> e : runs.entrySet()) {
      n += e.getValue() - e.getKey() + 1;
    }
    return n;
  }

  List<IovaRange> ranges() {
    List<IovaRange> out = new ArrayList<>();
    runs.forEach((s, l) -> out.add(IovaRange.ofPfns(s, l)));
    return out;
  }
}
