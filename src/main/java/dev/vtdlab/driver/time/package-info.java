/**
 * Simulated time for the driver model: a {@link dev.vtdlab.driver.time.SimClock} that only moves
 * when a caller advances it, with one-shot timers that fire, in deadline order, in the thread that
 * advances the clock. Linux drives its flush-queue timeout with a kernel timer; the model uses this
 * clock instead so that every run is deterministic (no wall-clock reads anywhere in the model).
 *
 * <p>Room: driver. If the hardware model ever needs simulated time, this package can move down a
 * room unchanged (it depends on nothing but the JDK).
 */
package dev.vtdlab.driver.time;
