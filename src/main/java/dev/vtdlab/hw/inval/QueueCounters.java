package dev.vtdlab.hw.inval;

import java.util.concurrent.atomic.AtomicLongArray;

/** Observability of the invalidation queue: what it processed and which errors it reported. */
public final class QueueCounters {
  private static final int TYPES = 16;
  private final AtomicLongArray byType = new AtomicLongArray(TYPES);
  private final AtomicLongArray errors = new AtomicLongArray(QueueError.values().length);
  private final AtomicLongArray misc = new AtomicLongArray(Misc.values().length);

  enum Misc {
    WAIT_COMPLETED,
    WAIT_ABORTED,
    STATUS_WRITES,
    STATUS_WRITE_FAILED,
    COMPLETION_INTERRUPTS,
    TIME_OUTS,
    COMPLETION_ERRORS
  }

  void processed(int type) {
    byType.incrementAndGet(type & (TYPES - 1));
  }

  void error(QueueError e) {
    errors.incrementAndGet(e.ordinal());
  }

  void count(Misc m) {
    misc.incrementAndGet(m.ordinal());
  }

  /** Descriptors of this type (1..9) processed without error. */
  public long processedOfType(int type) {
    return type >= 0 && type < TYPES ? byType.get(type) : 0;
  }

  /** Descriptors processed without error, every type. */
  public long processedTotal() {
    long t = 0;
    for (int i = 0; i < TYPES; i++) {
      t += byType.get(i);
    }
    return t;
  }

  /** Queue errors (FSTS.IQE) reported with this IQEI. */
  public long errors(QueueError e) {
    return errors.get(e.ordinal());
  }

  /** Wait descriptors completed (status written / IWC set as asked). */
  public long waitsCompleted() {
    return misc.get(Misc.WAIT_COMPLETED.ordinal());
  }

  /** Wait descriptors aborted by a device-TLB invalidation time-out. */
  public long waitsAborted() {
    return misc.get(Misc.WAIT_ABORTED.ordinal());
  }

  /** Status writes (SW = 1) made. */
  public long statusWrites() {
    return misc.get(Misc.STATUS_WRITES.ordinal());
  }

  /** Status writes dropped because STADDR is beyond the physical address width. */
  public long statusWritesFailed() {
    return misc.get(Misc.STATUS_WRITE_FAILED.ordinal());
  }

  /** Wait descriptors with IF = 1 that set ICS.IWC (a new completion event). */
  public long completionEvents() {
    return misc.get(Misc.COMPLETION_INTERRUPTS.ordinal());
  }

  /** Device-TLB invalidation time-outs (FSTS.ITE reports). */
  public long timeOuts() {
    return misc.get(Misc.TIME_OUTS.ordinal());
  }

  /** Invalidation completion errors (FSTS.ICE reports). */
  public long completionErrors() {
    return misc.get(Misc.COMPLETION_ERRORS.ordinal());
  }
}
