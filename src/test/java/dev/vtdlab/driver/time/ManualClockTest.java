package dev.vtdlab.driver.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void timeMovesOnlyWhenAdvanced() {
    ManualClock c = new ManualClock();
    assertThat(c.nowNanos()).isZero();
    c.advanceNanos(5);
    c.advanceMillis(2);
    assertThat(c.nowNanos()).isEqualTo(2_000_005L);
    c.advanceTo(100); // in the past: stays
    assertThat(c.nowNanos()).isEqualTo(2_000_005L);
  }

  @Test
  void timersFireInDeadlineOrderThenArmingOrderWithTheClockAtTheirDeadline() {
    ManualClock c = new ManualClock();
    List<String> fired = new ArrayList<>();
    c.schedule(30, () -> fired.add("c@" + c.nowNanos()));
    c.schedule(10, () -> fired.add("a@" + c.nowNanos()));
    c.schedule(30, () -> fired.add("d@" + c.nowNanos()));
    c.schedule(20, () -> fired.add("b@" + c.nowNanos()));
    c.advanceNanos(25);
    assertThat(fired).containsExactly("a@10", "b@20");
    assertThat(c.nowNanos()).isEqualTo(25);
    c.advanceNanos(100);
    assertThat(fired).containsExactly("a@10", "b@20", "c@30", "d@30");
    assertThat(c.pendingTimers()).isZero();
  }

  @Test
  void aTimerArmedByATimerFiresInTheSameAdvanceIfDue() {
    ManualClock c = new ManualClock();
    List<Long> fired = new ArrayList<>();
    c.schedule(
        10,
        () -> {
          fired.add(c.nowNanos());
          c.schedule(10, () -> fired.add(c.nowNanos()));
        });
    c.advanceNanos(50);
    assertThat(fired).containsExactly(10L, 20L);
  }

  @Test
  void aCancelledTimerNeverFires() {
    ManualClock c = new ManualClock();
    List<String> fired = new ArrayList<>();
    SimClock.Timer t = c.schedule(10, () -> fired.add("x"));
    assertThat(t.isPending()).isTrue();
    assertThat(t.deadlineNanos()).isEqualTo(10);
    assertThat(t.cancel()).isTrue();
    assertThat(t.cancel()).isFalse();
    c.advanceNanos(20);
    assertThat(fired).isEmpty();
    assertThat(t.isPending()).isFalse();
    assertThat(c.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aFiredTimerCannotBeCancelled() {
    ManualClock c = new ManualClock();
    SimClock.Timer t = c.schedule(1, () -> {});
    c.advanceNanos(1);
    assertThat(t.isPending()).isFalse();
    assertThat(t.cancel()).isFalse();
  }

  @Test
  void timeNeverGoesBack() {
    ManualClock c = new ManualClock();
    assertThatThrownBy(() -> c.advanceNanos(-1)).hasMessageContaining("cannot go back");
    assertThatThrownBy(() -> c.schedule(-1, () -> {})).hasMessageContaining("negative");
  }
}
