package dev.vtdlab.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.Mode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.inv.QueuedInvalidator;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.QueueRegisters;
import dev.vtdlab.hw.regs.GlobalCommand;
import dev.vtdlab.hw.regs.RegisterTable;
import dev.vtdlab.hw.regs.RootTableAddress;
import dev.vtdlab.pagetable.Stage;
import org.junit.jupiter.api.Test;

class BringUpTest {

  @Test
  void serverUnitComesUpScalableWithQueueRootTableAndTranslationEnabled() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    long gsts = h.regs.read32(RegisterTable.GSTS_REG) & 0xFFFF_FFFFL;
    assertThat(GlobalCommand.TES.isSet(gsts)).isTrue();
    assertThat(GlobalCommand.QIES.isSet(gsts)).isTrue();
    assertThat(GlobalCommand.RTPS.isSet(gsts)).isTrue();
    long rtaddr = h.regs.read64(RegisterTable.RTADDR_REG);
    assertThat(RootTableAddress.TTM.get(rtaddr)).isEqualTo(1);
    assertThat(RootTableAddress.RTA.get(rtaddr) << 12).isEqualTo(h.driver.rootTable().hpa());
    long iqa = h.regs.read64(RegisterTable.IQA_REG);
    assertThat(QueueRegisters.DW.get(iqa)).as("256-bit descriptors in scalable mode").isEqualTo(1);
    assertThat(QueueRegisters.QS.get(iqa)).as("8 KiB queue").isEqualTo(1);
    assertThat(((QueuedInvalidator) h.driver.invalidator()).slots()).isEqualTo(256);
    assertThat(h.kinds())
        .as("global invalidations after SRTP, in Linux's order")
        .containsExactly(
            InvalidationKind.CONTEXT_CACHE_GLOBAL,
            InvalidationKind.PASID_CACHE_GLOBAL,
            InvalidationKind.IOTLB_GLOBAL);
    assertThat(h.regs.ignoredCommands()).as("one GCMD command per write").isZero();
    assertThat(h.regs.faults().fectl() & 0x8000_0000L).as("fault event unmasked").isZero();
  }

  @Test
  void serverUnitNegotiatesFiveLevelTablesAndFirstStageDomains() {
    Negotiated n = new RegisterHarness(UnitConfig.server()).driver.choices();
    assertThat(n.scalable()).isTrue();
    assertThat(n.dmaStage()).isEqualTo(Stage.FIRST_STAGE);
    assertThat(n.secondStageAw()).isEqualTo(3);
    assertThat(n.secondStageWidth()).isEqualTo(57);
    assertThat(n.firstStageLevels()).isEqualTo(5);
    assertThat(n.firstStageWidth()).as("lower canonical half of 57 bits").isEqualTo(56);
    assertThat(n.firstStagePages())
        .containsExactly(PageSize.SIZE_4K, PageSize.SIZE_2M, PageSize.SIZE_1G);
    assertThat(n.secondStagePages())
        .containsExactly(PageSize.SIZE_4K, PageSize.SIZE_2M, PageSize.SIZE_1G);
    assertThat(n.flush()).isEqualTo(FlushMode.LAZY);
  }

  @Test
  void aNarrowerAddressWidthOptionPicksFourLevels() {
    Negotiated n =
        new RegisterHarness(UnitConfig.server(), DriverOptions.defaults().withAddressWidth(48))
            .driver.choices();
    assertThat(n.secondStageAw()).isEqualTo(2);
    assertThat(n.firstStageLevels()).isEqualTo(4);
    assertThat(n.firstStageWidth()).isEqualTo(47);
  }

  @Test
  void legacyUnitComesUpLegacyWith128BitQueueAndNoPasidCacheInvalidation() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    Negotiated n = h.driver.choices();
    assertThat(n.scalable()).isFalse();
    assertThat(n.dmaStage()).isEqualTo(Stage.SECOND_STAGE);
    assertThat(n.secondStageAw()).as("SAGAW 39/48, MGAW 48").isEqualTo(2);
    assertThat(n.secondStageWidth()).isEqualTo(48);
    assertThat(n.firstStageAvailable()).isFalse();
    long iqa = h.regs.read64(RegisterTable.IQA_REG);
    assertThat(QueueRegisters.DW.get(iqa)).isZero();
    assertThat(QueueRegisters.QS.get(iqa)).isZero();
    assertThat(RootTableAddress.TTM.get(h.regs.read64(RegisterTable.RTADDR_REG))).isZero();
    assertThat(h.kinds())
        .containsExactly(InvalidationKind.CONTEXT_CACHE_GLOBAL, InvalidationKind.IOTLB_GLOBAL);
  }

  @Test
  void esrtpsUnitNeedsNoGlobalInvalidationAfterSrtp() {
    UnitConfig unit = RegisterHarness.withCap(UnitConfig.server(), Cap.ESRTPS.mask(), 0);
    RegisterHarness h = new RegisterHarness(unit);
    assertThat(h.driver.report().rootSwitchInvalidations()).isFalse();
    assertThat(h.driver.invalidator().counters().stats().invalidations())
        .as("no descriptor submitted by the driver")
        .isZero();
  }

  @Test
  void unitWithoutQueuedInvalidationUsesTheRegisters() {
    UnitConfig unit = RegisterHarness.withEcap(UnitConfig.legacy(), 0, Ecap.QI.mask());
    RegisterHarness h = new RegisterHarness(unit);
    assertThat(h.driver.invalidator().queued()).isFalse();
    assertThat(h.driver.report().invalidation()).startsWith("register-based");
    assertThat(h.kinds())
        .containsExactly(InvalidationKind.CONTEXT_CACHE_GLOBAL, InvalidationKind.IOTLB_GLOBAL);
    assertThat(h.regs.registerInvalidation().toString()).isNotEmpty();
  }

  @Test
  void scalableModeWithoutQueuedInvalidationFallsBackToLegacyOrIsRefused() {
    UnitConfig unit = RegisterHarness.withEcap(UnitConfig.server(), 0, Ecap.QI.mask());
    assertThat(new RegisterHarness(unit).driver.choices().scalable()).isFalse();
    assertThatThrownBy(
            () -> new RegisterHarness(unit, DriverOptions.defaults().withMode(Mode.SCALABLE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queued invalidation");
  }

  @Test
  void optionsOverrideModeAndStage() {
    Negotiated legacy =
        new RegisterHarness(UnitConfig.server(), DriverOptions.defaults().withMode(Mode.LEGACY))
            .driver.choices();
    assertThat(legacy.scalable()).isFalse();
    assertThat(legacy.dmaStage()).isEqualTo(Stage.SECOND_STAGE);
    Negotiated second =
        new RegisterHarness(
                UnitConfig.server(), DriverOptions.defaults().withStage(StageChoice.SECOND))
            .driver.choices();
    assertThat(second.scalable()).isTrue();
    assertThat(second.dmaStage()).isEqualTo(Stage.SECOND_STAGE);
    assertThatThrownBy(
            () ->
                new RegisterHarness(
                    UnitConfig.legacy(), DriverOptions.defaults().withStage(StageChoice.FIRST)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scalable mode");
  }

  @Test
  void cachingModeReservesDidZeroAndForcesStrictForSecondStageDomains() {
    RegisterHarness h =
        new RegisterHarness(
            UnitConfig.qemu(), DriverOptions.defaults().withStage(StageChoice.SECOND));
    assertThat(h.driver.choices().cachingMode()).isTrue();
    assertThat(h.driver.choices().flush()).isEqualTo(FlushMode.STRICT);
    assertThat(h.driver.choices().flushReason()).contains("CM=1");
    assertThat(h.driver.report().reservedDids()).isEqualTo("0, 1");
    assertThat(h.driver.createDmaDomain().did()).isEqualTo(2);
  }

  @Test
  void reportNamesTheChoices() {
    String text = new RegisterHarness(UnitConfig.server()).driver.report().toString();
    assertThat(text)
        .contains("mode: scalable")
        .contains("queued: 256 x 256-bit")
        .contains("first stage: 5-level")
        .contains("AW=3")
        .contains("DMA domains: first stage, lazy");
  }
}
