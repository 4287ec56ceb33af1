package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.ContextCommandRegister;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.inval.RecordingInvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import org.junit.jupiter.api.Test;

class RegisterInvalidationTest {
  private final RecordingInvalidationTarget caches = new RecordingInvalidationTarget();

  private RemappingRegisters unit(UnitConfig c) {
    return new RemappingRegisters(c, new SparseMemory(48), caches);
  }

  private static long ccmd(int cirg, int did, int sid, int fm) {
    long v = ContextCommandRegister.ICC.set(0, true);
    v = ContextCommandRegister.CIRG.set(v, cirg);
    v = ContextCommandRegister.DID.set(v, did);
    v = ContextCommandRegister.SID.set(v, sid);
    return ContextCommandRegister.FM.set(v, fm);
  }

  private static long iotlbCmd(int iirg, int did) {
    long v = IotlbRegisters.IVT.set(0, true);
    v = IotlbRegisters.IIRG.set(v, iirg);
    return IotlbRegisters.DID.set(v, did);
  }

  private static int caig(RemappingRegisters u) {
    return (int) ContextCommandRegister.CAIG.get(u.read64(CCMD_REG));
  }

  private static int iaig(RemappingRegisters u) {
    return (int) IotlbRegisters.IAIG.get(u.read64(u.table().iotlbOffset()));
  }

  @Test
  void contextCommandsPerformEachGranularityAndReportIt() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(CCMD_REG, ccmd(1, 0, 0, 0));
    assertThat(caig(u)).isEqualTo(1);
    assertThat(ContextCommandRegister.ICC.isSet(u.read64(CCMD_REG))).isFalse();
    u.write64(CCMD_REG, ccmd(2, 0x2A, 0, 0));
    assertThat(caig(u)).isEqualTo(2);
    u.write64(CCMD_REG, ccmd(3, 0x2A, 0x3AFD, 2));
    assertThat(caig(u)).isEqualTo(3);
    assertThat(caches.calls())
        .extracting(Object::toString)
        .containsExactly(
            "CONTEXT_CACHE_GLOBAL",
            "CONTEXT_CACHE_DOMAIN did=0x2a",
            "CONTEXT_CACHE_DEVICE did=0x2a sid=0x3afd fm=2");
    assertThat(u.invalidations().count(InvalidationKind.CONTEXT_CACHE_DEVICE)).isEqualTo(1);
  }

  @Test
  void aReservedContextGranularityIsNotPerformed() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(CCMD_REG, ccmd(0, 1, 0, 0));
    assertThat(caig(u)).isZero();
    assertThat(ContextCommandRegister.ICC.isSet(u.read64(CCMD_REG))).isFalse();
    assertThat(caches.calls()).isEmpty();
  }

  @Test
  void theCommandRunsOnTheWriteOfTheUpperDword() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    long v = ccmd(2, 0x2A, 0, 0);
    u.write32(CCMD_REG, (int) v);
    assertThat(caches.calls()).isEmpty();
    u.write32(CCMD_REG + 4, (int) (v >>> 32));
    assertThat(caches.calls())
        .extracting(Object::toString)
        .containsExactly("CONTEXT_CACHE_DOMAIN did=0x2a");
    // the same for IOTLB_REG: low half first, command on the high half
    long iva = 0x4000 | 1;
    u.write64(u.table().ivaOffset(), iva);
    long cmd = iotlbCmd(3, 7);
    u.write32(u.table().iotlbOffset(), (int) cmd);
    assertThat(caches.calls()).hasSize(1);
    u.write32(u.table().iotlbOffset() + 4, (int) (cmd >>> 32));
    assertThat(caches.calls().get(1).toString())
        .isEqualTo("IOTLB_PAGES did=0x7 0x4000..0x5fff ih=false");
    assertThat(iaig(u)).isEqualTo(3);
  }

  @Test
  void iotlbCommandsPerformEachGranularityAndReportIt() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(u.table().iotlbOffset(), iotlbCmd(1, 0));
    assertThat(iaig(u)).isEqualTo(1);
    u.write64(u.table().iotlbOffset(), iotlbCmd(2, 9));
    assertThat(iaig(u)).isEqualTo(2);
    u.write64(u.table().ivaOffset(), 0x1234_0000L | 1 << 6 | 4);
    u.write64(u.table().iotlbOffset(), iotlbCmd(3, 0x2A));
    assertThat(iaig(u)).isEqualTo(3);
    assertThat(IotlbRegisters.IVT.isSet(u.read64(u.table().iotlbOffset()))).isFalse();
    u.write64(u.table().iotlbOffset(), iotlbCmd(0, 9));
    assertThat(iaig(u)).isZero();
    assertThat(caches.calls())
        .extracting(Object::toString)
        .containsExactly(
            "IOTLB_GLOBAL",
            "IOTLB_DOMAIN did=0x9",
            "IOTLB_PAGES did=0x2a 0x12340000..0x1234ffff ih=true");
  }

  @Test
  void pageSelectiveWithoutPsiIsPerformedAsDomainSelective() {
    UnitConfig noPsi = Units.withCap(UnitConfig.legacy(), Cap.PSI, 0);
    RemappingRegisters u = unit(noPsi);
    u.write64(u.table().ivaOffset(), 0x1000);
    u.write64(u.table().iotlbOffset(), iotlbCmd(3, 5));
    assertThat(iaig(u)).isEqualTo(2);
    assertThat(caches.calls()).extracting(Object::toString).containsExactly("IOTLB_DOMAIN did=0x5");
  }

  @Test
  void anAddressMaskAboveMamvIsRefused() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    int mamv = UnitConfig.legacy().cap().mamv();
    u.write64(u.table().ivaOffset(), mamv + 1);
    u.write64(u.table().iotlbOffset(), iotlbCmd(3, 5));
    assertThat(iaig(u)).isZero();
    assertThat(caches.calls()).isEmpty();
    u.write64(u.table().ivaOffset(), mamv);
    u.write64(u.table().iotlbOffset(), iotlbCmd(3, 5));
    assertThat(iaig(u)).isEqualTo(3);
  }

  @Test
  void registerInvalidationIsRefusedWhileQueuedInvalidationIsEnabled() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(IQA_REG, 0x10_0000L);
    u.write32(GCMD_REG, (int) GlobalCommand.QIE.mask());
    u.write64(CCMD_REG, ccmd(1, 0, 0, 0));
    u.write64(u.table().iotlbOffset(), iotlbCmd(1, 0));
    assertThat(caig(u)).isZero();
    assertThat(iaig(u)).isZero();
    assertThat(ContextCommandRegister.ICC.isSet(u.read64(CCMD_REG))).isFalse();
    assertThat(caches.calls()).isEmpty();
    assertThat(u.registerInvalidation().refusedCount()).isEqualTo(2);
  }

  @Test
  void optionallyRefusedInScalableModeAsVirtualBoxDoes() {
    RemappingRegisters u = unit(UnitConfig.server());
    u.write64(RTADDR_REG, 0x1000 | 1 << 10);
    u.write32(GCMD_REG, (int) GlobalCommand.SRTP.mask());
    u.write64(CCMD_REG, ccmd(1, 0, 0, 0));
    assertThat(caig(u)).isEqualTo(1);
    u.setRefuseRegisterInvalidationInScalableMode(true);
    u.write64(CCMD_REG, ccmd(1, 0, 0, 0));
    assertThat(caig(u)).isZero();
  }

  @Test
  void drainBitsAreReservedWithoutDrainingSupport() {
    RemappingRegisters legacy = unit(UnitConfig.legacy());
    long drains = IotlbRegisters.DW.mask() | IotlbRegisters.DR.mask();
    legacy.write64(legacy.table().iotlbOffset(), iotlbCmd(1, 0) | drains);
    assertThat(legacy.read64(legacy.table().iotlbOffset()) & drains).isZero();
    RemappingRegisters server = unit(UnitConfig.server());
    server.write64(server.table().iotlbOffset(), iotlbCmd(1, 0) | drains);
    assertThat(server.read64(server.table().iotlbOffset()) & drains).isEqualTo(drains);
  }
}
