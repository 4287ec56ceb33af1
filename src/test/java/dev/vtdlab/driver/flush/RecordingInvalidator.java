package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test invalidator: counts domain-wide flushes started and finished, records range flushes, and
 * runs an optional check inside each flush (while it is "in progress").
 */
final class RecordingInvalidator implements DomainInvalidator {
  final AtomicLong started = new AtomicLong();
  final AtomicLong finished = new AtomicLong();
  final List<String> rangeFlushes = new ArrayList<>();
  Runnable duringFlushAll = () -> {};

  @Override
  public synchronized void flushRange(IovaRange iova, boolean invalidationHint) {
    rangeFlushes.add(iova + (invalidationHint ? " IH" : ""));
  }

  @Override
  public void flushAll() {
    started.incrementAndGet();
    duringFlushAll.run();
    finished.incrementAndGet();
  }
}
