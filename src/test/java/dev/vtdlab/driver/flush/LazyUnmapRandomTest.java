package dev.vtdlab.driver.flush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.iova.IovaExhaustedException;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.time.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Seeded workloads of allocate / map / lazy unmap / clock steps: an unmapped IOVA (and its freed
 * table pages) is released only after a flush that started after the unmap has completed, and the
 * allocator never hands out a range that is live or unmapped-but-unflushed. Seed: {@code
 * -Dvtdlab.seed=N}.
 */
class LazyUnmapRandomTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x10_7A_2024L);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final IovaRange APERTURE = IovaRange.ofPages(0x4000_0000L, 2048);

  @Test
  void noIovaIsReusedBeforeTheFlushCoveringItsUnmapCompletes() {
    System.out.println("LazyUnmapRandomTest seed " + SEED);
    Random rnd = new Random(SEED);
    ManualClock clock = new ManualClock();
    RecordingInvalidator inv = new RecordingInvalidator();
    IovaAllocator alloc = new IovaAllocator(APERTURE, new IovaAllocator.Options(1, true));
    Map<IovaRange, Long> unflushed = new HashMap<>(); // range -> flushes started at unmap
    List<String> problems = new ArrayList<>();
    long[] releases = {0};
    LazyUnmapPolicy policy =
        new LazyUnmapPolicy(
            inv,
            r -> {
              Long startedAtUnmap = unflushed.remove(r);
              if (startedAtUnmap == null || inv.finished.get() <= startedAtUnmap) {
                problems.add("released " + r + " without a completed flush after its unmap");
              }
              releases[0]++;
              alloc.free(r);
            },
            clock,
            new FlushQueueConfig(64, 10 * MS, 1));
    List<IovaRange> live = new ArrayList<>();
    int exhaustions = 0;
    for (int step = 0; step < 20_000 && problems.isEmpty(); step++) {
      String where = "seed " + SEED + " step " + step;
      int op = rnd.nextInt(100);
      if (op < 50) {
        IovaRange r;
        try {
          r = alloc.allocate(1 + rnd.nextInt(rnd.nextInt(10) < 8 ? 2 : 40), -1L);
        } catch (IovaExhaustedException e) {
          exhaustions++;
          continue;
        }
        for (IovaRange u : unflushed.keySet()) {
          assertThat(r.overlaps(u)).as("%s: %s reuses unflushed %s", where, r, u).isFalse();
        }
        for (IovaRange l : live) {
          assertThat(r.overlaps(l)).as("%s: %s overlaps live %s", where, r, l).isFalse();
        }
        live.add(r);
      } else if (op < 95 && !live.isEmpty()) {
        IovaRange r = live.remove(rnd.nextInt(live.size()));
        long startedAtUnmap = inv.started.get();
        unflushed.put(r, startedAtUnmap);
        int pages = rnd.nextInt(3);
        policy.unmapped(
            r,
            pages == 0
                ? FreedPages.none()
                : FreedPages.of(
                    pages,
                    () -> {
                      if (inv.finished.get() <= startedAtUnmap) {
                        problems.add("table pages of " + r + " released before their flush");
                      }
                    }));
      } else if (op < 99) {
        clock.advanceNanos(rnd.nextInt((int) (4 * MS)));
      } else {
        policy.flush();
      }
    }
    assertThat(problems).as("seed %d", SEED).isEmpty();
    FlushStats s = policy.stats();
    System.out.println("  " + s + " exhaustions " + exhaustions);
    assertThat(s.fullFlushes()).as("seed %d: workload reaches full queues", SEED).isPositive();
    assertThat(s.timeoutFlushes()).as("seed %d: workload reaches timeouts", SEED).isPositive();
    assertThat(s.pendingEntries()).isEqualTo(unflushed.size());
    assertThat(s.entriesReleased()).isEqualTo(releases[0]);
  }

  @Test
  void concurrentUnmapsWithATickingClockNeverReleaseEarlyOrOverlap() throws InterruptedException {
    System.out.println("LazyUnmapRandomTest concurrent seed " + SEED);
    ManualClock clock = new ManualClock();
    RecordingInvalidator inv = new RecordingInvalidator();
    inv.duringFlushAll = Thread::yield; // let flushes of several threads overlap
    IovaAllocator alloc = new IovaAllocator(APERTURE, new IovaAllocator.Options(4, true));
    ConcurrentSkipListMap<Long, Long> held = new ConcurrentSkipListMap<>(); // live or unflushed
    Map<IovaRange, Long> startedAtUnmap = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    LazyUnmapPolicy policy =
        new LazyUnmapPolicy(
            inv,
            r -> {
              Long started = startedAtUnmap.remove(r);
              if (started == null || inv.finished.get() <= started) {
                problems.add("released " + r + " early");
              }
              held.remove(r.start()); // before the free: another thread may get it right after
              alloc.free(r);
            },
            clock,
            new FlushQueueConfig(32, 10 * MS, 4));
    int workers = 3;
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      long seed = SEED + t;
      threads.add(
          new Thread(
              () -> {
                try {
                  go.await();
                  unmapWorker(new Random(seed), alloc, policy, inv, held, startedAtUnmap, problems);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException | AssertionError e) {
                  problems.add("thread seed " + seed + ": " + e);
                }
              }));
    }
    Thread ticker =
        new Thread(
            () -> {
              while (!done.get()) {
                clock.advanceNanos(MS);
                Thread.yield();
              }
            });
    ticker.setUncaughtExceptionHandler((t, e) -> problems.add("clock thread: " + e));
    threads.forEach(Thread::start);
    ticker.start();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    done.set(true);
    ticker.join();
    policy.flush();
    System.out.println("  " + policy.stats() + " pending " + policy.pendingEntries());
    assertThat(problems).as("seed %d", SEED).isEmpty();
    assertThat(startedAtUnmap).as("seed %d: all released after the final flush", SEED).isEmpty();
    assertThat(policy.stats().pendingEntries()).isZero();
    System.out.println("  " + policy.stats());
  }

  private static void unmapWorker(
      Random rnd,
      IovaAllocator alloc,
      LazyUnmapPolicy policy,
      RecordingInvalidator inv,
      ConcurrentSkipListMap<Long, Long> held,
      Map<IovaRange, Long> startedAtUnmap,
      ConcurrentLinkedQueue<String> problems) {
    List<IovaRange> mine = new ArrayList<>();
    for (int step = 0; step < 4000 && problems.isEmpty(); step++) {
      if (rnd.nextBoolean() || mine.isEmpty()) {
        IovaRange r;
        try {
          r = alloc.allocate(1 + rnd.nextInt(4), -1L);
        } catch (IovaExhaustedException e) {
          continue;
        }
        if (held.putIfAbsent(r.start(), r.last()) != null) {
          problems.add(r + " handed out while held");
          return;
        }
        Map.Entry<Long, Long> lower = held.lowerEntry(r.start());
        Map.Entry<Long, Long> higher = held.higherEntry(r.start());
        if (lower != null && lower.getValue() >= r.start()
            || higher != null && higher.getKey() <= r.last()) {
          problems.add(r + " overlaps a held (live or unflushed) range");
          return;
        }
        mine.add(r);
      } else {
        IovaRange r = mine.remove(rnd.nextInt(mine.size()));
        startedAtUnmap.put(r, inv.started.get());
        policy.unmapped(r, FreedPages.none());
      }
    }
    for (IovaRange r : mine) {
      startedAtUnmap.put(r, inv.started.get());
      policy.unmapped(r, FreedPages.none());
    }
  }
}
