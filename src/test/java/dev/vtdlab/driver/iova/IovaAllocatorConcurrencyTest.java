package dev.vtdlab.driver.iova;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Several threads allocate and free at once; a shared concurrent map of the ranges each thread
 * holds catches any overlap. Each thread enters its range before checking its neighbours, so of two
 * overlapping ranges held at once, the one checked last sees the other. Seed: {@code
 * -Dvtdlab.seed=N}.
 */
class IovaAllocatorConcurrencyTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x10_7A_2024L);
  private static final IovaRange APERTURE = new IovaRange(0xFE00_0000L, 0xFFFF_FFFFL);
  private static final int THREADS = 4;
  private static final int STEPS = 5_000;

  @Test
  void concurrentAllocationsNeverOverlap() throws InterruptedException {
    System.out.println("IovaAllocatorConcurrencyTest seed " + SEED);
    IovaAllocator a = new IovaAllocator(APERTURE, new IovaAllocator.Options(3, true));
    ConcurrentSkipListMap<Long, Long> held = new ConcurrentSkipListMap<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = SEED + t;
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                  work(
                      a, held, problems, new Random(seed), "seed " + SEED + " thread seed " + seed);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException | AssertionError e) {
                  problems.add("seed " + seed + ": " + e);
                }
              });
      threads.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertThat(problems).as("seed %d", SEED).isEmpty();
    List<IovaRange> live = a.allocatedRanges();
    for (int i = 1; i < live.size(); i++) {
      assertThat(live.get(i - 1).overlaps(live.get(i))).as("seed %d", SEED).isFalse();
    }
    assertThat(live).hasSize(held.size());
    IovaStats s = a.stats();
    assertThat(s.allocatedPages() + s.cachedPages() + s.reservedPages() + s.freePages())
        .as("seed %d: %s", SEED, s)
        .isEqualTo(APERTURE.pages());
    System.out.println("  " + s);
  }

  private static void work(
      IovaAllocator a,
      ConcurrentSkipListMap<Long, Long> held,
      ConcurrentLinkedQueue<String> problems,
      Random rnd,
      String where) {
    List<IovaRange> mine = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      if (rnd.nextInt(100) < 55 || mine.isEmpty()) {
        long pages = rnd.nextInt(10) < 8 ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(64);
        IovaRange r;
        try {
          r = a.allocate(pages, rnd.nextBoolean() ? -1L : 0xFEDF_FFFFL);
        } catch (IovaExhaustedException e) {
          continue;
        }
        if (held.putIfAbsent(r.start(), r.last()) != null) {
          problems.add(where + " step " + step + ": " + r + " handed out twice");
          return;
        }
        Map.Entry<Long, Long> lower = held.lowerEntry(r.start());
        Map.Entry<Long, Long> higher = held.higherEntry(r.start());
        if (lower != null && lower.getValue() >= r.start()
            || higher != null && higher.getKey() <= r.last()) {
          problems.add(where + " step " + step + ": " + r + " overlaps a held range");
          return;
        }
        if (r.overlaps(IovaAllocator.INTERRUPT_RANGE) || !APERTURE.contains(r)) {
          problems.add(where + " step " + step + ": " + r + " outside the usable space");
          return;
        }
        mine.add(r);
      } else {
        IovaRange r = mine.remove(rnd.nextInt(mine.size()));
        held.remove(r.start()); // before the free: another thread may get it right after
        a.free(r);
      }
    }
  }
}
