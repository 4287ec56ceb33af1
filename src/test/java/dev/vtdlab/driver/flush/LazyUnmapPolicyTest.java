package dev.vtdlab.driver.flush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.iova.IovaExhaustedException;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyUnmapPolicyTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final IovaRange APERTURE = new IovaRange(0x10_0000L, 0x3FFF_FFFFL);

  private final ManualClock clock = new ManualClock();
  private final RecordingInvalidator inv = new RecordingInvalidator();
  private final List<IovaRange> freed = new ArrayList<>();

  private LazyUnmapPolicy lazy(FlushQueueConfig config) {
    return new LazyUnmapPolicy(inv, freed::add, clock, config);
  }

  private static IovaRange page(int i) {
    return IovaRange.ofPages(0x100_0000L + i * IovaRange.PAGE_BYTES, 1);
  }

  @Test
  void theDefaultIsLinuxs256SlotQueuesWithA10msTimeout() {
    FlushQueueConfig c = FlushQueueConfig.perCpu(8);
    assertThat(c.size()).isEqualTo(256);
    assertThat(c.timeoutNanos()).isEqualTo(10 * MS);
    assertThat(c.queues()).isEqualTo(8);
    FlushQueueConfig single = FlushQueueConfig.singleQueue();
    assertThat(single.size()).isEqualTo(32768);
    assertThat(single.timeoutNanos()).isEqualTo(1000 * MS);
    assertThat(single.queues()).isEqualTo(1);
    assertThatThrownBy(() -> new FlushQueueConfig(100, MS, 1)).hasMessageContaining("power of two");
  }

  @Test
  void the256thUnmapFindsTheQueueFullAndFlushesTheFirst255() {
    LazyUnmapPolicy p = lazy(FlushQueueConfig.perCpu(1));
    inv.duringFlushAll = () -> assertThat(freed).as("released before the flush").isEmpty();
    for (int i = 0; i < 255; i++) {
      p.unmapped(page(i), FreedPages.none());
    }
    assertThat(inv.started).hasValue(0);
    assertThat(freed).isEmpty();
    assertThat(p.pendingEntries()).isEqualTo(255);
    p.unmapped(page(255), FreedPages.none());
    assertThat(inv.finished).hasValue(1);
    assertThat(freed).hasSize(255).startsWith(page(0), page(1)).endsWith(page(254));
    assertThat(p.pendingEntries()).isEqualTo(1); // the 256th waits for the next flush
    FlushStats s = p.stats();
    assertThat(s.flushes(FlushReason.FULL)).isEqualTo(1);
    assertThat(s.entriesQueued()).isEqualTo(256);
    assertThat(s.entriesReleased()).isEqualTo(255);
    assertThat(s.pendingEntries()).isEqualTo(1);
  }

  @Test
  void theTimerFlushesTimeoutAfterTheFirstQueuedUnmap() {
    LazyUnmapPolicy p = lazy(FlushQueueConfig.perCpu(1));
    p.unmapped(page(0), FreedPages.none());
    clock.advanceMillis(5);
    p.unmapped(page(1), FreedPages.none()); // does not re-arm the timer
    clock.advanceNanos(5 * MS - 1);
    assertThat(inv.started).hasValue(0);
    assertThat(freed).isEmpty();
    clock.advanceNanos(1); // 10 ms after the first unmap
    assertThat(inv.finished).hasValue(1);
    assertThat(freed).containsExactly(page(0), page(1));
    assertThat(p.timerArmed()).isFalse();
    assertThat(p.stats().flushes(FlushReason.TIMEOUT)).isEqualTo(1);

    clock.advanceMillis(5);
    p.unmapped(page(2), FreedPages.none()); // at 15 ms: timer armed for 25 ms
    clock.advanceNanos(10 * MS - 1);
    assertThat(freed).hasSize(2);
    clock.advanceNanos(1);
    assertThat(freed).containsExactly(page(0), page(1), page(2));
    assertThat(p.stats().flushes(FlushReason.TIMEOUT)).isEqualTo(2);
  }

  @Test
  void withNothingQueuedNoTimerRunsAndNothingIsFlushed() {
    LazyUnmapPolicy p = lazy(FlushQueueConfig.perCpu(1));
    clock.advanceMillis(100);
    assertThat(clock.pendingTimers()).isZero();
    assertThat(p.stats().totalFlushes()).isZero();
  }

  @Test
  void anExplicitFlushReleasesEverythingAndTheLaterTimerDoesNotFlushAgain() {
    LazyUnmapPolicy p = lazy(FlushQueueConfig.perCpu(2));
    for (int i = 0; i < 5; i++) {
      p.unmapped(page(i), FreedPages.none());
    }
    p.flush();
    assertThat(freed).hasSize(5);
    assertThat(p.stats().flushes(FlushReason.EXPLICIT)).isEqualTo(1);
    clock.advanceMillis(20);
    assertThat(inv.started).hasValue(1);
    assertThat(p.stats().flushes(FlushReason.TIMEOUT)).isZero();
  }

  @Test
  void freedTablePagesAreReleasedAfterTheFlushThatCoversThem() {
    LazyUnmapPolicy p = lazy(FlushQueueConfig.perCpu(1));
    AtomicInteger pagesBack = new AtomicInteger();
    inv.duringFlushAll = () -> assertThat(pagesBack).as("pages released before flush").hasValue(0);
    p.unmapped(page(0), FreedPages.of(3, () -> pagesBack.addAndGet(3)));
    p.unmapped(page(1), FreedPages.none());
    assertThat(pagesBack).hasValue(0);
    clock.advanceMillis(10);
    assertThat(pagesBack).hasValue(3);
    assertThat(p.stats().tablePagesReleased()).isEqualTo(3);
  }

  @Test
  void aQueuedIovaIsNotHandedOutAgainBeforeTheFlushCompletes() {
    IovaRange small = IovaRange.ofPages(0x100_0000L, 16);
    IovaAllocator alloc = new IovaAllocator(small);
    List<IovaRange> all = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      all.add(alloc.allocate(1, -1L));
    }
    LazyUnmapPolicy p = new LazyUnmapPolicy(inv, alloc::free, clock, FlushQueueConfig.perCpu(1));
    List<IovaRange> unmapped = all.subList(0, 4);
    inv.duringFlushAll =
        () -> unmapped.forEach(r -> assertThat(alloc.isAllocated(r)).as("%s in flush", r).isTrue());
    unmapped.forEach(r -> p.unmapped(r, FreedPages.none()));
    assertThatThrownBy(() -> alloc.allocate(1, -1L)).isInstanceOf(IovaExhaustedException.class);
    clock.advanceMillis(10);
    assertThat(inv.finished).hasValue(1);
    IovaRange again = alloc.allocate(1, -1L);
    assertThat(unmapped).contains(again);
  }

  @Test
  void entriesCoveredByAnotherQueuesFlushAreReleasedAtTheNextUnmapOfTheirQueue() throws Exception {
    LazyUnmapPolicy p = lazy(new FlushQueueConfig(4, 10 * MS, 2)); // 3 entries per queue
    runInThreadOfQueue(
        0,
        2,
        () -> {
          p.unmapped(page(0), FreedPages.none());
          p.unmapped(page(1), FreedPages.none());
        });
    runInThreadOfQueue(
        1,
        2,
        () -> {
          for (int i = 10; i < 14; i++) {
            p.unmapped(page(i), FreedPages.none()); // the 4th finds queue 1 full: flush
          }
        });
    assertThat(p.stats().flushes(FlushReason.FULL)).isEqualTo(1);
    assertThat(freed).containsExactly(page(10), page(11), page(12));
    runInThreadOfQueue(0, 2, () -> p.unmapped(page(2), FreedPages.none()));
    assertThat(freed).containsExactly(page(10), page(11), page(12), page(0), page(1));
    assertThat(p.stats().totalFlushes()).isEqualTo(1);
    assertThat(p.pendingEntries()).isEqualTo(2); // page 13 and page 2
  }

  @Test
  void aFullQueueFlushesAgainWhileAnOlderFlushOfAnotherThreadIsStillRunning() throws Exception {
    CountDownLatch slowFlushStarted = new CountDownLatch(1);
    CountDownLatch finishSlowFlush = new CountDownLatch(1);
    Thread[] slowThread = new Thread[1];
    inv.duringFlushAll =
        () -> {
          if (Thread.currentThread() == slowThread[0]) {
            slowFlushStarted.countDown();
            awaitUninterruptibly(finishSlowFlush);
          }
        };
    LazyUnmapPolicy p = lazy(new FlushQueueConfig(4, 10 * MS, 1)); // 3 entries
    slowThread[0] = new Thread(p::flush); // flush #1: started, not finished
    slowThread[0].start();
    slowFlushStarted.await();
    for (int i = 0; i < 3; i++) {
      p.unmapped(page(i), FreedPages.none()); // stamped after flush #1 started
    }
    // full: flush #2 finishes first, but the finish count (1) does not exceed the stamps (1) yet
    p.unmapped(page(3), FreedPages.none());
    assertThat(p.stats().flushes(FlushReason.FULL)).isEqualTo(2);
    assertThat(freed).containsExactly(page(0), page(1), page(2));
    assertThat(p.pendingEntries()).isEqualTo(1);
    finishSlowFlush.countDown();
    slowThread[0].join();
    assertThat(freed).hasSize(3); // page 3 was queued after flushes #1 to #3 started
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code body} in a new thread whose id selects queue {@code queue} of {@code queues}. */
  private static void runInThreadOfQueue(int queue, int queues, Runnable body) throws Exception {
    List<Throwable> failure = new ArrayList<>();
    while (true) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable e) {
                  failure.add(e);
                }
              });
      if (Math.floorMod(t.getId(), queues) == queue) {
        t.start();
        t.join();
        break;
      }
    }
    if (!failure.isEmpty()) {
      throw new AssertionError(failure.get(0));
    }
  }
}
