package dev.vtdlab.driver.time;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SimClock} advanced by explicit calls. Advancing runs every timer whose deadline is
 * reached, in deadline order (ties: arming order); while a timer runs, {@link #nowNanos()} reads
 * its deadline. A timer armed by a running timer fires in the same advance if its deadline is
 * within the target. Thread-safe; deterministic when one thread advances the clock.
 */
public final class ManualClock implements SimClock {
  private final PriorityQueue<PendingTimer> timers =
      new PriorityQueue<>(
          (a, b) ->
              a.deadlineNanos != b.deadlineNanos
                  ? Long.compare(a.deadlineNanos, b.deadlineNanos)
                  : Long.compare(a.sequence, b.sequence));
  private long nowNanos;
  private long nextSequence;

  /** A clock at time 0. */
  public ManualClock() {}

  @Override
  public synchronized long nowNanos() {
    return nowNanos;
  }

  @Override
  public synchronized Timer schedule(long delayNanos, Runnable action) {
    if (delayNanos < 0) {
      throw new IllegalArgumentException("timer delay must not be negative, got " + delayNanos);
    }
    long deadline = nowNanos + delayNanos;
    if (deadline < nowNanos) {
      throw new IllegalArgumentException("timer delay " + delayNanos + " ns overflows the clock");
    }
    PendingTimer t = new PendingTimer(this, deadline, nextSequence++, action);
    timers.add(t);
    return t;
  }

  /** Advances the clock by {@code nanos} (at least 0), firing the timers that come due. */
  public void advanceNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a clock cannot go back: advance by " + nanos + " ns");
    }
    long target;
    synchronized (this) {
      target = nowNanos + nanos;
      if (target < nowNanos) {
        throw new IllegalArgumentException("advancing by " + nanos + " ns overflows the clock");
      }
    }
    advanceTo(target);
  }

  /** Advances the clock by {@code millis} milliseconds. */
  public void advanceMillis(long millis) {
    advanceNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /**
   * Moves the clock to {@code targetNanos}, firing the timers that come due. A target in the past
   * leaves the clock where it is (another thread may have advanced it) but still fires due timers.
   */
  public void advanceTo(long targetNanos) {
    while (true) {
      PendingTimer due;
      synchronized (this) {
        PendingTimer head = timers.peek();
        if (head == null || head.deadlineNanos > targetNanos) {
          nowNanos = Math.max(nowNanos, targetNanos);
          return;
        }
        due = timers.poll();
        nowNanos = Math.max(nowNanos, due.deadlineNanos);
        due.fired = true;
      }
      due.action.run();
    }
  }

  /** Number of armed timers that have not fired and were not cancelled. */
  public synchronized int pendingTimers() {
    return timers.size();
  }

  /** Deadline of the earliest pending timer; {@code Long.MAX_VALUE} when there is none. */
  public synchronized long nextDeadlineNanos() {
    PendingTimer head = timers.peek();
    return head == null ? Long.MAX_VALUE : head.deadlineNanos;
  }

  private synchronized boolean cancel(PendingTimer t) {
    if (t.fired) {
      return false;
    }
    t.fired = true;
    return timers.remove(t);
  }

  private synchronized boolean isPending(PendingTimer t) {
    return !t.fired;
  }

  @Override
  public synchronized String toString() {
    return "ManualClock[now=" + nowNanos + " ns, pending timers=" + timers.size() + "]";
  }

  private static final class PendingTimer implements Timer {
    private final ManualClock clock;
    private final long deadlineNanos;
    private final long sequence;
    private final Runnable action;
    private boolean fired; // guarded by clock; true once fired or cancelled

    PendingTimer(ManualClock clock, long deadlineNanos, long sequence, Runnable action) {
      this.clock = clock;
      this.deadlineNanos = deadlineNanos;
      this.sequence = sequence;
      this.action = action;
    }

    @Override
    public long deadlineNanos() {
      return deadlineNanos;
    }

    @Override
    public boolean cancel() {
      return clock.cancel(this);
    }

    @Override
    public boolean isPending() {
      return clock.isPending(this);
    }
  }
}
