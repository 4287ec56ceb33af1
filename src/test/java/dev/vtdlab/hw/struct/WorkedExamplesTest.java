package dev.vtdlab.hw.struct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The digest's worked examples (12.2 entry decodes, 12.3 indexing). */
class WorkedExamplesTest {

  private static final UnitConfig SERVER = UnitConfig.server();

  private static Map<String, Long> values(Decoded d) {
    return d.fields().stream().collect(Collectors.toMap(Decoded.Field::name, Decoded.Field::value));
  }

  @Test
  void legacyContextEntryDecodesToTheDigestFields() {
    ContextEntry e = new ContextEntry(0x0000_0001_2345_6001L, 0x0000_0000_0000_2A02L);

    assertThat(e.present()).isTrue();
    assertThat(e.fpd()).isFalse();
    assertThat(e.translationType()).isEqualTo(TranslationType.UNTRANSLATED);
    assertThat(e.ssptptr()).isEqualTo(0x1_2345_6000L);
    assertThat(e.aw()).isEqualTo(0b010);
    assertThat(Agaw.levels(e.aw())).isEqualTo(4);
    assertThat(Agaw.widthBits(e.aw())).isEqualTo(48);
    assertThat(e.did()).isEqualTo(0x2A);

    Decoded d = e.decode(SERVER);
    assertThat(values(d))
        .containsEntry("P", 1L)
        .containsEntry("FPD", 0L)
        .containsEntry("TT", 0L)
        .containsEntry("SSPTPTR", 0x1_2345_6L)
        .containsEntry("AW", 2L)
        .containsEntry("DID", 0x2AL);
    assertThat(d.fields()).extracting(Decoded.Field::bits).contains("87:72", "66:64", "63:12");
    assertThat(d.summary())
        .extracting(Decoded.Field::meaning)
        .anySatisfy(m -> assertThat(m).contains("4-level (48-bit)").contains("0x123456000"));
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void scalableContextEntryDecodesToTheDigestFields() {
    ScalableContextEntry e = new ScalableContextEntry(0x0000_0001_2345_680DL, 0, 0, 0);

    assertThat(e.present()).isTrue();
    assertThat(e.fpd()).isFalse();
    assertThat(e.dte()).isTrue();
    assertThat(e.pasidEnable()).isTrue();
    assertThat(e.pre()).isFalse();
    assertThat(e.pdts()).isEqualTo(4);
    assertThat(e.pasidDirectoryEntries()).isEqualTo(2048);
    assertThat(e.pasidLimit() - 1).isEqualTo(0x1FFFF);
    assertThat(e.pasiddirptr()).isEqualTo(0x1_2345_6000L);

    Decoded d = e.decode(SERVER);
    assertThat(values(d))
        .containsEntry("DTE", 1L)
        .containsEntry("PASIDE", 1L)
        .containsEntry("PRE", 0L)
        .containsEntry("PDTS", 4L);
    assertThat(d.summary())
        .extracting(Decoded.Field::meaning)
        .anySatisfy(m -> assertThat(m).startsWith("0x0-0x1ffff"));
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void firstStageOnlyPasidEntryDecodesToTheDigestFields() {
    PasidEntry e = PasidEntry.of(0x49, 0x0080_002AL, 0xABCD_E001L, 0, 0, 0, 0, 0);

    assertThat(e.present()).isTrue();
    assertThat(e.fpd()).isFalse();
    assertThat(e.aw()).isEqualTo(0b010);
    assertThat(e.pgtt()).isEqualTo(Pgtt.FIRST_STAGE);
    assertThat(e.did()).isEqualTo(0x2A);
    assertThat(e.pwsnp()).isTrue();
    assertThat(e.sre()).isTrue();
    assertThat(e.fspm()).isZero();
    assertThat(e.firstStageLevels()).isEqualTo(4);
    assertThat(e.wpe()).isFalse();
    assertThat(e.eafe()).isFalse();
    assertThat(e.fsptptr()).isEqualTo(0xABCD_E000L);

    Decoded d = e.decode(SERVER);
    assertThat(values(d))
        .containsEntry("PGTT", 1L)
        .containsEntry("PWSNP", 1L)
        .containsEntry("SRE", 1L)
        .containsEntry("FSPTPTR", 0xABCDEL);
    assertThat(d.fields())
        .filteredOn(f -> f.name().equals("PWSNP"))
        .extracting(Decoded.Field::bits)
        .containsExactly("87");
    assertThat(d.summary())
        .extracting(Decoded.Field::meaning)
        .contains("first stage only")
        .anySatisfy(m -> assertThat(m).contains("4-level (48-bit)").contains("HPA 0xabcde000"));
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void secondStageOnlyPasidEntryDecodesToTheDigestFields() {
    PasidEntry e = PasidEntry.of(0x5555_5289L, 0, 0, 0, 0, 0, 0, 0);

    assertThat(e.present()).isTrue();
    assertThat(e.aw()).isEqualTo(0b010);
    assertThat(e.pgtt()).isEqualTo(Pgtt.SECOND_STAGE);
    assertThat(e.ssade()).isTrue();
    assertThat(e.ssptptr()).isEqualTo(0x5555_5000L);
    assertThat(e.decode(SERVER).errors()).isEmpty();
  }

  @Test
  void requester3a1f5IndexesTheDigestOffsets() {
    SourceId sid = SourceId.parse("3a:1f.5");
    assertThat(sid.devfn()).isEqualTo(0xFD);
    long rta = 0x10_0000L;
    long ctp = 0x20_0000L;

    assertThat(RootEntry.address(rta, sid.bus()) - rta).isEqualTo(0x3A0);
    assertThat(ContextEntry.address(ctp, sid.devfn()) - ctp).isEqualTo(0xFD0);

    assertThat(ScalableRootEntry.upperHalf(sid.devfn())).isTrue();
    ScalableRootEntry root =
        ScalableRootEntry.ZERO.withLp(true).withLctp(0x1000).withUp(true).withUctp(ctp);
    assertThat(root.present(sid.devfn())).isTrue();
    assertThat(root.contextTable(sid.devfn())).isEqualTo(ctp);
    assertThat(root.contextTable(0x7F)).isEqualTo(0x1000);
    assertThat(ScalableContextEntry.address(ctp, sid.devfn()) - ctp).isEqualTo(0xFA0);
  }

  @Test
  void pasid12345IndexesTheDigestOffsetsAndNeedsPdtsFour() {
    int pasid = 0x12345;
    long dir = 0x30_0000L;
    long table = 0x40_0000L;

    assertThat(PasidDirEntry.index(pasid)).isEqualTo(0x48D);
    assertThat(PasidDirEntry.address(dir, pasid) - dir).isEqualTo(0x2468);
    assertThat(PasidEntry.index(pasid)).isEqualTo(5);
    assertThat(PasidEntry.address(table, pasid) - table).isEqualTo(0x140);
    assertThat(PasidDirEntry.index(pasid) * 64 + PasidEntry.index(pasid)).isEqualTo(74565);

    ScalableContextEntry ctx = ScalableContextEntry.ZERO.withPresent(true);
    assertThat(ctx.withPdts(4).pasidLimit()).isGreaterThan(pasid);
    assertThat(ctx.withPdts(3).pasidLimit()).isLessThanOrEqualTo(pasid);
  }

  @Test
  void pasidLimitIsThePdtsLimitOnlyWhateverEcapPss() {
    // docs/spec-deviations.md row 4: spec 5.10 Table 30 SCT.7 is the PDTS limit only; a PASID
    // beyond ECAP.PSS is SGN.10 (D6 folded 2^(PSS+1) into this limit).
    ScalableContextEntry ctx = ScalableContextEntry.ZERO.withPresent(true).withPdts(7);
    assertThat(ctx.pasidLimit()).isEqualTo(1 << 20);
    assertThat(ctx.withPdts(0).pasidLimit()).as("2^(0+7) x 64").isEqualTo(1 << 13);
    UnitConfig narrow = Units.withEcapField(SERVER, Ecap.PSS, 9);
    assertThat(ctx.decode(narrow).summary())
        .as("the decoded PASID range still shows the PSS bound")
        .extracting(Decoded.Field::meaning)
        .anySatisfy(m -> assertThat(m).startsWith("0x0-0x3ff "));
  }
}
