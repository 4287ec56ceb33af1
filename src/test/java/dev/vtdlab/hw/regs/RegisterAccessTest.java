package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterAccessTest {

  private static RemappingRegisters unit(UnitConfig c) {
    return new RemappingRegisters(c, new SparseMemory(48), InvalidationTarget.none());
  }

  @Test
  void plainReadWriteRegistersKeepExactlyTheirRwBits() {
    RemappingRegisters u = unit(Units.everything());
    List<String> plain =
        List.of(
            "RTADDR_REG",
            "IVA_REG",
            "AFLOG_REG",
            "PLMBASE_REG",
            "PLMLIMIT_REG",
            "PHMBASE_REG",
            "PHMLIMIT_REG",
            "IRTA_REG",
            "PQH_REG",
            "PQT_REG",
            "PQA_REG",
            "FEDATA_REG",
            "FEADDR_REG",
            "FEUADDR_REG",
            "IEDATA_REG",
            "IEADDR_REG",
            "IEUADDR_REG");
    for (String name : plain) {
      RegisterDef r = u.table().named(name);
      write(u, r, -1L);
      assertThat(read(u, r)).as(name).isEqualTo(r.rwMask());
      write(u, r, 0);
      assertThat(read(u, r)).as(name).isZero();
    }
    assertThat(u.table().named("RTADDR_REG").rwMask()).isEqualTo(~0x3FFL);
    assertThat(u.table().named("FEADDR_REG").rwMask()).isEqualTo(0xFFFF_FFFCL);
  }

  @Test
  void readOnlyRegistersIgnoreWrites() {
    for (UnitConfig c : List.of(UnitConfig.legacy(), UnitConfig.qemu(), UnitConfig.server())) {
      RemappingRegisters u = unit(c);
      u.write64(CAP_REG, 0);
      u.write64(ECAP_REG, -1L);
      u.write32(VER_REG, 0x77);
      u.write32(GSTS_REG, -1);
      u.write64(IQH_REG, -1L);
      u.write64(IQERCD_REG, -1L);
      assertThat(u.read64(CAP_REG)).as(c.name()).isEqualTo(c.cap().value());
      assertThat(u.read64(ECAP_REG)).as(c.name()).isEqualTo(c.ecap().value());
      assertThat(u.read32(VER_REG)).isEqualTo(c.ecap().scalableMode() ? 0x30 : 0x10);
      assertThat(u.read32(GSTS_REG)).isZero();
      assertThat(u.read64(IQH_REG)).isZero();
      assertThat(u.read64(IQERCD_REG)).isZero();
    }
  }

  @Test
  void gcmdReadsAsZeroWhateverWasWritten() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write32(GCMD_REG, (int) GlobalCommand.TE.mask());
    assertThat(u.read32(GCMD_REG)).isZero();
    assertThat(u.read32(GSTS_REG)).isEqualTo((int) GlobalCommand.TES.mask());
  }

  @Test
  void offsetsWithoutARegisterReadZeroAndIgnoreWrites() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    int[] holes = {
      0x004, 0x030, 0x048, 0x050, 0x058, 0x060, 0x064, 0x098, 0x0B8, 0x0C0, 0x100, 0x218, 0xFF8,
      0x4000
    };
    for (int off : holes) {
      u.write32(off, -1);
      assertThat(u.read32(off)).as("0x%x", off).isZero();
    }
    for (int off : new int[] {0x048, 0x050, 0x058, 0x0B8, 0x0C0, 0x100, 0x218, 0xFF8}) {
      assertThat(u.read64(off)).as("0x%x", off).isZero();
    }
    assertThat(u.read64(0x100)).isZero();
    assertThat(u.read64(-8)).isZero();
    assertThat(u.read32(Integer.MAX_VALUE & ~3)).isZero();
  }

  @Test
  void misalignedAccessesReadZeroAndAreIgnored() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(RTADDR_REG, 0x1234_5000L);
    assertThat(u.read32(RTADDR_REG + 2)).isZero();
    assertThat(u.read64(RTADDR_REG + 4)).isZero();
    u.write32(RTADDR_REG + 1, -1);
    u.write64(RTADDR_REG + 4, -1L);
    assertThat(u.read64(RTADDR_REG)).isEqualTo(0x1234_5000L);
  }

  @Test
  void sixtyFourBitRegistersCanBeAccessedAsTwoHalves() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write32(RTADDR_REG, 0x5678_9C00);
    u.write32(RTADDR_REG + 4, 0x1234);
    assertThat(u.read64(RTADDR_REG)).isEqualTo(0x1234_5678_9C00L);
    assertThat(u.read32(RTADDR_REG + 4)).isEqualTo(0x1234);
    assertThat(u.read32(RTADDR_REG)).isEqualTo(0x5678_9C00);
  }

  @Test
  void aSixtyFourBitAccessToTwoThirtyTwoBitRegistersReachesBoth() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(FEADDR_REG, 0x0000_0001_FEE0_1003L);
    assertThat(u.read32(FEADDR_REG)).isEqualTo(0xFEE0_1000);
    assertThat(u.read32(FEUADDR_REG)).isEqualTo(1);
    assertThat(u.read64(FEADDR_REG)).isEqualTo(0x1_FEE0_1000L);
  }

  @Test
  void eventControlRegistersResetMaskedAndIpIsReadOnly() {
    RemappingRegisters u = unit(UnitConfig.server());
    assertThat(u.read32(FECTL_REG)).isEqualTo(0x8000_0000);
    assertThat(u.read32(IECTL_REG)).isEqualTo(0x8000_0000);
    assertThat(u.read32(PECTL_REG)).isEqualTo(0x8000_0000);
    u.write32(FECTL_REG, 0x4000_0000);
    assertThat(u.read32(FECTL_REG)).isZero();
  }

  @Test
  void faultStatusBitsAreWriteOneToClearAndComputedBitsIgnoreWrites() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write32(FSTS_REG, -1);
    assertThat(u.read32(FSTS_REG)).isZero();
    // fill the single-slot-free ring to overflow: 4 records then one more
    for (int i = 0; i < 5; i++) {
      u.recordFault(
          FaultRecord.forRequest(FaultReason.LGN_2, 1, 0x1000L * i, true, false, 0, false, false),
          false);
    }
    assertThat(u.read32(FSTS_REG)).isEqualTo(0x3); // PFO | PPF, FRI 0
    u.write32(FSTS_REG, 0x2); // PPF is read-only
    assertThat(u.read32(FSTS_REG)).isEqualTo(0x3);
    u.write32(FSTS_REG, 0x1);
    assertThat(u.read32(FSTS_REG)).isEqualTo(0x2);
  }

  @Test
  void pmenStatusFollowsTheEnableBit() {
    RemappingRegisters u = unit(Units.everything());
    u.write32(PMEN_REG, 0x8000_0001);
    assertThat(u.read32(PMEN_REG)).isEqualTo(0x8000_0001);
    u.write32(PMEN_REG, 0x1);
    assertThat(u.read32(PMEN_REG)).isZero();
  }

  @Test
  void decodeAndDumpShowTheCurrentValues() {
    RemappingRegisters u = unit(UnitConfig.legacy());
    u.write64(RTADDR_REG, 0xABC_D000L);
    assertThat(u.decode("rtaddr_reg").fields())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("RTA");
              assertThat(f.value()).isEqualTo(0xABCDL);
            });
    assertThat(u.dump()).contains("0x020 RTADDR_REG       0x000000000abcd000");
  }

  private static void write(RemappingRegisters u, RegisterDef r, long v) {
    if (r.width() == 64) {
      u.write64(r.offset(), v);
    } else {
      u.write32(r.offset(), (int) v);
    }
  }

  private static long read(RemappingRegisters u, RegisterDef r) {
    return r.width() == 64 ? u.read64(r.offset()) : u.read32(r.offset()) & 0xFFFF_FFFFL;
  }
}
