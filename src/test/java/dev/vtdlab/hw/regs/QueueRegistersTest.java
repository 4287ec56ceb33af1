package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.fault.InterruptMessage;
import dev.vtdlab.hw.inval.DeviceTlbInvDescriptor;
import dev.vtdlab.hw.inval.DeviceTlbRange;
import dev.vtdlab.hw.inval.DeviceTlbResponder;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.QueueError;
import dev.vtdlab.hw.inval.QueueRegisters;
import dev.vtdlab.hw.inval.RecordingInvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import org.junit.jupiter.api.Test;

/** Queued invalidation as software sees it through the registers. */
class QueueRegistersTest {
  private static final long QUEUE = 0x4_0000L;
  private static final long STATUS = 0x5_0000L;
  private final SparseMemory memory = new SparseMemory(48);
  private final RecordingInvalidationTarget caches = new RecordingInvalidationTarget();
  private int index;

  private RemappingRegisters unit(UnitConfig c, boolean wide) {
    RemappingRegisters u = new RemappingRegisters(c, memory, caches);
    u.write64(IQA_REG, QUEUE | (wide ? 1L << 11 : 0));
    u.write32(GCMD_REG, (int) GlobalCommand.QIE.mask());
    return u;
  }

  private void put(InvDescriptor d, int width) {
    memory.write64(QUEUE + (long) index * width, d.qw0());
    memory.write64(QUEUE + (long) index * width + 8, d.qw1());
    index++;
  }

  @Test
  void iwcIsWriteOneToClearAndDrivesTheCompletionEvent() {
    RemappingRegisters u = unit(UnitConfig.legacy(), false);
    u.write32(IEDATA_REG, 0x99);
    u.write32(IEADDR_REG, 0xFEE0_0000);
    u.write32(IECTL_REG, 0);
    put(InvWaitDescriptor.of(true, false, false, 0, 0), 16);
    u.write64(IQT_REG, 0x10);
    assertThat(u.read32(ICS_REG)).isEqualTo(1);
    assertThat(u.interrupts().last())
        .isEqualTo(
            new InterruptMessage(
                InterruptMessage.Source.INVALIDATION_COMPLETION, 0xFEE0_0000L, 0x99));
    u.write32(ICS_REG, 0);
    assertThat(u.read32(ICS_REG)).isEqualTo(1);
    u.write32(ICS_REG, 1);
    assertThat(u.read32(ICS_REG)).isZero();
    assertThat(u.read32(IECTL_REG)).isZero();
  }

  @Test
  void clearingIqeInFstsResumesTheQueueAtTheFixedDescriptor() {
    RemappingRegisters u = unit(UnitConfig.legacy(), false);
    put(IotlbInvDescriptor.domain(1), 16);
    put(InvDescriptor.of(0xF, 0), 16); // type 15: not defined
    put(InvWaitDescriptor.statusWrite(3, STATUS), 16);
    u.write64(IQT_REG, 0x30);
    assertThat(Fsts.IQE.isSet(u.read32(FSTS_REG))).isTrue();
    assertThat(QueueRegisters.IQEI.get(u.read64(IQERCD_REG)))
        .isEqualTo(QueueError.INVALID_TYPE.code());
    assertThat(u.read64(IQH_REG)).isEqualTo(0x10);
    // Linux: overwrite the bad descriptor with a wait, then clear IQE
    memory.write64(QUEUE + 0x10, InvWaitDescriptor.statusWrite(2, STATUS + 8).qw0());
    memory.write64(QUEUE + 0x18, STATUS + 8);
    u.write32(FSTS_REG, (int) Fsts.IQE.mask());
    assertThat(u.read32(FSTS_REG)).isZero();
    assertThat(memory.read32(STATUS + 8)).isEqualTo(2);
    assertThat(memory.read32(STATUS)).isEqualTo(3);
    assertThat(u.read64(IQH_REG)).isEqualTo(0x30);
  }

  @Test
  void anInvalidationTimeOutIsReportedInFstsAndIqercd() {
    RemappingRegisters u = unit(UnitConfig.server(), true);
    u.queue().setDeviceTlbResponder(sid -> DeviceTlbResponder.Response.TIME_OUT);
    put(DeviceTlbInvDescriptor.of(0x0A10, 0, 0, DeviceTlbRange.entire()), 32);
    put(InvWaitDescriptor.statusWrite(1, STATUS), 32);
    u.write64(IQT_REG, 0x40);
    assertThat(u.read32(FSTS_REG)).isEqualTo((int) Fsts.ITE.mask());
    assertThat(QueueRegisters.ITESID.get(u.read64(IQERCD_REG))).isEqualTo(0x0A10);
    assertThat(memory.read32(STATUS)).isZero();
    assertThat(u.interrupts().messages()).isEmpty(); // FECTL still masked
    assertThat(u.read32(FECTL_REG)).isEqualTo(0xC000_0000);
    u.queue().setDeviceTlbResponder(DeviceTlbResponder.ALWAYS_COMPLETES);
    put(InvWaitDescriptor.statusWrite(5, STATUS), 32);
    u.write64(IQT_REG, 0x60);
    assertThat(memory.read32(STATUS)).isZero();
    u.write32(FSTS_REG, (int) Fsts.ITE.mask());
    assertThat(memory.read32(STATUS)).isEqualTo(5);
    assertThat(u.read32(FECTL_REG)).isEqualTo(0x8000_0000);
  }
}
