package dev.vtdlab.hw.struct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import org.junit.jupiter.api.Test;

/** Invalid programming: LCT.4 and SPT.4 sub-cases of decision D19 (and D9). */
class InvalidProgrammingTest {

  private static final UnitConfig SERVER = UnitConfig.server();
  private static final UnitConfig QEMU = UnitConfig.qemu();
  private static final UnitConfig LEGACY = UnitConfig.legacy();

  private static ContextEntry context(TranslationType tt, int aw) {
    return ContextEntry.ZERO
        .withPresent(true)
        .withTranslationType(tt)
        .withAw(aw)
        .withSsptptr(0x1000)
        .withDid(1);
  }

  private static InvalidProgramming reason(ProgrammingCheck c) {
    assertThat(c).isInstanceOf(ProgrammingCheck.Invalid.class);
    return ((ProgrammingCheck.Invalid) c).reason();
  }

  private static String message(ProgrammingCheck c) {
    return ((ProgrammingCheck.Invalid) c).message();
  }

  @Test
  void aWellProgrammedLegacyContextEntryIsValid() {
    assertThat(context(TranslationType.UNTRANSLATED, 2).invalidProgramming(LEGACY))
        .isSameAs(ProgrammingCheck.VALID);
  }

  @Test
  void ttElevenIsInvalid() {
    ProgrammingCheck c = context(TranslationType.RESERVED, 2).invalidProgramming(SERVER);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.TT_RESERVED);
    assertThat(reason(c).fault()).isEqualTo(FaultReason.LCT_4);
    assertThat(message(c)).isEqualTo("invalid legacy context entry (LCT.4): TT = 11b is reserved");
  }

  @Test
  void ttDeviceTlbNeedsEcapDt() {
    assertThat(LEGACY.ecap().deviceTlb()).isFalse();
    ProgrammingCheck c = context(TranslationType.DEVICE_TLB, 2).invalidProgramming(LEGACY);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.TT_DEVICE_TLB_UNSUPPORTED);
    assertThat(context(TranslationType.DEVICE_TLB, 2).invalidProgramming(SERVER).isValid())
        .isTrue();
  }

  @Test
  void ttPassThroughNeedsEcapPt() {
    UnitConfig noPt = Units.withEcap(LEGACY, Ecap.PT, false);
    ProgrammingCheck c = context(TranslationType.PASS_THROUGH, 2).invalidProgramming(noPt);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.TT_PASS_THROUGH_UNSUPPORTED);
    assertThat(message(c)).contains("needs ECAP.PT");
  }

  @Test
  void contextAwMustBeInSagaw() {
    assertThat(QEMU.cap().supportsAgaw(3)).isFalse();
    ProgrammingCheck c = context(TranslationType.UNTRANSLATED, 3).invalidProgramming(QEMU);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.CONTEXT_AW_UNSUPPORTED);
    assertThat(message(c)).contains("AW = 011b: 57-bit, 5-level").contains("39-bit, 48-bit");
    assertThat(context(TranslationType.UNTRANSLATED, 3).invalidProgramming(SERVER).isValid())
        .isTrue();
  }

  @Test
  void awZeroAndOneXxAreNeverUsableEvenWhenSagawClaimsThem() {
    UnitConfig all = Units.withCap(SERVER, Cap.SAGAW, 0b11111);
    for (int aw : new int[] {0, 4, 5, 6, 7}) {
      assertThat(reason(context(TranslationType.UNTRANSLATED, aw).invalidProgramming(all)))
          .as("AW %d", aw)
          .isEqualTo(InvalidProgramming.CONTEXT_AW_UNSUPPORTED);
    }
  }

  @Test
  void legacyPassThroughNeedsTheLargestAw() {
    // legacy preset: SAGAW 39- and 48-bit, so the largest AW is 010b (D9)
    assertThat(context(TranslationType.PASS_THROUGH, 2).invalidProgramming(LEGACY).isValid())
        .isTrue();
    ProgrammingCheck c = context(TranslationType.PASS_THROUGH, 1).invalidProgramming(LEGACY);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.PASS_THROUGH_AW_NOT_LARGEST);
    assertThat(message(c)).contains("D9");
  }

  @Test
  void decodeNamesTheInvalidProgrammingAsAnError() {
    var d = context(TranslationType.RESERVED, 2).decode(SERVER);
    assertThat(d.errors())
        .containsExactly("invalid legacy context entry (LCT.4): TT = 11b is reserved");
  }

  // ---- PASID entry (SPT.4) ----

  private static PasidEntry entry(Pgtt pgtt) {
    return PasidEntry.ZERO
        .withPresent(true)
        .withPgtt(pgtt)
        .withAw(2)
        .withSsptptr(0x1000)
        .withFsptptr(0x2000)
        .withDid(1);
  }

  @Test
  void everyDefinedPgttIsValidOnTheServerUnit() {
    for (Pgtt p :
        new Pgtt[] {Pgtt.FIRST_STAGE, Pgtt.SECOND_STAGE, Pgtt.NESTED, Pgtt.PASS_THROUGH}) {
      assertThat(entry(p).invalidProgramming(SERVER).isValid()).as(p.name()).isTrue();
      assertThat(entry(p).reservedBits(SERVER).any()).as(p.name()).isFalse();
    }
  }

  @Test
  void reservedPgttEncodingsAreInvalid() {
    for (Pgtt p :
        new Pgtt[] {Pgtt.RESERVED_000, Pgtt.RESERVED_101, Pgtt.RESERVED_110, Pgtt.RESERVED_111}) {
      ProgrammingCheck c = entry(p).invalidProgramming(SERVER);
      assertThat(reason(c)).as(p.name()).isEqualTo(InvalidProgramming.PGTT_RESERVED);
      assertThat(reason(c).fault()).isEqualTo(FaultReason.SPT_4);
    }
  }

  @Test
  void aPgttNeedsItsCapability() {
    assertThat(
            reason(entry(Pgtt.NESTED).invalidProgramming(Units.withEcap(SERVER, Ecap.NEST, false))))
        .isEqualTo(InvalidProgramming.PGTT_UNSUPPORTED);
    assertThat(
            reason(
                entry(Pgtt.FIRST_STAGE)
                    .invalidProgramming(Units.withEcap(SERVER, Ecap.FSTS, false))))
        .isEqualTo(InvalidProgramming.PGTT_UNSUPPORTED);
    assertThat(
            reason(
                entry(Pgtt.SECOND_STAGE)
                    .invalidProgramming(Units.withEcap(SERVER, Ecap.SSTS, false))))
        .isEqualTo(InvalidProgramming.PGTT_UNSUPPORTED);
    ProgrammingCheck pt =
        entry(Pgtt.PASS_THROUGH).invalidProgramming(Units.withEcap(SERVER, Ecap.PT, false));
    assertThat(reason(pt)).isEqualTo(InvalidProgramming.PGTT_UNSUPPORTED);
    assertThat(message(pt)).contains("PGTT = 100b (pass-through) needs ECAP.PT = 1");
  }

  @Test
  void pasidAwMustBeInSagawOnlyForSecondStagePgtts() {
    assertThat(reason(entry(Pgtt.SECOND_STAGE).withAw(3).invalidProgramming(QEMU)))
        .isEqualTo(InvalidProgramming.PASID_AW_UNSUPPORTED);
    assertThat(reason(entry(Pgtt.NESTED).withAw(0).invalidProgramming(QEMU)))
        .isEqualTo(InvalidProgramming.PASID_AW_UNSUPPORTED);
    assertThat(entry(Pgtt.FIRST_STAGE).withAw(3).invalidProgramming(QEMU).isValid()).isTrue();
  }

  @Test
  void fivelevelFirstStageNeedsFs5lp() {
    assertThat(QEMU.cap().firstStage5Level()).isFalse();
    ProgrammingCheck c = entry(Pgtt.FIRST_STAGE).withFspm(1).invalidProgramming(QEMU);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.FSPM_5LEVEL_UNSUPPORTED);
    assertThat(entry(Pgtt.FIRST_STAGE).withFspm(1).invalidProgramming(SERVER).isValid()).isTrue();
    assertThat(entry(Pgtt.FIRST_STAGE).withFspm(1).firstStageLevels()).isEqualTo(5);
  }

  @Test
  void fspmOneXIsReserved() {
    for (int fspm : new int[] {2, 3}) {
      assertThat(reason(entry(Pgtt.NESTED).withFspm(fspm).invalidProgramming(SERVER)))
          .isEqualTo(InvalidProgramming.FSPM_RESERVED);
    }
  }

  @Test
  void aNestedFsptptrBeyondTheSecondStageWidthIsInvalid() {
    // docs/spec-deviations.md row 7: spec 5.10 Table 30 SPT.4.4, X = min(MGAW, AW width)
    PasidEntry nested = entry(Pgtt.NESTED).withAw(1);
    assertThat(nested.withFsptptr((1L << 39) - 0x1000).invalidProgramming(SERVER).isValid())
        .isTrue();
    ProgrammingCheck c = nested.withFsptptr(1L << 39).invalidProgramming(SERVER);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.NESTED_FSPTPTR_BEYOND_WIDTH);
    assertThat(reason(c).fault()).isEqualTo(FaultReason.SPT_4);
    assertThat(message(c)).contains("2^39");
    UnitConfig mgaw48 = Units.withCap(SERVER, Cap.MGAW, 47);
    assertThat(
            reason(entry(Pgtt.NESTED).withAw(3).withFsptptr(1L << 48).invalidProgramming(mgaw48)))
        .isEqualTo(InvalidProgramming.NESTED_FSPTPTR_BEYOND_WIDTH);
    assertThat(entry(Pgtt.FIRST_STAGE).withAw(1).withFsptptr(1L << 39).invalidProgramming(SERVER))
        .as("an HPA FSPTPTR (PGTT 001b) has no such limit")
        .isSameAs(ProgrammingCheck.VALID);
  }

  // ---- scalable-mode context entry (SCT.4, spec 5.10) ----

  @Test
  void everyPdtsIsValidWhileRidPasidIsBelowItsLimit() {
    for (int pdts = 0; pdts <= 7; pdts++) {
      var d = ScalableContextEntry.ZERO.withPresent(true).withPdts(pdts).decode(SERVER);
      assertThat(d.errors()).as("PDTS %d", pdts).isEmpty();
    }
  }

  @Test
  void preWithoutDteIsInvalid() {
    // docs/spec-deviations.md row 5: spec 5.10 Table 30 SCT.4.1 (D19 never raised SCT.4)
    ScalableContextEntry e = ScalableContextEntry.ZERO.withPresent(true).withPre(true);
    ProgrammingCheck c = e.invalidProgramming(SERVER);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.CONTEXT_PRE_WITHOUT_DTE);
    assertThat(reason(c).fault()).isEqualTo(FaultReason.SCT_4);
    assertThat(e.decode(SERVER).errors()).containsExactly(message(c));
    assertThat(e.withDte(true).invalidProgramming(SERVER).isValid()).isTrue();
  }

  @Test
  void aRidPasidAtOrAboveThePdtsLimitIsInvalidOnlyWithRps() {
    // docs/spec-deviations.md row 3: spec 5.10 Table 30 SCT.4.2 (D6 had SCT.9)
    ScalableContextEntry e = ScalableContextEntry.ZERO.withPresent(true).withPdts(0);
    assertThat(e.withRidPasid(0x1FFF).invalidProgramming(SERVER).isValid()).isTrue();
    ProgrammingCheck c = e.withRidPasid(0x2000).invalidProgramming(SERVER);
    assertThat(reason(c)).isEqualTo(InvalidProgramming.RID_PASID_BEYOND_PDTS);
    assertThat(message(c))
        .isEqualTo(
            "invalid scalable-mode context entry (SCT.4): RID_PASID 0x2000 is at or above the"
                + " PDTS limit 0x2000 = 2^(PDTS 0 + 7) x 64");
    UnitConfig noRps = Units.withEcap(SERVER, Ecap.RPS, false);
    assertThat(e.withRidPasid(0x2000).invalidProgramming(noRps).isValid())
        .as("without ECAP.RPS the PASID used is 0 (the field is reserved, SCT.3)")
        .isTrue();
  }
}
