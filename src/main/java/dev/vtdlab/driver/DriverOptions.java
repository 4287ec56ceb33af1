package dev.vtdlab.driver;

import dev.vtdlab.driver.flush.FlushQueueConfig;
import dev.vtdlab.driver.time.ManualClock;
import dev.vtdlab.driver.time.SimClock;
import java.util.Objects;

/**
 * How the driver should use a unit, where it has a choice (Linux: kernel command line and build
 * options).
 *
 * @param mode translation table mode: {@link Mode#AUTO} = scalable when ECAP.SMTS (and queued
 *     invalidation is usable), else legacy (Linux {@code intel_iommu=sm_on/sm_off})
 * @param stage stage of DMA domains: {@link StageChoice#AUTO} = first stage when scalable mode and
 *     ECAP.FSTS, else second stage (Linux first_level_by_default); legacy mode is always second
 *     stage
 * @param flush unmap policy of DMA domains (Linux {@code iommu.strict}); lazy is Linux's default
 * @param flushQueue shape of the lazy flush queues
 * @param clock simulated time for the flush-queue timeout
 * @param addressWidth the widest IOVA space wanted (Linux DEFAULT_DOMAIN_ADDRESS_WIDTH 57): caps
 *     the second-stage AGAW and allows 5-level first-stage tables only at 57
 * @param queuedInvalidation use queued invalidation when ECAP.QI (false: register-based, legacy
 *     mode only)
 */
public record DriverOptions(
    Mode mode,
    StageChoice stage,
    FlushMode flush,
    FlushQueueConfig flushQueue,
    SimClock clock,
    int addressWidth,
    boolean queuedInvalidation) {

  /** Translation table mode choice. */
  public enum Mode {
    AUTO,
    LEGACY,
    SCALABLE
  }

  /** Stage choice for DMA domains. */
  public enum StageChoice {
    AUTO,
    FIRST,
    SECOND
  }

  /** Unmap policy of DMA domains. */
  public enum FlushMode {
    STRICT,
    LAZY
  }

  /** Linux's default IOVA width. */
  public static final int DEFAULT_ADDRESS_WIDTH = 57;

  public DriverOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(flush, "flush");
    Objects.requireNonNull(flushQueue, "flushQueue");
    Objects.requireNonNull(clock, "clock");
    if (addressWidth < 39 || addressWidth > 57) {
      throw new IllegalArgumentException("address width must be 39..57 bits, got " + addressWidth);
    }
  }

  /** Automatic mode and stage, lazy unmap with 4 per-CPU queues, a fresh clock, 57 bits, QI. */
  public static DriverOptions defaults() {
    return new DriverOptions(
        Mode.AUTO,
        StageChoice.AUTO,
        FlushMode.LAZY,
        FlushQueueConfig.perCpu(4),
        new ManualClock(),
        DEFAULT_ADDRESS_WIDTH,
        true);
  }

  public DriverOptions withMode(Mode newMode) {
    return new DriverOptions(
        newMode, stage, flush, flushQueue, clock, addressWidth, queuedInvalidation);
  }

  public DriverOptions withStage(StageChoice newStage) {
    return new DriverOptions(
        mode, newStage, flush, flushQueue, clock, addressWidth, queuedInvalidation);
  }

  public DriverOptions withFlush(FlushMode newFlush) {
    return new DriverOptions(
        mode, stage, newFlush, flushQueue, clock, addressWidth, queuedInvalidation);
  }

  public DriverOptions withFlushQueue(FlushQueueConfig newConfig) {
    return new DriverOptions(
        mode, stage, flush, newConfig, clock, addressWidth, queuedInvalidation);
  }

  public DriverOptions withClock(SimClock newClock) {
    return new DriverOptions(
        mode, stage, flush, flushQueue, newClock, addressWidth, queuedInvalidation);
  }

  public DriverOptions withAddressWidth(int bits) {
    return new DriverOptions(mode, stage, flush, flushQueue, clock, bits, queuedInvalidation);
  }

  public DriverOptions withQueuedInvalidation(boolean on) {
    return new DriverOptions(mode, stage, flush, flushQueue, clock, addressWidth, on);
  }
}
