package dev.vtdlab.driver.flush;

import java.util.concurrent.TimeUnit;

/**
 * Shape of a lazy policy's flush queues (Linux dma-iommu options).
 *
 * @param size slots per queue, a power of two; like Linux's ring, a queue holds {@code size - 1}
 *     entries, so the {@code size}-th unmap into a queue finds it full and flushes first
 * @param timeoutNanos how long after the first unmap queued (while no timer is armed) the timer
 *     flushes all queues, in simulated nanoseconds
 * @param queues number of queues; each thread uses one, chosen from its thread id (Linux: one per
 *     CPU, or a single queue)
 */
public record FlushQueueConfig(int size, long timeoutNanos, int queues) {
  /** Linux IOVA_DEFAULT_FQ_SIZE. */
  public static final int DEFAULT_SIZE = 256;

  /** Linux IOVA_DEFAULT_FQ_TIMEOUT: 10 ms. */
  public static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Linux IOVA_SINGLE_FQ_SIZE. */
  public static final int SINGLE_QUEUE_SIZE = 32768;

  /** Linux IOVA_SINGLE_FQ_TIMEOUT: 1000 ms. */
  public static final long SINGLE_QUEUE_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

  /** Checks the values. */
  public FlushQueueConfig {
    if (size < 2 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException(
          "flush queue size must be a power of two of at least 2, got " + size);
    }
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException(
          "flush queue timeout must be positive, got " + timeoutNanos + " ns");
    }
    if (queues < 1) {
      throw new IllegalArgumentException("need at least one flush queue, got " + queues);
    }
  }

  /** Linux's default: one 256-slot queue per CPU, 10 ms timeout. */
  public static FlushQueueConfig perCpu(int cpus) {
    return new FlushQueueConfig(DEFAULT_SIZE, DEFAULT_TIMEOUT_NANOS, cpus);
  }

  /**
   * Linux's single-queue option (for IOMMUs whose invalidation is expensive because the hypervisor
   * shadows the tables; chosen by drivers that set {@code shadow_on_flush}): one 32768-slot queue,
   * 1000 ms timeout.
   */
  public static FlushQueueConfig singleQueue() {
    return new FlushQueueConfig(SINGLE_QUEUE_SIZE, SINGLE_QUEUE_TIMEOUT_NANOS, 1);
  }
}
