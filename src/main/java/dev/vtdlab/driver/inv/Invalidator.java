package dev.vtdlab.driver.inv;

import dev.vtdlab.hw.inval.InvDescriptor;
import java.util.List;

/**
 * Submits invalidation descriptors to the unit and waits for them: queued invalidation ({@link
 * QueuedInvalidator}) or, on units without ECAP.QI, the CCMD / IOTLB registers ({@link
 * RegisterInvalidator}). Thread-safe: submissions are serialized (Linux's {@code qi->q_lock}).
 */
public interface Invalidator {

  /** Most descriptors per batch before the wait descriptor (Linux QI_MAX_BATCHED_DESC_COUNT). */
  int MAX_BATCH = 16;

  /**
   * Performs {@code descriptors} in order and returns once all have completed.
   *
   * @param alsoCount counters of the domain the work is for, besides the driver's (may be null)
   */
  InvalidationResult submit(List<InvDescriptor> descriptors, InvalidationCounters alsoCount);

  /** {@link #submit(List, InvalidationCounters)} counted only by the driver. */
  default InvalidationResult submit(InvDescriptor... descriptors) {
    return submit(List.of(descriptors), null);
  }

  /** True for queued invalidation. */
  boolean queued();

  /** The driver-wide counters. */
  InvalidationCounters counters();

  /** The rejections seen so far (reported and cleared), oldest first. */
  List<InvalidationResult.Rejected> rejections();

  /** A one-line description ("queued, 256 x 256-bit descriptors" / "register-based"). */
  String describe();
}
