package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.time.SimClock;
import java.util.function.Consumer;

/**
 * What the DMA layer does after clearing the page-table entries of an unmapped IOVA range: when to
 * invalidate, and when to give the range and the freed table pages back. Chosen once per domain
 * (Linux: strict, or lazy with a flush queue). Thread-safe.
 */
public interface UnmapPolicy {

  /**
   * The page-table entries of {@code iova} have been cleared; {@code freedPages} are the table
   * pages that unmap freed. The policy invalidates (now or later) and only then releases both.
   *
   * @param iova the whole range as allocated (it is given back to the IOVA allocator as such)
   */
  void unmapped(IovaRange iova, FreedPages freedPages);

  /**
   * Invalidates and releases everything deferred so far (nothing to do in strict mode). Call it
   * before tearing a domain down.
   */
  void flush();

  /** True for strict mode (invalidation per unmap), false for a flush queue. */
  boolean isStrict();

  /** A snapshot of the counters. */
  FlushStats stats();

  /** Strict mode: invalidate the range after every unmap. */
  static UnmapPolicy strict(DomainInvalidator invalidator, Consumer<IovaRange> freeIova) {
    return new StrictUnmapPolicy(invalidator, freeIova);
  }

  /** Lazy mode: flush queues with the given sizes and timeout on {@code clock}. */
  static UnmapPolicy lazy(
      DomainInvalidator invalidator,
      Consumer<IovaRange> freeIova,
      SimClock clock,
      FlushQueueConfig config) {
    return new LazyUnmapPolicy(invalidator, freeIova, clock, config);
  }
}
