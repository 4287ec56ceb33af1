package dev.vtdlab.driver.time;

/**
 * A simulated clock: time in nanoseconds since the start of the simulation, moved only by explicit
 * calls (see {@link ManualClock}), plus one-shot timers. Implementations are thread-safe; timer
 * actions run in the thread that advances the clock, never while the clock holds a lock.
 */
public interface SimClock {

  /** Nanoseconds since the start of the simulation. Never decreases. */
  long nowNanos();

  /**
   * Arms a one-shot timer that runs {@code action} once the clock reaches {@code nowNanos() +
   * delayNanos}. Timers due at the same instant fire in the order they were armed.
   *
   * @param delayNanos delay, at least 0
   * @return a handle to cancel the timer
   */
  Timer schedule(long delayNanos, Runnable action);

  /** A timer armed with {@link #schedule}. */
  interface Timer {
    /** The instant (ns) at which the timer fires. */
    long deadlineNanos();

    /**
     * Disarms the timer.
     *
     * @return true when the timer had not fired or been cancelled yet (so it now never will)
     */
    boolean cancel();

    /** True while the timer has neither fired nor been cancelled. */
    boolean isPending();
  }
}
