package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.Decoded;
import org.junit.jupiter.api.Test;

/** Second-stage entries: digest 6.2, 10.3, 12.2 and decisions D10, D12, D23. */
class SecondStageFormatTest {

  private static final SecondStageFormat DEFAULT =
      new SecondStageFormat(FormatConfig.secondStageDecodeDefault());

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
  void digestPdeExampleDecodesAsA2MiBLeaf() {
    long pde = 0x0000_0000_4020_0983L;
    Decoded d = DEFAULT.describe(pde, 2);
    assertThat(d.structure()).isEqualTo("second-stage SL-PDE (level 2)");
    assertThat(field(d, "R")).isEqualTo(1);
    assertThat(field(d, "W")).isEqualTo(1);
    assertThat(field(d, "X")).isZero();
    assertThat(field(d, "EMT")).isZero();
    assertThat(field(d, "IPAT")).isZero();
    assertThat(field(d, "PS")).isEqualTo(1);
    assertThat(field(d, "A")).isEqualTo(1);
    assertThat(field(d, "D")).isZero();
    assertThat(field(d, "SNP")).isEqualTo(1);
    assertThat(summary(d, "page")).isEqualTo("0x40200000");
    assertThat(summary(d, "page size")).isEqualTo("2M");
    assertThat(d.errors()).isEmpty();
    assertThat(DEFAULT.address(pde, 2)).isEqualTo(0x4020_0000L);
    long input = 0x0000_0000_1234_5678L;
    assertThat(DEFAULT.address(pde, 2) | (input & PageSize.SIZE_2M.offsetMask()))
        .isEqualTo(0x4034_5678L);
  }

  @Test
  void digestPdeExampleWithoutSnoopControlHasReservedBit11() {
    SecondStageFormat noSc =
        new SecondStageFormat(FormatConfig.secondStageDecodeDefault().withSnoopControl(false));
    assertThat(noSc.reservedBits(0x4020_0983L, 2)).isEqualTo(1L << 11);
    assertThat(noSc.describe(0x4020_0983L, 2).errors())
        .singleElement()
        .asString()
        .contains("bit 11")
        .contains("ECAP.SC");
  }

  @Test
  void digestPdeExampleWithout2MiBPagesHasReservedPs() {
    SecondStageFormat no2m =
        new SecondStageFormat(FormatConfig.secondStageDecodeDefault().withLeaf2M(false));
    assertThat(no2m.isLeaf(0x4020_0983L, 2)).isFalse();
    assertThat(no2m.reservedBits(0x4020_0983L, 2)).as("PS, and SNP in a non-leaf").isEqualTo(0x880);
  }

  @Test
  void linuxBitsForTablesAndLeaves() {
    SecondStageFormat f =
        new SecondStageFormat(
            FormatConfig.secondStage(4, 48)
                .withLeaf2M(true)
                .withLeaf1G(true)
                .withSnoopControl(true));
    assertThat(f.encodeTable(0x1000)).isEqualTo(0x1003L);
    assertThat(f.encodeLeaf(0x1_2345_6000L, PageSize.SIZE_4K, Prot.READ_WRITE))
        .isEqualTo(0x1_2345_6003L);
    assertThat(f.encodeLeaf(0x1_2345_6000L, PageSize.SIZE_4K, Prot.READ)).isEqualTo(0x1_2345_6001L);
    assertThat(f.encodeLeaf(0x1_2345_6000L, PageSize.SIZE_4K, Prot.WRITE))
        .isEqualTo(0x1_2345_6002L);
    assertThat(f.encodeLeaf(0x4020_0000L, PageSize.SIZE_2M, Prot.READ_WRITE | Prot.SNOOP))
        .isEqualTo(0x4020_0883L);
    assertThat(f.encodeLeaf(0x4000_0000L, PageSize.SIZE_1G, Prot.READ_WRITE))
        .isEqualTo(0x4000_0083L);
    assertThat(f.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ | Prot.NO_EXECUTE))
        .as("X is never set without SLEE")
        .isEqualTo(0x1001L);
  }

  @Test
  void snoopWithoutSnoopControlIsRefused() {
    SecondStageFormat f = new SecondStageFormat(FormatConfig.secondStage(4, 48));
    assertThatThrownBy(() -> f.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ | Prot.SNOOP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ECAP.SC");
  }

  @Test
  void d10ReservedAndIgnoredBits() {
    SecondStageFormat f = DEFAULT;
    long table = f.encodeTable(0x5000);
    for (int level = 2; level <= 5; level++) {
      assertThat(f.reservedBits(table | (1L << 62), level))
          .as("bit 62 L" + level)
          .isEqualTo(1L << 62);
      assertThat(f.reservedBits(table | (1L << 11), level))
          .as("SNP in non-leaf L" + level)
          .isEqualTo(1L << 11);
      long ignored = (0xFL << 3) | (1L << 8) | (1L << 9) | (1L << 10) | (0x3FFL << 52) | (1L << 63);
      assertThat(f.reservedBits(table | ignored, level)).as("ignored L" + level).isZero();
    }
    long pte = f.encodeLeaf(0x7000, PageSize.SIZE_4K, Prot.READ);
    assertThat(f.reservedBits(pte | (1L << 7), 1)).as("PS ignored in a PTE").isZero();
    assertThat(f.isLeaf(pte | (1L << 7), 1)).isTrue();
    assertThat(f.reservedBits(pte | (1L << 62), 1)).isEqualTo(1L << 62);
    long ignoredLeaf =
        (7L << 3) | (1L << 6) | (1L << 8) | (1L << 9) | (1L << 10) | (0x3FFL << 52) | (1L << 63);
    assertThat(f.reservedBits(pte | ignoredLeaf | (1L << 11), 1)).isZero();
    long leaf2m = f.encodeLeaf(0x4020_0000L, PageSize.SIZE_2M, Prot.READ);
    assertThat(f.reservedBits(leaf2m | (0x1FFL << 12), 2)).isEqualTo(0x1FFL << 12);
    long leaf1g = f.encodeLeaf(0x4000_0000L, PageSize.SIZE_1G, Prot.READ);
    assertThat(f.reservedBits(leaf1g | (0x3FFFFL << 12), 3)).isEqualTo(0x3FFFFL << 12);
  }

  @Test
  void presentMeansReadOrWriteOrExecuteWithSlee() {
    SecondStageFormat f = new SecondStageFormat(FormatConfig.secondStage(4, 48));
    SecondStageFormat slee =
        new SecondStageFormat(FormatConfig.secondStage(4, 48).withExecuteEnable(true));
    assertThat(f.isPresent(1, 1)).isTrue();
    assertThat(f.isPresent(2, 1)).isTrue();
    assertThat(f.isPresent(4, 1)).as("X alone without SLEE").isFalse();
    assertThat(slee.isPresent(4, 1)).as("X alone with SLEE").isTrue();
    assertThat(f.isPresent(0x8000_0000_0000_1F00L, 1)).isFalse();
  }

  @Test
  void rightsFollowRwAndExecuteNeedsR() {
    SecondStageFormat f = new SecondStageFormat(FormatConfig.secondStage(4, 48));
    SecondStageFormat slee =
        new SecondStageFormat(FormatConfig.secondStage(4, 48).withExecuteEnable(true));
    assertThat(f.rights(1, 1)).isEqualTo(Rights.READ | Rights.EXECUTE | Rights.USER);
    assertThat(f.rights(2, 1)).isEqualTo(Rights.WRITE | Rights.USER);
    assertThat(slee.rights(1, 1)).isEqualTo(Rights.READ | Rights.USER);
    assertThat(slee.rights(5, 1)).isEqualTo(Rights.READ | Rights.EXECUTE | Rights.USER);
    assertThat(slee.rights(4, 1)).as("X without R").isEqualTo(Rights.USER);
    assertThat(slee.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ)).isEqualTo(0x1005L);
  }

  @Test
  void inputsMustBeBelowTheWidth() {
    SecondStageFormat three = new SecondStageFormat(FormatConfig.secondStage(3, 48));
    assertThat(three.isValidInput(0x0000_007F_DEAD_B000L)).isTrue();
    assertThat(three.isValidInput(0x0000_1234_5678_9ABCL)).isFalse();
    assertThat(three.isValidInput(-1L)).isFalse();
    assertThat(three.isValidInputRange(0x1000, 0x0)).as("last before start").isFalse();
  }

  @Test
  void aFirstStageOnlyOptionIsRefused() {
    assertThatThrownBy(() -> FormatConfig.secondStage(4, 48).withNxe(true))
        .hasMessageContaining("first-stage options");
    assertThatThrownBy(() -> FormatConfig.secondStage(2, 48)).hasMessageContaining("3, 4 or 5");
    assertThatThrownBy(() -> FormatConfig.secondStage(4, 53)).hasMessageContaining("HAW");
  }

  @Test
  void accessedAndDirtyAreBits8And9() {
    assertThat(DEFAULT.accessedMask(2)).isEqualTo(1L << 8);
    assertThat(DEFAULT.dirtyMask(1)).isEqualTo(1L << 9);
  }
}
