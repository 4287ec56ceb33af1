package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Strict unmap (Linux {@code iommu.strict=1}): after every unmap, a range invalidation ({@link
 * DomainInvalidator#flushRange}, with the invalidation hint set when no table page was freed), then
 * the freed table pages and the IOVA range are released, in that order, in the caller's thread.
 * Thread-safe (no state but counters).
 */
public final class StrictUnmapPolicy implements UnmapPolicy {
  private final DomainInvalidator invalidator;
  private final Consumer<IovaRange> freeIova;
  private final LongAdder unmaps = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder pagesReleased = new LongAdder();
  private final LongAdder flushes = new LongAdder();

  /**
   * @param invalidator performs and waits for the range invalidation
   * @param freeIova gives an IOVA range back (normally {@code IovaAllocator::free})
   */
  public StrictUnmapPolicy(DomainInvalidator invalidator, Consumer<IovaRange> freeIova) {
    this.invalidator = Objects.requireNonNull(invalidator, "invalidator");
    this.freeIova = Objects.requireNonNull(freeIova, "freeIova");
  }

  @Override
  public void unmapped(IovaRange iova, FreedPages freedPages) {
    unmaps.increment();
    invalidator.flushRange(iova, freedPages.count() == 0);
    flushes.increment();
    freedPages.release();
    pagesReleased.add(freedPages.count());
    freeIova.accept(iova);
    released.increment();
  }

  /** Nothing is ever deferred in strict mode. */
  @Override
  public void flush() {}

  @Override
  public boolean isStrict() {
    return true;
  }

  @Override
  public FlushStats stats() {
    return new FlushStats(
        unmaps.sum(), released.sum(), pagesReleased.sum(), flushes.sum(), 0, 0, 0);
  }

  @Override
  public String toString() {
    return "StrictUnmapPolicy[" + stats() + "]";
  }
}
