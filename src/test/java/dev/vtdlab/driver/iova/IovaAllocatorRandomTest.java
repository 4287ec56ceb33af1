package dev.vtdlab.driver.iova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random workloads checked against a reference model: a TreeMap of the live ranges plus the
 * reserved ranges. Override the seed with {@code -Dvtdlab.seed=N}.
 */
class IovaAllocatorRandomTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x10_7A_2024L);
  private static final int STEPS = 20_000;

  // 16 MiB below the interrupt range and 16 MiB above it: 8192 pages, 256 of them reserved
  private static final IovaRange APERTURE = new IovaRange(0xFD00_0000L, 0xFEFF_FFFFL);

  @ParameterizedTest(name = "range cache {0}")
  @ValueSource(booleans = {true, false})
  void liveRangesNeverOverlapAndNeverTouchReservedRanges(boolean rangeCache) {
    long seed = SEED + (rangeCache ? 1 : 0);
    System.out.println("IovaAllocatorRandomTest seed " + seed + " rangeCache " + rangeCache);
    Random rnd = new Random(seed);
    IovaAllocator a = new IovaAllocator(APERTURE, new IovaAllocator.Options(2, rangeCache));
    TreeMap<Long, Long> model = new TreeMap<>(); // start -> last of live ranges
    List<IovaRange> reserved = new ArrayList<>(List.of(IovaAllocator.INTERRUPT_RANGE));
    List<IovaRange> liveList = new ArrayList<>();
    int exhaustions = 0;
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + " step " + step;
      int op = rnd.nextInt(1000);
      if (op < 540 || liveList.isEmpty()) {
        long pages = randomPages(rnd);
        long limit = randomLimit(rnd);
        IovaRange r;
        try {
          r = a.allocate(pages, limit);
        } catch (IovaExhaustedException e) {
          exhaustions++;
          // after a failed search the caches are empty: the model must have no fit either
          long size = IovaAllocator.allocatedPagesFor(pages);
          assertThat(highestFit(model, reserved, size, limit))
              .as("%s: allocator found no %d-page range below 0x%x", where, size, limit)
              .isEqualTo(-1L);
          continue;
        }
        checkNewRange(where, r, pages, limit, model, reserved);
        if (!rangeCache) {
          long size = IovaAllocator.allocatedPagesFor(pages);
          model.remove(r.start()); // compute the reference answer without r
          assertThat(r.start())
              .as("%s: highest fit for %d pages below 0x%x", where, size, limit)
              .isEqualTo(highestFit(model, reserved, size, limit));
        }
        model.put(r.start(), r.last());
        liveList.add(r);
      } else if (op < 995) {
        IovaRange r = liveList.remove(rnd.nextInt(liveList.size()));
        model.remove(r.start());
        a.free(r);
      } else {
        IovaRange candidate = IovaRange.ofPages(randomPageIn(rnd), 1 + rnd.nextInt(8));
        Map.Entry<Long, Long> below = model.floorEntry(candidate.last());
        boolean overlapsLive = below != null && below.getValue() >= candidate.start();
        try {
          a.reserve(candidate);
          assertThat(overlapsLive)
              .as("%s: reserving %s over a live range", where, candidate)
              .isFalse();
          reserved.add(candidate);
        } catch (IllegalStateException e) {
          assertThat(overlapsLive).as("%s: reserve refused %s: %s", where, candidate, e).isTrue();
        }
      }
      IovaStats s = a.stats();
      assertThat(s.allocatedPages() + s.cachedPages() + s.reservedPages() + s.freePages())
          .as("%s: pages add up", where)
          .isEqualTo(APERTURE.pages());
      assertThat(s.liveRanges()).as(where).isEqualTo(model.size());
    }
    assertThat(a.allocatedRanges()).hasSize(model.size());
    assertThat(exhaustions)
        .as("seed %d: the workload should hit exhaustion sometimes", seed)
        .isPositive();
    System.out.println("  " + a.stats() + " exhaustions " + exhaustions);
  }

  private static void checkNewRange(
      String where,
      IovaRange r,
      long pages,
      long limit,
      TreeMap<Long, Long> model,
      List<IovaRange> reserved) {
    long size = IovaAllocator.allocatedPagesFor(pages);
    assertThat(r.pages()).as(where).isEqualTo(size);
    assertThat(APERTURE.contains(r)).as("%s: %s in aperture", where, r).isTrue();
    assertThat(Long.compareUnsigned(r.last(), limit))
        .as("%s: %s below limit", where, r)
        .isLessThanOrEqualTo(0);
    assertThat(r.start() % (IovaAllocator.alignmentPages(size) * IovaRange.PAGE_BYTES))
        .as("%s: %s aligned", where, r)
        .isZero();
    Map.Entry<Long, Long> below = model.floorEntry(r.last());
    if (below != null && below.getValue() >= r.start()) {
      fail("%s: %s overlaps live range 0x%x-0x%x", where, r, below.getKey(), below.getValue());
    }
    for (IovaRange res : reserved) {
      assertThat(r.overlaps(res)).as("%s: %s touches reserved %s", where, r, res).isFalse();
    }
  }

  /** The reference answer: highest aligned start of a free block ending at or below limit. */
  private static long highestFit(
      TreeMap<Long, Long> live, List<IovaRange> reserved, long size, long limit) {
    List<long[]> busy = new ArrayList<>();
    live.forEach((s, l) -> busy.add(new long[] {s, l}));
    reserved.forEach(r -> busy.add(new long[] {r.start(), r.last()}));
    busy.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] b : busy) {
      long[] prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (prev != null && b[0] <= prev[1] + 1) {
        prev[1] = Math.max(prev[1], b[1]);
      } else {
        merged.add(new long[] {b[0], b[1]});
      }
    }
    long bytes = size * IovaRange.PAGE_BYTES;
    long align = IovaAllocator.alignmentPages(size) * IovaRange.PAGE_BYTES;
    long lim = Long.compareUnsigned(limit, APERTURE.last()) < 0 ? limit : APERTURE.last();
    long top = (lim + 1) & -IovaRange.PAGE_BYTES; // exclusive end of usable whole pages
    for (int i = merged.size(); i >= 0; i--) {
      long gapStart = i == 0 ? APERTURE.start() : merged.get(i - 1)[1] + 1;
      long gapEnd = i == merged.size() ? APERTURE.last() + 1 : merged.get(i)[0]; // exclusive
      long end = Math.min(gapEnd, top);
      if (end - gapStart >= bytes) {
        long start = (end - bytes) & -align;
        if (start >= gapStart) {
          return start;
        }
      }
    }
    return -1;
  }

  private static long randomPages(Random rnd) {
    int k = rnd.nextInt(100);
    if (k < 70) {
      return 1 + rnd.nextInt(4);
    } else if (k < 95) {
      return 1 + rnd.nextInt(40);
    }
    return 1 + rnd.nextInt(700);
  }

  private static long randomLimit(Random rnd) {
    int k = rnd.nextInt(10);
    if (k < 6) {
      return -1L; // 64-bit mask
    } else if (k < 8) {
      return 0xFDFF_FFFFL; // below the interrupt range
    }
    return APERTURE.start() + rnd.nextInt((int) (APERTURE.last() - APERTURE.start()));
  }

  private static long randomPageIn(Random rnd) {
    return APERTURE.start() + (long) rnd.nextInt((int) APERTURE.pages() - 8) * IovaRange.PAGE_BYTES;
  }
}
