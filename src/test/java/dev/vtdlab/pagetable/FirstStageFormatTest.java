package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.Decoded;
import org.junit.jupiter.api.Test;

/** First-stage entries: digest 5.2, 10.3, 12.2 and decisions D11, D23, D24. */
class FirstStageFormatTest {

  private static final FirstStageFormat DEFAULT =
      new FirstStageFormat(FormatConfig.firstStageDecodeDefault());

  private static long field(Decoded d, String name) {
    return d.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
  }

  private static String summary(Decoded d, String name) {
    return d.summary().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow()
        .meaning();
  }

  @Test
  void digestPteExampleDecodesFieldByField() {
    Decoded d = DEFAULT.describe(0x8000_0001_2345_6067L, 1);
    assertThat(d.structure()).isEqualTo("first-stage PTE (level 1)");
    assertThat(field(d, "P")).isEqualTo(1);
    assertThat(field(d, "R/W")).isEqualTo(1);
    assertThat(field(d, "U/S")).isEqualTo(1);
    assertThat(field(d, "PWT")).isZero();
    assertThat(field(d, "PCD")).isZero();
    assertThat(field(d, "A")).isEqualTo(1);
    assertThat(field(d, "D")).isEqualTo(1);
    assertThat(field(d, "PAT")).isZero();
    assertThat(field(d, "G")).isZero();
    assertThat(field(d, "EA")).isZero();
    assertThat(field(d, "XD")).isEqualTo(1);
    assertThat(field(d, "ADDR") << 12).isEqualTo(0x1_2345_6000L);
    assertThat(summary(d, "page")).isEqualTo("0x123456000");
    assertThat(summary(d, "page size")).isEqualTo("4K");
    assertThat(d.errors()).as("rev 4.x default: XD ignored without NXE (D11)").isEmpty();
    assertThat(d.toText()).contains("ignored (NXE = 0, D11)");
  }

  @Test
  void digestPteExampleWithNxeIsNotExecutableButWritableForUsers() {
    FirstStageFormat f = new FirstStageFormat(FormatConfig.firstStageDecodeDefault().withNxe(true));
    long pte = 0x8000_0001_2345_6067L;
    assertThat(f.reservedBits(pte, 1)).isZero();
    assertThat(f.rights(pte, 1)).isEqualTo(Rights.READ | Rights.WRITE | Rights.USER);
    assertThat(DEFAULT.rights(pte, 1)).isEqualTo(Rights.ALL);
  }

  @Test
  void digestPteExampleUnderRev3WithoutNxeHasReservedBit63() {
    FirstStageFormat f =
        new FirstStageFormat(FormatConfig.firstStageDecodeDefault().withXdReservedWithoutNxe(true));
    long pte = 0x8000_0001_2345_6067L;
    assertThat(f.reservedBits(pte, 1)).isEqualTo(1L << 63);
    assertThat(f.describe(pte, 1).errors())
        .singleElement()
        .asString()
        .contains("bit 63")
        .contains("D11");
  }

  @Test
  void linuxBitsForTablesAndLeaves() {
    FirstStageFormat f = new FirstStageFormat(FormatConfig.firstStage(4, 48).withLeaf1G(true));
    // non-leaf: P | R/W | U/S | A
    assertThat(f.encodeTable(0x1000)).isEqualTo(0x1000L | 0b10_0111);
    // writable 4K leaf: P | R/W | U/S | A | D
    assertThat(f.encodeLeaf(0x1_2345_6000L, PageSize.SIZE_4K, Prot.READ_WRITE))
        .isEqualTo(0x1_2345_6067L);
    // read-only 4K leaf: P | U/S | A
    assertThat(f.encodeLeaf(0x1_2345_6000L, PageSize.SIZE_4K, Prot.READ)).isEqualTo(0x1_2345_6025L);
    // 2M and 1G: PS added
    assertThat(f.encodeLeaf(0x4020_0000L, PageSize.SIZE_2M, Prot.READ_WRITE))
        .isEqualTo(0x4020_00E7L);
    assertThat(f.encodeLeaf(0x4000_0000L, PageSize.SIZE_1G, Prot.READ)).isEqualTo(0x4000_00A5L);
    // XD stays off without NXE, and snoop is not a first-stage bit
    assertThat(f.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ | Prot.NO_EXECUTE | Prot.SNOOP))
        .isEqualTo(0x1025L);
    FirstStageFormat nxe = new FirstStageFormat(FormatConfig.firstStage(4, 48).withNxe(true));
    assertThat(nxe.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ | Prot.NO_EXECUTE))
        .isEqualTo(0x8000_0000_0000_1025L);
  }

  @Test
  void d24ReservedBits() {
    FirstStageFormat no1g = new FirstStageFormat(FormatConfig.firstStage(5, 52));
    long table = no1g.encodeTable(0x5000);
    assertThat(no1g.reservedBits(table | 0x80, 5)).as("PS in PML5E").isEqualTo(0x80);
    assertThat(no1g.reservedBits(table | 0x80, 4)).as("PS in PML4E").isEqualTo(0x80);
    assertThat(no1g.reservedBits(table | 0x80, 3)).as("PDPE PS without FS1GP").isEqualTo(0x80);
    assertThat(no1g.isLeaf(table | 0x80, 2)).as("2 MiB always supported").isTrue();
    long leaf2m = no1g.encodeLeaf(0x4020_0000L, PageSize.SIZE_2M, Prot.READ);
    assertThat(no1g.reservedBits(leaf2m | (0xFFL << 13), 2)).isEqualTo(0xFFL << 13);
    assertThat(no1g.reservedBits(leaf2m | FirstStageFormat.PAT_LARGE.mask(), 2))
        .as("bit 12 of a large leaf is PAT")
        .isZero();
    long ignored =
        FirstStageFormat.G.mask()
            | FirstStageFormat.EA.mask()
            | (1L << 9)
            | (1L << 11)
            | (0x7FFL << 52)
            | (1L << 63);
    assertThat(no1g.reservedBits(leaf2m | ignored, 2)).isZero();
    assertThat(no1g.reservedBits(no1g.encodeLeaf(0x1000, PageSize.SIZE_4K, 1) | ignored, 1))
        .isZero();
    assertThat(no1g.reservedBits(table | (1L << 6) | (3L << 8) | (1L << 11), 4)).isZero();
  }

  @Test
  void rightsFollowRwUsAndXdWithNxe() {
    FirstStageFormat f = new FirstStageFormat(FormatConfig.firstStage(4, 48).withNxe(true));
    long p = FirstStageFormat.P.mask();
    assertThat(f.rights(p, 1)).isEqualTo(Rights.READ | Rights.EXECUTE);
    assertThat(f.rights(p | FirstStageFormat.RW.mask(), 1))
        .isEqualTo(Rights.READ | Rights.WRITE | Rights.EXECUTE);
    assertThat(f.rights(p | FirstStageFormat.US.mask() | FirstStageFormat.XD.mask(), 1))
        .isEqualTo(Rights.READ | Rights.USER);
  }

  @Test
  void presentIsThePBitOnly() {
    assertThat(DEFAULT.isPresent(0xFFFF_FFFF_FFFF_FFFEL, 1)).isFalse();
    assertThat(DEFAULT.isPresent(1, 4)).isTrue();
    Decoded d = DEFAULT.describe(0x8000_0000_0000_0002L, 1);
    assertThat(summary(d, "present")).isEqualTo("no");
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void canonicalRuleOfDigest51() {
    FirstStageFormat four = new FirstStageFormat(FormatConfig.firstStage(4, 48));
    FirstStageFormat five = new FirstStageFormat(FormatConfig.firstStage(5, 48));
    assertThat(four.isValidInput(0x0000_7FFF_FFFF_F000L)).isTrue();
    assertThat(four.isValidInput(0x0000_8000_0000_0000L)).isFalse();
    assertThat(four.isValidInput(0xFFFF_8000_0000_1000L)).isTrue();
    assertThat(four.isValidInput(0x00F3_4567_89AB_CDEFL)).isFalse();
    assertThat(four.isValidInput(0xFFF3_4567_89AB_CDEFL)).isFalse();
    assertThat(five.isValidInput(0x00F3_4567_89AB_CDEFL)).isTrue();
    assertThat(five.isValidInput(0xFFF3_4567_89AB_CDEFL)).isTrue();
    assertThat(five.isValidInput(0x0100_0000_0000_0000L)).isFalse();
    assertThat(four.isValidInputRange(0x0000_7FFF_FFFF_F000L, 0xFFFF_8000_0000_0FFFL))
        .as("a range across the hole")
        .isFalse();
    assertThat(four.isValidInputRange(0xFFFF_8000_0000_0000L, -1L)).isTrue();
  }

  @Test
  void aSecondStageConfigIsRefused() {
    assertThatThrownBy(() -> new FirstStageFormat(FormatConfig.secondStage(4, 48)))
        .hasMessageContaining("not a first-stage config");
    assertThatThrownBy(() -> FormatConfig.firstStage(3, 48)).hasMessageContaining("4 or 5");
    assertThatThrownBy(() -> FormatConfig.firstStage(4, 48).withSnoopControl(true))
        .hasMessageContaining("second-stage options");
    assertThatThrownBy(() -> FormatConfig.firstStage(4, 48).withLeaf2M(false))
        .hasMessageContaining("always supported");
  }

  @Test
  void accessedMaskIncludesEaOnlyWithEafe() {
    assertThat(DEFAULT.accessedMask(1)).isEqualTo(1L << 5);
    FirstStageFormat eafe =
        new FirstStageFormat(FormatConfig.firstStage(4, 48).withExtendedAccessed(true));
    assertThat(eafe.accessedMask(3)).isEqualTo((1L << 5) | (1L << 10));
    assertThat(eafe.dirtyMask(1)).isEqualTo(1L << 6);
  }
}
