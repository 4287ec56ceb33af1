package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.time.SimClock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Lazy unmap with flush queues (Linux dma-iommu's deferred flushing). An unmap is queued in the
 * calling thread's queue (one per "CPU", chosen from the thread id) together with the flush-start
 * count at that moment. Two counters order flushes and releases: a flush increments the start
 * count, calls {@link DomainInvalidator#flushAll()} (which waits), then increments the finish
 * count; an entry is released once the finish count exceeds its stamp, i.e. once a flush that
 * started after it was queued has completed. Release order: freed table pages, then the IOVA range.
 *
 * <p>A flush happens when:
 *
 * <ul>
 *   <li><b>full</b>: an unmap finds its queue full ({@code size - 1} entries), after first
 *       releasing the entries some other flush already covered; the new entry is queued after the
 *       flush. (If an older flush of another thread is still running, the finish count lags and the
 *       flush may not cover the oldest entries; the model then flushes again rather than let the
 *       ring overflow, so under concurrency a full queue can cost more than one flush.)
 *   <li><b>timeout</b>: the timer, armed on the simulated clock by the first unmap queued while no
 *       timer was armed, expires; it flushes once and releases covered entries of every queue (it
 *       skips the invalidation when nothing is queued, which happens only after an explicit flush);
 *   <li><b>explicit</b>: {@link #flush()}.
 * </ul>
 *
 * <p>Thread-safe: one lock per queue (a full flush runs under the lock of the queue that was full,
 * as in Linux); the counters are atomics; flushes from several threads may overlap.
 */
public final class LazyUnmapPolicy implements UnmapPolicy {
  private final DomainInvalidator invalidator;
  private final Consumer<IovaRange> freeIova;
  private final SimClock clock;
  private final FlushQueueConfig config;
  private final FlushQueue[] queues;
  private final AtomicLong flushStartCount = new AtomicLong();
  private final AtomicLong flushFinishCount = new AtomicLong();
  private final AtomicBoolean timerArmed = new AtomicBoolean();
  private final LongAdder queued = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder pagesReleased = new LongAdder();
  private final LongAdder[] flushes = new LongAdder[FlushReason.values().length];

  /**
   * @param invalidator performs a domain-wide invalidation and waits for it
   * @param freeIova gives an IOVA range back (normally {@code IovaAllocator::free})
   * @param clock the simulated clock the timeout runs on
   * @param config queue size, timeout and number of queues
   */
  public LazyUnmapPolicy(
      DomainInvalidator invalidator,
      Consumer<IovaRange> freeIova,
      SimClock clock,
      FlushQueueConfig config) {
    this.invalidator = Objects.requireNonNull(invalidator, "invalidator");
    this.freeIova = Objects.requireNonNull(freeIova, "freeIova");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.queues = new FlushQueue[config.queues()];
    for (int i = 0; i < queues.length; i++) {
      queues[i] = new FlushQueue(config.size());
    }
    for (int i = 0; i < flushes.length; i++) {
      flushes[i] = new LongAdder();
    }
  }

  @Override
  public void unmapped(IovaRange iova, FreedPages freedPages) {
    Objects.requireNonNull(iova, "iova");
    Objects.requireNonNull(freedPages, "freedPages");
    FlushQueue q = queues[Math.floorMod(Thread.currentThread().getId(), queues.length)];
    synchronized (q) {
      releaseCovered(q);
      while (q.isFull()) {
        // One flush suffices unless a flush that started earlier in another thread is still
        // running: the finish count then lags and the oldest entries stay uncovered; flush again.
        flushAll(FlushReason.FULL);
        releaseCovered(q);
      }
      q.add(iova, freedPages, flushStartCount.get());
      queued.increment();
    }
    if (!timerArmed.get() && timerArmed.compareAndSet(false, true)) {
      clock.schedule(config.timeoutNanos(), this::timeout);
    }
  }

  @Override
  public void flush() {
    flushAll(FlushReason.EXPLICIT);
    releaseAllCovered();
  }

  @Override
  public boolean isStrict() {
    return false;
  }

  /** The queue configuration. */
  public FlushQueueConfig config() {
    return config;
  }

  /** Entries currently queued, over all queues. */
  public int pendingEntries() {
    int n = 0;
    for (FlushQueue q : queues) {
      synchronized (q) {
        n += q.size();
      }
    }
    return n;
  }

  /** True while the timeout timer is armed. */
  public boolean timerArmed() {
    return timerArmed.get();
  }

  @Override
  public FlushStats stats() {
    return new FlushStats(
        queued.sum(),
        released.sum(),
        pagesReleased.sum(),
        0,
        flushes[FlushReason.FULL.ordinal()].sum(),
        flushes[FlushReason.TIMEOUT.ordinal()].sum(),
        flushes[FlushReason.EXPLICIT.ordinal()].sum());
  }

  @Override
  public String toString() {
    return "LazyUnmapPolicy[" + config + ", " + stats() + "]";
  }

  private void timeout() {
    timerArmed.set(false);
    if (pendingEntries() == 0) {
      return;
    }
    flushAll(FlushReason.TIMEOUT);
    releaseAllCovered();
  }

  private void flushAll(FlushReason reason) {
    flushStartCount.incrementAndGet();
    invalidator.flushAll();
    flushFinishCount.incrementAndGet();
    flushes[reason.ordinal()].increment();
  }

  private void releaseAllCovered() {
    for (FlushQueue q : queues) {
      synchronized (q) {
        releaseCovered(q);
      }
    }
  }

  /** Releases, oldest first, the entries of {@code q} covered by a completed flush. */
  private void releaseCovered(FlushQueue q) {
    long finished = flushFinishCount.get();
    while (q.headIsCovered(finished)) {
      IovaRange iova = q.headRange();
      FreedPages pages = q.headPages();
      q.removeHead();
      pages.release();
      pagesReleased.add(pages.count());
      freeIova.accept(iova);
      released.increment();
    }
  }
}
