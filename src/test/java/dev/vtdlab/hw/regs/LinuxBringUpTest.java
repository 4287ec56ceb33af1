package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.RecordingInvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import org.junit.jupiter.api.Test;

/**
 * A Linux-like bring-up through registers and memory only (digest 1.5, 9.6, 10.1): root table,
 * SRTP, queued invalidation, global flushes with a wait descriptor polled in memory, then TE.
 */
class LinuxBringUpTest {
  private static final long ROOT_TABLE = 0x1_0000L;
  private static final long QUEUE = 0x2_0000L;
  private static final long STATUS = 0x3_0000L;
  private static final int QI_DONE = 2;

  private final SparseMemory memory = new SparseMemory(48);
  private final RecordingInvalidationTarget caches = new RecordingInvalidationTarget();
  private int tailIndex;

  /** Sets GCMD bit from the GSTS persistent bits and waits for the status (digest 1.5). */
  private static void gcmd(RemappingRegisters u, long commandBit, long statusBit, boolean set) {
    int sts = u.read32(GSTS_REG) & 0x96FF_FFFF;
    u.write32(GCMD_REG, (int) (set ? sts | commandBit : sts & ~commandBit));
    for (int spin = 0; spin < 1000; spin++) {
      if (((u.read32(GSTS_REG) & statusBit) != 0) == set) {
        return;
      }
    }
    throw new AssertionError("GSTS never reflected the command " + Long.toHexString(commandBit));
  }

  private void submit(RemappingRegisters u, boolean wide, InvDescriptor... ds) {
    int width = wide ? 32 : 16;
    for (InvDescriptor d : ds) {
      long slot = QUEUE + (long) tailIndex * width;
      memory.write64(slot, d.qw0());
      memory.write64(slot + 8, d.qw1());
      if (wide) {
        memory.write64(slot + 16, 0);
        memory.write64(slot + 24, 0);
      }
      tailIndex++;
    }
    u.write64(IQT_REG, (long) tailIndex << (wide ? 5 : 4));
  }

  private void bringUp(UnitConfig config, long ttm, boolean wide) {
    RemappingRegisters u = new RemappingRegisters(config, memory, caches);
    u.write64(RTADDR_REG, ROOT_TABLE | ttm << 10);
    gcmd(u, GlobalCommand.SRTP.mask(), GlobalCommand.RTPS.mask(), true);

    u.write64(IQT_REG, 0);
    u.write64(IQA_REG, QUEUE | (wide ? 1L << 11 : 0));
    gcmd(u, GlobalCommand.QIE.mask(), GlobalCommand.QIES.mask(), true);

    memory.write32(STATUS, 1); // QI_IN_USE
    if (ttm == 1) {
      submit(
          u,
          wide,
          ContextCacheInvDescriptor.global(),
          PasidCacheInvDescriptor.global(),
          IotlbInvDescriptor.global(),
          InvWaitDescriptor.statusWrite(QI_DONE, STATUS));
    } else {
      submit(
          u,
          wide,
          ContextCacheInvDescriptor.global(),
          IotlbInvDescriptor.global(),
          InvWaitDescriptor.statusWrite(QI_DONE, STATUS));
    }
    assertThat(memory.read32(STATUS)).isEqualTo(QI_DONE);

    gcmd(u, GlobalCommand.TE.mask(), GlobalCommand.TES.mask(), true);
    assertThat(u.translationEnabled()).isTrue();
    assertThat(u.rootTable().rootTableHpa()).isEqualTo(ROOT_TABLE);
    assertThat(u.rootTable().mode().value()).isEqualTo((int) ttm);
    assertThat(u.read64(IQH_REG)).isEqualTo(u.read64(IQT_REG));
    assertThat(u.read32(FSTS_REG)).isZero();
    assertThat(u.invalidations().count(InvalidationKind.CONTEXT_CACHE_GLOBAL)).isEqualTo(1);
    assertThat(u.invalidations().count(InvalidationKind.IOTLB_GLOBAL)).isEqualTo(1);
    assertThat(u.invalidations().count(InvalidationKind.PASID_CACHE_GLOBAL)).isEqualTo(ttm);
    assertThat(u.queue().counters().waitsCompleted()).isEqualTo(1);
    assertThat(u.ignoredCommands()).isZero();
  }

  @Test
  void aLegacyUnitComesUpThroughRegistersAlone() {
    bringUp(UnitConfig.legacy(), 0, false);
  }

  @Test
  void aScalableUnitComesUpWithWideDescriptors() {
    bringUp(UnitConfig.server(), 1, true);
  }

  @Test
  void theQemuLikeUnitComesUpInScalableMode() {
    bringUp(UnitConfig.qemu(), 1, true);
  }

  @Test
  void aScalableCapableUnitRunsLegacyModeWithWideDescriptorsAsLinuxDoes() {
    bringUp(UnitConfig.server(), 0, true);
  }
}
