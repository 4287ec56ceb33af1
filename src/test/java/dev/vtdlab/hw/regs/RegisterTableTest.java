package dev.vtdlab.hw.regs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.inval.QueueRegisters;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterTableTest {

  @Test
  void fixedRegistersSitAtTheDigestOffsetsWithTheirWidths() {
    RegisterTable t = RegisterTable.forUnit(Units.everything());
    Object[][] expected = {
      {"VER_REG", 0x000, 32}, {"CAP_REG", 0x008, 64}, {"ECAP_REG", 0x010, 64},
      {"GCMD_REG", 0x018, 32}, {"GSTS_REG", 0x01C, 32}, {"RTADDR_REG", 0x020, 64},
      {"CCMD_REG", 0x028, 64}, {"FSTS_REG", 0x034, 32}, {"FECTL_REG", 0x038, 32},
      {"FEDATA_REG", 0x03C, 32}, {"FEADDR_REG", 0x040, 32}, {"FEUADDR_REG", 0x044, 32},
      {"AFLOG_REG", 0x058, 64}, {"PMEN_REG", 0x064, 32}, {"PLMBASE_REG", 0x068, 32},
      {"PLMLIMIT_REG", 0x06C, 32}, {"PHMBASE_REG", 0x070, 64}, {"PHMLIMIT_REG", 0x078, 64},
      {"IQH_REG", 0x080, 64}, {"IQT_REG", 0x088, 64}, {"IQA_REG", 0x090, 64},
      {"ICS_REG", 0x09C, 32}, {"IECTL_REG", 0x0A0, 32}, {"IEDATA_REG", 0x0A4, 32},
      {"IEADDR_REG", 0x0A8, 32}, {"IEUADDR_REG", 0x0AC, 32}, {"IQERCD_REG", 0x0B0, 64},
      {"IRTA_REG", 0x0B8, 64}, {"PQH_REG", 0x0C0, 64}, {"PQT_REG", 0x0C8, 64},
      {"PQA_REG", 0x0D0, 64}, {"PRS_REG", 0x0DC, 32}, {"PECTL_REG", 0x0E0, 32},
      {"PEDATA_REG", 0x0E4, 32}, {"PEADDR_REG", 0x0E8, 32}, {"PEUADDR_REG", 0x0EC, 32},
      {"IVA_REG", 0x0F0, 64}, {"IOTLB_REG", 0x0F8, 64}
    };
    for (Object[] e : expected) {
      RegisterDef r = t.named((String) e[0]);
      assertThat(r.offset()).as(r.name()).isEqualTo(e[1]);
      assertThat(r.width()).as(r.name()).isEqualTo(e[2]);
    }
  }

  @Test
  void relocatableRegistersFollowIroAndFro() {
    RegisterTable t = RegisterTable.forUnit(UnitConfig.legacy());
    assertThat(t.ivaOffset()).isEqualTo(UnitConfig.PRESET_IRO * 16);
    assertThat(t.iotlbOffset()).isEqualTo(UnitConfig.PRESET_IRO * 16 + 8);
    assertThat(t.frcdCount()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(t.named("FRCD_REG[" + i + "].lo").offset()).isEqualTo(0x220 + 16 * i);
      assertThat(t.named("FRCD_REG[" + i + "].hi").offset()).isEqualTo(0x228 + 16 * i);
    }
    assertThat(RegisterTable.forUnit(UnitConfig.qemu()).frcdCount()).isEqualTo(1);
  }

  @Test
  void registersThatOverlapAreRefusedWithAMessage() {
    UnitConfig bad = Units.withCap(UnitConfig.legacy(), dev.vtdlab.hw.cap.Cap.FRO, 0x01);
    assertThatThrownBy(() -> RegisterTable.forUnit(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps");
  }

  @Test
  void accessIsOnlyGrantedToDefinedFieldsAndEachBitHasOneKind() {
    for (UnitConfig c :
        List.of(UnitConfig.legacy(), UnitConfig.qemu(), UnitConfig.server(), Units.everything())) {
      for (RegisterDef r : RegisterTable.forUnit(c).registers()) {
        long granted = r.rwMask() | r.rw1cMask() | r.roMask() | r.woMask();
        assertThat(granted & ~r.layout().definedMask()).as(c.name() + " " + r.name()).isZero();
        assertThat(
                Long.bitCount(r.rwMask())
                    + Long.bitCount(r.rw1cMask())
                    + Long.bitCount(r.roMask())
                    + Long.bitCount(r.woMask()))
            .as(r.name())
            .isEqualTo(Long.bitCount(granted));
        assertThat(granted | r.reservedMask()).as(r.name()).isEqualTo(r.widthMask());
      }
    }
  }

  @Test
  void featuresTheUnitLacksHaveNoRegistersOrReservedFields() {
    RegisterTable noQi = RegisterTable.forUnit(Units.withoutQueuedInvalidation());
    assertThat(noQi.has("IQT_REG")).isFalse();
    assertThat(noQi.has("ICS_REG")).isFalse();
    assertThat(noQi.named("GCMD_REG").accessOf(GlobalCommand.QIE)).isNull();
    assertThat(noQi.named("FSTS_REG").accessOf(Fsts.IQE)).isNull();

    RegisterTable legacy = RegisterTable.forUnit(UnitConfig.legacy());
    assertThat(legacy.has("IRTA_REG")).isFalse();
    assertThat(legacy.has("AFLOG_REG")).isFalse();
    assertThat(legacy.has("PMEN_REG")).isFalse();
    assertThat(legacy.named("FSTS_REG").accessOf(Fsts.ITE)).isNull();
    assertThat(legacy.named("IQA_REG").accessOf(QueueRegisters.DW)).isNull();
    assertThat(legacy.named("IOTLB_REG").accessOf(IotlbRegisters.DR)).isNull();
    assertThat(legacy.named("GCMD_REG").accessOf(GlobalCommand.WBF)).isNull();
    assertThat(legacy.named("GCMD_REG").accessOf(GlobalCommand.IRE)).isNull();

    RegisterTable server = RegisterTable.forUnit(UnitConfig.server());
    assertThat(server.named("IQA_REG").accessOf(QueueRegisters.DW)).isEqualTo(Access.RW);
    assertThat(server.named("IOTLB_REG").accessOf(IotlbRegisters.DR)).isEqualTo(Access.RW);
    assertThat(server.named("FSTS_REG").accessOf(Fsts.ITE)).isEqualTo(Access.RW1C);
    assertThat(server.named("GCMD_REG").accessOf(GlobalCommand.SIRTP)).isEqualTo(Access.WO);
    assertThat(server.named("IRTA_REG").accessOf(MiscRegisters.EIME)).isEqualTo(Access.RW);
    assertThat(UnitConfig.server().ecap().has(Ecap.PRS)).isTrue();
    assertThat(server.has("PQA_REG")).isTrue();
  }

  @Test
  void accessKindsMatchTheSpecForTheStatusRegisters() {
    RegisterTable t = RegisterTable.forUnit(Units.everything());
    RegisterDef fsts = t.named("FSTS_REG");
    assertThat(fsts.accessOf(Fsts.PFO)).isEqualTo(Access.RW1C);
    assertThat(fsts.accessOf(Fsts.PPF)).isEqualTo(Access.RO);
    assertThat(fsts.accessOf(Fsts.FRI)).isEqualTo(Access.RO);
    assertThat(fsts.reservedMask()).isEqualTo(0xFFFF_0080L);
    assertThat(t.named("GSTS_REG").roMask()).isEqualTo(0xFF80_0000L);
    assertThat(t.named("GCMD_REG").woMask()).isEqualTo(0xFF80_0000L);
    assertThat(t.named("RTADDR_REG").reservedMask()).isEqualTo(0x3FFL);
    assertThat(t.named("CCMD_REG").roMask()).isEqualTo(3L << 59);
    // digest 1.2: reserved 31:0, 56:50, 59, 62
    assertThat(t.named("IOTLB_REG").reservedMask()).isEqualTo(0x49FC_0000_FFFF_FFFFL);
    assertThat(t.named("FRCD_REG[0].hi").rw1cMask()).isEqualTo(1L << 63);
    assertThat(t.named("ICS_REG").rw1cMask()).isEqualTo(1L);
    assertThat(t.named("IECTL_REG").roMask()).isEqualTo(1L << 30);
  }

  @Test
  void decodeNamesEachFieldWithItsAccess() {
    RegisterDef gcmd = RegisterTable.forUnit(UnitConfig.legacy()).named("GCMD_REG");
    String text = gcmd.decode(0).toText();
    assertThat(text).contains("GCMD_REG (0x018, 32-bit)");
    assertThat(gcmd.decode(0).fields())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("IRE");
              assertThat(f.meaning()).isEqualTo("reserved");
            });
  }
}
