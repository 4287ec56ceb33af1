package dev.vtdlab.driver.inv;

import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.DeviceTlbInvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidDeviceTlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts invalidation work the driver asked for: descriptors by type (register-based commands are
 * counted as the descriptor type they stand for), invalidation-wait descriptors, submissions
 * (batches) and submissions the unit rejected. One instance per driver, one per domain.
 * Thread-safe.
 */
public final class InvalidationCounters {
  private static final int TYPES = 16;

  private final LongAdder[] byType = new LongAdder[TYPES];
  private final LongAdder submissions = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  public InvalidationCounters() {
    for (int i = 0; i < TYPES; i++) {
      byType[i] = new LongAdder();
    }
  }

  void descriptor(int type) {
    byType[type < TYPES ? type : 0].increment();
  }

  void submission() {
    submissions.increment();
  }

  void rejected() {
    rejected.increment();
  }

  /** Descriptors of {@code type} (1..9) submitted. */
  public long descriptors(int type) {
    return byType[type].sum();
  }

  /** A snapshot. */
  public InvalidationStats stats() {
    return new InvalidationStats(
        descriptors(ContextCacheInvDescriptor.TYPE),
        descriptors(IotlbInvDescriptor.TYPE),
        descriptors(PasidIotlbInvDescriptor.TYPE),
        descriptors(PasidCacheInvDescriptor.TYPE),
        descriptors(DeviceTlbInvDescriptor.TYPE) + descriptors(PasidDeviceTlbInvDescriptor.TYPE),
        descriptors(InvWaitDescriptor.TYPE),
        submissions.sum(),
        rejected.sum());
  }

  @Override
  public String toString() {
    return stats().toString();
  }
}
