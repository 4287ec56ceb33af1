package dev.vtdlab.hw.struct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reserved bits (the .3 faults) under decisions D4, D5, D8, D18 and D23. */
class ReservedBitsRulesTest {

  private static final UnitConfig SERVER = UnitConfig.server();
  private static final UnitConfig QEMU = UnitConfig.qemu();

  /** qemu: HAW 48; a pointer with bit 48 set is beyond it, one page below 2^48 is not. */
  private static final long BEYOND_HAW_48 = 1L << 48;

  private static final long BELOW_HAW_48 = (1L << 48) - 4096;

  @Test
  void undefinedBitsOfALegacyContextEntryAreReservedAndNamed() {
    ContextEntry e = ContextEntry.ZERO.withPresent(true).withAw(2).withSsptptr(0x1000).withDid(1);
    ReservedBits r = new ContextEntry(e.lo() | 1L << 4, e.hi() | 1L << 7).reservedBits(SERVER);
    assertThat(r.any()).isTrue();
    assertThat(r.fault()).isEqualTo(FaultReason.LCT_3);
    assertThat(r.mask(0)).isEqualTo(1L << 4);
    assertThat(r.mask(1)).isEqualTo(1L << 7);
    assertThat(r.message())
        .isEqualTo(
            "reserved bits set in legacy context entry (LCT.3): bit 4 (reserved); bit 71"
                + " (reserved)");
    assertThat(e.reservedBits(SERVER).any()).isFalse();
  }

  @Test
  void theHighQwordOfALegacyRootEntryIsReserved() {
    RootEntry e = new RootEntry(RootEntry.ZERO.withPresent(true).withCtp(0x5000).lo(), 1L << 63);
    ReservedBits r = e.reservedBits(SERVER);
    assertThat(r.fault()).isEqualTo(FaultReason.LRT_3);
    assertThat(r.message()).contains("bit 127 (reserved)");
  }

  // ---- D4 ----

  @Test
  void onlyTheScalableRootHalfSelectedByDevfnIsChecked() {
    ScalableRootEntry e =
        new ScalableRootEntry(
            ScalableRootEntry.ZERO.withLp(true).withLctp(0x1000).lo() | 1L << 5,
            ScalableRootEntry.ZERO.withUp(true).withUctp(0x2000).hi());
    ReservedBits lower = e.reservedBits(SERVER, 0x7F);
    assertThat(lower.any()).isTrue();
    assertThat(lower.fault()).isEqualTo(FaultReason.SRT_3);
    assertThat(lower.message()).contains("lower half").contains("bit 5 (reserved)");
    assertThat(e.reservedBits(SERVER, 0x80).any()).as("upper half is clean").isFalse();

    ScalableRootEntry junkLower = new ScalableRootEntry(-1L, e.hi() | 1L << 1);
    assertThat(junkLower.reservedBits(SERVER, 0xFD).message())
        .contains("upper half")
        .contains("bit 65 (reserved)");
  }

  // ---- D5 ----

  static Stream<Arguments> contextCapabilityFields() {
    return Stream.of(
        Arguments.of(ScalableContextEntry.DTE, Ecap.DT, 0),
        Arguments.of(ScalableContextEntry.PASIDE, Ecap.PASID, 0),
        Arguments.of(ScalableContextEntry.PRE, Ecap.PRS, 0),
        Arguments.of(ScalableContextEntry.RID_PASID, Ecap.RPS, 1),
        Arguments.of(ScalableContextEntry.RID_PRIV, Ecap.RPRIVS, 1));
  }

  @ParameterizedTest
  @MethodSource("contextCapabilityFields")
  void aScalableContextFieldIsReservedWithoutItsCapability(
      BitField field, BitField capability, int word) {
    ScalableContextEntry clean =
        ScalableContextEntry.ZERO.withPresent(true).withPasiddirptr(0x3000);
    long[] w = {clean.w0(), clean.w1(), 0, 0};
    w[word] = field.set(w[word], 1);
    ScalableContextEntry e = new ScalableContextEntry(w[0], w[1], w[2], w[3]);

    UnitConfig without = Units.withEcap(SERVER, capability, false);
    ReservedBits r = e.reservedBits(without);
    assertThat(r.fault()).isEqualTo(FaultReason.SCT_3);
    assertThat(r.mask(word)).isEqualTo(field.set(0, 1));
    assertThat(r.message()).contains(field.name() + " needs ECAP." + capability.name() + ", D5");

    UnitConfig with = Units.withEcap(SERVER, capability, true);
    assertThat(e.reservedBits(with).any()).isFalse();
  }

  static Stream<Arguments> pasidCapabilityFields() {
    return Stream.of(
        Arguments.of(PasidEntry.SSEE, Ecap.ERS, 0),
        Arguments.of(PasidEntry.SSADE, Ecap.SSADS, 0),
        Arguments.of(PasidEntry.PWSNP, Ecap.SMPWCS, 1),
        Arguments.of(PasidEntry.PGSNP, Ecap.SC, 1),
        Arguments.of(PasidEntry.CD, Ecap.MTS, 1),
        Arguments.of(PasidEntry.EMTE, Ecap.MTS, 1),
        Arguments.of(PasidEntry.EMT, Ecap.MTS, 1),
        Arguments.of(PasidEntry.PWT, Ecap.MTS, 1),
        Arguments.of(PasidEntry.PCD, Ecap.MTS, 1),
        Arguments.of(PasidEntry.PAT, Ecap.MTS, 1),
        Arguments.of(PasidEntry.SRE, Ecap.SRS, 2),
        Arguments.of(PasidEntry.ERE, Ecap.ERS, 2),
        Arguments.of(PasidEntry.SMEP, Ecap.ERS, 2),
        Arguments.of(PasidEntry.EAFE, Ecap.EAFS, 2));
  }

  @ParameterizedTest
  @MethodSource("pasidCapabilityFields")
  void aPasidEntryFieldIsReservedWithoutItsCapabilityForEveryPgtt(
      BitField field, BitField capability, int word) {
    for (Pgtt pgtt : Pgtt.values()) {
      PasidEntry clean = nestedEntry().withPgtt(pgtt);
      PasidEntry e = clean.withWord(word, field.set(clean.word(word), 1));

      ReservedBits r = e.reservedBits(Units.withEcap(SERVER, capability, false));
      assertThat(r.fault()).isEqualTo(FaultReason.SPT_3);
      assertThat(r.mask(word)).as("PGTT %s", pgtt).isEqualTo(field.set(0, 1));
      assertThat(r.message()).contains(field.name() + " needs ECAP." + capability.name());

      assertThat(e.reservedBits(Units.withEcap(SERVER, capability, true)).any())
          .as("PGTT %s with ECAP.%s", pgtt, capability.name())
          .isFalse();
    }
  }

  @Test
  void nxeNeedsNoCapability() {
    PasidEntry e = nestedEntry().withNxe(true);
    assertThat(QEMU.ecap().executeRequests()).isFalse();
    assertThat(e.reservedBits(QEMU).any()).isFalse();
  }

  @Test
  void pwsnpAsLinuxSetsItIsReservedOnTheQemuUnitWithoutSmpwcs() {
    PasidEntry e = PasidEntry.of(0x49, 0x0080_002AL, 0xABCD_E001L, 0, 0, 0, 0, 0);
    assertThat(e.reservedBits(QEMU).message()).contains("bit 87 (PWSNP needs ECAP.SMPWCS, D5)");
    assertThat(e.reservedBits(SERVER).any()).isFalse();
  }

  // ---- D18 ----

  @Test
  void legacyContextDidBitsAboveTheNdWidthAreReserved() {
    UnitConfig legacy = UnitConfig.legacy();
    assertThat(legacy.cap().domainIdBits()).isEqualTo(8);
    ContextEntry ok = ContextEntry.ZERO.withPresent(true).withAw(2).withSsptptr(0x1000);
    assertThat(ok.withDid(0xFF).reservedBits(legacy).any()).isFalse();

    ReservedBits r = ok.withDid(0x100).reservedBits(legacy);
    assertThat(r.fault()).isEqualTo(FaultReason.LCT_3);
    assertThat(r.message()).contains("bit 80 (DID above the 8-bit CAP.ND width, D18)");
    assertThat(ok.withDid(0xFFFF).reservedBits(SERVER).any()).as("ND = 6: 16 bits").isFalse();
  }

  @Test
  void pasidEntryDidBitsAboveTheNdWidthAreReserved() {
    UnitConfig nd4 = Units.withCap(SERVER, Cap.ND, 4);
    ReservedBits r = nestedEntry().withDid(0x1000).reservedBits(nd4);
    assertThat(r.fault()).isEqualTo(FaultReason.SPT_3);
    assertThat(r.message()).contains("bit 76 (DID above the 12-bit CAP.ND width, D18)");
    assertThat(nestedEntry().withDid(0xFFF).reservedBits(nd4).any()).isFalse();
  }

  // ---- D23 ----

  static Stream<Arguments> pointers() {
    return Stream.of(
        pointer("root CTP", a -> RootEntry.ZERO.withPresent(true).withCtp(a).reservedBits(QEMU)),
        pointer(
            "scalable root UCTP",
            a -> ScalableRootEntry.ZERO.withUp(true).withUctp(a).reservedBits(QEMU, 0x80)),
        pointer(
            "context SSPTPTR",
            a -> ContextEntry.ZERO.withPresent(true).withAw(2).withSsptptr(a).reservedBits(QEMU)),
        pointer(
            "scalable context PASIDDIRPTR",
            a -> ScalableContextEntry.ZERO.withPresent(true).withPasiddirptr(a).reservedBits(QEMU)),
        pointer(
            "PASID-directory SMPTBLPTR",
            a -> PasidDirEntry.ZERO.withPresent(true).withSmptblptr(a).reservedBits(QEMU)),
        pointer(
            "PASID SSPTPTR (PGTT 010b)",
            a -> qemuEntry().withPgtt(Pgtt.SECOND_STAGE).withSsptptr(a).reservedBits(QEMU)),
        pointer(
            "PASID FSPTPTR (PGTT 001b)",
            a -> qemuEntry().withPgtt(Pgtt.FIRST_STAGE).withFsptptr(a).reservedBits(QEMU)),
        pointer(
            "PASID FSPTPTR (PGTT 011b, a GPA)",
            a -> qemuEntry().withPgtt(Pgtt.NESTED).withFsptptr(a).reservedBits(QEMU)));
  }

  private static Arguments pointer(String name, java.util.function.LongFunction<ReservedBits> f) {
    return Arguments.of(name, f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pointers")
  void pointerBitsAtOrAboveHawAreReserved(
      String name, java.util.function.LongFunction<ReservedBits> check) {
    assertThat(check.apply(BELOW_HAW_48).any()).as(name + " below 2^48").isFalse();
    ReservedBits r = check.apply(BEYOND_HAW_48);
    assertThat(r.any()).as(name).isTrue();
    assertThat(r.message()).contains("at or above HAW 48, D23");
  }

  // ---- D8 ----

  @Test
  void pointersThePgttDoesNotUseAreIgnoredEvenBeyondHaw() {
    PasidEntry firstStage =
        qemuEntry().withPgtt(Pgtt.FIRST_STAGE).withSsptptr(BEYOND_HAW_48).withAw(0);
    assertThat(firstStage.reservedBits(QEMU).any()).as("SSPTPTR for PGTT 001b").isFalse();
    assertThat(firstStage.invalidProgramming(QEMU).isValid()).as("AW for PGTT 001b").isTrue();

    PasidEntry secondStage =
        qemuEntry().withPgtt(Pgtt.SECOND_STAGE).withFsptptr(BEYOND_HAW_48).withFspm(3);
    assertThat(secondStage.reservedBits(QEMU).any()).as("FSPTPTR for PGTT 010b").isFalse();
    assertThat(secondStage.invalidProgramming(QEMU).isValid()).as("FSPM for PGTT 010b").isTrue();

    PasidEntry passThrough =
        qemuEntry()
            .withPgtt(Pgtt.PASS_THROUGH)
            .withSsptptr(BEYOND_HAW_48)
            .withFsptptr(BEYOND_HAW_48)
            .withAw(7);
    assertThat(passThrough.reservedBits(QEMU).any()).as("pointers for PGTT 100b").isFalse();
    assertThat(passThrough.invalidProgramming(QEMU).isValid()).as("AW for PGTT 100b").isTrue();
  }

  @Test
  void legacyPassThroughIgnoresSsptptrEvenBeyondHaw() {
    ContextEntry e =
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.PASS_THROUGH)
            .withAw(2)
            .withSsptptr(BEYOND_HAW_48);
    assertThat(e.reservedBits(QEMU).any()).isFalse();
    assertThat(e.withTranslationType(TranslationType.UNTRANSLATED).reservedBits(QEMU).any())
        .isTrue();
  }

  @Test
  void decodeOfAPassThroughEntryMarksTheUnusedFieldsIgnored() {
    UnaryOperator<PasidEntry> pt = e -> e.withPgtt(Pgtt.PASS_THROUGH);
    var d = pt.apply(qemuEntry()).decode(QEMU);
    assertThat(d.fields())
        .filteredOn(f -> f.name().equals("SSPTPTR") || f.name().equals("AW"))
        .allSatisfy(f -> assertThat(f.meaning()).contains("ignored for PGTT 100b (D8)"));
  }

  // ---- not present ----

  @Test
  void decodeReportsNoErrorForANotPresentEntry() {
    ContextEntry junk = new ContextEntry(-2L, -1L);
    assertThat(junk.present()).isFalse();
    var d = junk.decode(SERVER);
    assertThat(d.errors()).isEmpty();
    assertThat(d.summary())
        .extracting(f -> f.meaning())
        .anySatisfy(m -> assertThat(m).contains("not present"));
    assertThat(junk.withPresent(true).decode(SERVER).errors()).isNotEmpty();
  }

  /** A present nested PASID entry valid on the server unit. */
  static PasidEntry nestedEntry() {
    return PasidEntry.ZERO
        .withPresent(true)
        .withPgtt(Pgtt.NESTED)
        .withAw(2)
        .withSsptptr(0x10_0000)
        .withFsptptr(0x20_0000)
        .withDid(7);
  }

  /** A present PASID entry with only the fields every PGTT accepts on the qemu unit. */
  static PasidEntry qemuEntry() {
    return PasidEntry.ZERO.withPresent(true).withAw(2).withDid(3);
  }
}
