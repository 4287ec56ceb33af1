package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.Invalidation;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.RecordingInvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import org.junit.jupiter.api.Test;

class GlobalCommandTest {
  private final SparseMemory memory = new SparseMemory(48);
  private final RecordingInvalidationTarget caches = new RecordingInvalidationTarget();

  private RemappingRegisters unit(UnitConfig c) {
    return new RemappingRegisters(c, memory, caches);
  }

  /** The digest 1.5 rule 2: GSTS & 0x96FFFFFF keeps the persistent bits, then one bit. */
  private static void command(RemappingRegisters u, long bit, boolean on) {
    int status = u.read32(GSTS_REG) & 0x96FF_FFFF;
    u.write32(GCMD_REG, (int) (on ? status | bit : status & ~bit));
  }

  private static boolean status(RemappingRegisters u, long bit) {
    return (u.read32(GSTS_REG) & bit) != 0;
  }

  @Test
  void srtpLatchesRtaddrWithTtmAndSetsRtps() {
    RemappingRegisters u = unit(UnitConfig.server());
    assertThat(status(u, GlobalCommand.RTPS.mask())).isFalse();
    assertThat(u.rootTable()).isEqualTo(RootTablePointer.RESET);
    u.write64(RTADDR_REG, 0x1234_5000L | 1L << 10);
    assertThat(u.rootTable()).isEqualTo(RootTablePointer.RESET);
    command(u, GlobalCommand.SRTP.mask(), true);
    assertThat(status(u, GlobalCommand.RTPS.mask())).isTrue();
    assertThat(u.rootTablePointerSet()).isTrue();
    assertThat(u.rootTable())
        .isEqualTo(new RootTablePointer(0x1234_5000L, TranslationTableMode.SCALABLE));
    assertThat(u.rootTable().modeSupported(u.config().ecap())).isTrue();
    // a later RTADDR write is not used until the next SRTP
    u.write64(RTADDR_REG, 0x9999_9000L);
    assertThat(u.rootTable().rootTableHpa()).isEqualTo(0x1234_5000L);
    command(u, GlobalCommand.SRTP.mask(), true);
    assertThat(u.rootTable())
        .isEqualTo(new RootTablePointer(0x9999_9000L, TranslationTableMode.LEGACY));
    assertThat(u.rootTableLatches()).isEqualTo(2);
  }

  @Test
  void aTtmTheUnitDoesNotSupportIsLatchedAsWrittenForTheTranslatorToFault() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(RTADDR_REG, 0x1000 | 1L << 10);
    command(u, GlobalCommand.SRTP.mask(), true);
    assertThat(u.rootTable().mode()).isEqualTo(TranslationTableMode.SCALABLE);
    assertThat(u.rootTable().modeSupported(u.config().ecap())).isFalse();
    u.write64(RTADDR_REG, 0x1000 | 2L << 10);
    command(u, GlobalCommand.SRTP.mask(), true);
    assertThat(u.rootTable().modeSupported(UnitConfig.server().ecap())).isFalse();
    u.write64(RTADDR_REG, 0x1000 | 3L << 10);
    command(u, GlobalCommand.SRTP.mask(), true);
    assertThat(u.rootTable().mode()).isEqualTo(TranslationTableMode.ABORT_DMA);
    assertThat(u.rootTable().modeSupported(UnitConfig.legacy().ecap())).isFalse();
    assertThat(u.rootTable().modeSupported(UnitConfig.server().ecap())).isTrue();
  }

  @Test
  void teEnablesAndDisablesTranslation() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    assertThat(u.translationEnabled()).isFalse();
    command(u, GlobalCommand.TE.mask(), true);
    assertThat(u.translationEnabled()).isTrue();
    assertThat(status(u, GlobalCommand.TES.mask())).isTrue();
    command(u, GlobalCommand.TE.mask(), false);
    assertThat(u.translationEnabled()).isFalse();
    assertThat(status(u, GlobalCommand.TES.mask())).isFalse();
  }

  @Test
  void writeBufferFlushCompletesAtOnceOnUnitsThatNeedIt() {
    RemappingRegisters u = unit(Units.everything());
    command(u, GlobalCommand.WBF.mask(), true);
    assertThat(status(u, GlobalCommand.WBFS.mask())).isFalse();
    assertThat(u.writeBufferFlushes()).isEqualTo(1);
    RemappingRegisters noRwbf = unit(UnitConfig.legacy());
    command(noRwbf, GlobalCommand.WBF.mask(), true);
    assertThat(noRwbf.writeBufferFlushes()).isZero();
  }

  @Test
  void qieEnablesTheQueueAndClearingItResetsTheHead() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(IQT_REG, 0);
    u.write64(IQA_REG, 0x10_0000L);
    command(u, GlobalCommand.QIE.mask(), true);
    assertThat(status(u, GlobalCommand.QIES.mask())).isTrue();
    memory.write64(0x10_0000L, IotlbInvDescriptor.global().qw0());
    u.write64(IQT_REG, 0x10);
    assertThat(u.read64(IQH_REG)).isEqualTo(0x10);
    command(u, GlobalCommand.QIE.mask(), false);
    assertThat(status(u, GlobalCommand.QIES.mask())).isFalse();
    assertThat(u.read64(IQH_REG)).isZero();
    assertThat(caches.calls())
        .extracting(Invalidation::kind)
        .containsExactly(InvalidationKind.IOTLB_GLOBAL);
  }

  @Test
  void commandsTheUnitDoesNotAdvertiseAreIgnored() {
    RemappingRegisters u = unit(Units.withoutQueuedInvalidation());
    command(u, GlobalCommand.QIE.mask(), true);
    command(u, GlobalCommand.IRE.mask(), true);
    command(u, GlobalCommand.EAFL.mask(), true);
    assertThat(u.read32(GSTS_REG)).isZero();
    assertThat(u.queue().enabled()).isFalse();
  }

  @Test
  void onlyOneCommandIsPerformedPerWrite() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write32(GCMD_REG, (int) (GlobalCommand.TE.mask() | GlobalCommand.QIE.mask()));
    assertThat(status(u, GlobalCommand.TES.mask())).isTrue();
    assertThat(status(u, GlobalCommand.QIES.mask())).isFalse();
    assertThat(u.ignoredCommands()).isEqualTo(1);
    // keeping TE and adding QIE is one command
    u.write32(GCMD_REG, (int) (GlobalCommand.TE.mask() | GlobalCommand.QIE.mask()));
    assertThat(status(u, GlobalCommand.QIES.mask())).isTrue();
    assertThat(u.ignoredCommands()).isEqualTo(1);
  }

  @Test
  void persistentBitsSurviveOneShotCommandsBuiltFromStatus() {
    RemappingRegisters u = unit(UnitConfig.server());
    command(u, GlobalCommand.TE.mask(), true);
    command(u, GlobalCommand.SRTP.mask(), true);
    command(u, GlobalCommand.IRE.mask(), true);
    command(u, GlobalCommand.CFI.mask(), true);
    command(u, GlobalCommand.SIRTP.mask(), true);
    assertThat(u.read32(GSTS_REG))
        .isEqualTo(
            (int)
                (GlobalCommand.TES.mask()
                    | GlobalCommand.RTPS.mask()
                    | GlobalCommand.IRES.mask()
                    | GlobalCommand.CFIS.mask()
                    | GlobalCommand.IRTPS.mask()));
    assertThat(u.ignoredCommands()).isZero();
  }

  @Test
  void sirtpLatchesTheInterruptRemapTableAddress() {
    RemappingRegisters u = unit(UnitConfig.server());
    u.write64(IRTA_REG, 0x55_5000L | 0x800 | 0xF);
    command(u, GlobalCommand.SIRTP.mask(), true);
    assertThat(u.latchedIrta()).isEqualTo(0x55_580FL);
    assertThat(status(u, GlobalCommand.IRTPS.mask())).isTrue();
  }

  @Test
  void advancedFaultLogCommandsWorkOnlyWithAfl() {
    RemappingRegisters u = unit(Units.everything());
    u.write64(AFLOG_REG, 0x7_7000L | 3 << 9);
    command(u, GlobalCommand.SFL.mask(), true);
    command(u, GlobalCommand.EAFL.mask(), true);
    assertThat(status(u, GlobalCommand.FLS.mask())).isTrue();
    assertThat(status(u, GlobalCommand.AFLS.mask())).isTrue();
  }

  @Test
  void srtpInvalidatesEveryCacheWhenTheUnitAdvertisesEsrtps() {
    RemappingRegisters u = unit(Units.everything());
    command(u, GlobalCommand.SRTP.mask(), true);
    command(u, GlobalCommand.SIRTP.mask(), true);
    assertThat(caches.calls())
        .extracting(Invalidation::kind)
        .containsExactly(
            InvalidationKind.CONTEXT_CACHE_GLOBAL,
            InvalidationKind.PASID_CACHE_GLOBAL,
            InvalidationKind.IOTLB_GLOBAL,
            InvalidationKind.INTERRUPT_ENTRY_CACHE_GLOBAL);
    RemappingRegisters plain = unit(UnitConfig.server());
    caches.clear();
    command(plain, GlobalCommand.SRTP.mask(), true);
    assertThat(caches.calls()).isEmpty();
  }
}
