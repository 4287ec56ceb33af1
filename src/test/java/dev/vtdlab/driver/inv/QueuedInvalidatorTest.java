package dev.vtdlab.driver.inv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.QueueError;
import dev.vtdlab.hw.regs.RegisterTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuedInvalidatorTest {

  @Test
  void aBatchEndsWithAStatusWriteWaitAndTheStatusWordReadsDone() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    QueuedInvalidator qi = (QueuedInvalidator) h.driver.invalidator();
    long tailBefore = h.regs.read64(RegisterTable.IQT_REG) >>> 5;
    InvalidationResult r = qi.submit(IotlbInvDescriptor.domain(7));
    assertThat(r.completed()).isTrue();
    int waitSlot = (int) tailBefore + 1;
    long waitHpa = qi.queueHpa() + 32L * waitSlot;
    InvWaitDescriptor w =
        new InvWaitDescriptor(h.memory.read64(waitHpa), h.memory.read64(waitHpa + 8));
    assertThat(w.statusWrite()).isTrue();
    assertThat(w.fence()).isTrue();
    assertThat(w.statusHpa()).isEqualTo(qi.statusHpa(waitSlot));
    assertThat(h.memory.read32(qi.statusHpa(waitSlot))).isEqualTo(QueuedInvalidator.DONE);
    assertThat(h.regs.read64(RegisterTable.IQH_REG))
        .isEqualTo(h.regs.read64(RegisterTable.IQT_REG));
  }

  @Test
  void longBatchesAreSplitIntoSixteenDescriptorsPerWait() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    InvalidationCounters c = new InvalidationCounters();
    List<dev.vtdlab.hw.inval.InvDescriptor> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(IotlbInvDescriptor.domain(i));
    }
    h.clear();
    h.driver.invalidator().submit(many, c);
    assertThat(c.stats().iotlb()).isEqualTo(40);
    assertThat(c.stats().waits()).isEqualTo(3);
    assertThat(h.calls()).hasSize(40);
  }

  @Test
  void theQueueWrapsAroundItsEnd() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    h.clear();
    for (int i = 0; i < 300; i++) {
      assertThat(h.driver.invalidator().submit(IotlbInvDescriptor.domain(3)).completed()).isTrue();
    }
    assertThat(h.kinds()).hasSize(300).containsOnly(InvalidationKind.IOTLB_DOMAIN);
  }

  @Test
  void aQueueErrorIsReportedClearedAndTheQueueKeepsWorking() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    QueuedInvalidator qi = (QueuedInvalidator) h.driver.invalidator();
    long reservedBit = 1L << 40; // IOTLB descriptor qword 0 bits 63:32 are reserved
    IotlbInvDescriptor good = IotlbInvDescriptor.domain(5);
    InvalidationResult r = qi.submitRaw(good.qw0() | reservedBit, 0);
    assertThat(r).isInstanceOf(InvalidationResult.Rejected.class);
    InvalidationResult.Rejected rej = (InvalidationResult.Rejected) r;
    assertThat(rej.error()).isEqualTo(QueueError.RESERVED_FIELD);
    assertThat(rej.message()).contains("IQEI 4");
    assertThat(qi.rejections()).containsExactly(rej);
    assertThat(Fsts.IQE.isSet(h.regs.read32(RegisterTable.FSTS_REG))).as("IQE cleared").isFalse();
    h.clear();
    assertThat(qi.submit(good).completed()).isTrue();
    assertThat(h.kinds()).containsExactly(InvalidationKind.IOTLB_DOMAIN);
    assertThat(qi.counters().stats().rejected()).isEqualTo(1);
  }
}
