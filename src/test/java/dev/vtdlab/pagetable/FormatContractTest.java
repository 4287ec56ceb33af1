package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.Decoded;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The format contract, run for every configuration (first stage 4/5, second stage 3/4/5). */
class FormatContractTest {

  private static final String ALL = "dev.vtdlab.pagetable.Configs#all";
  private static final String LARGE = "dev.vtdlab.pagetable.Configs#large";

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void inputWidthIsTwelvePlusNinePerLevel(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    assertThat(f.inputWidth()).isEqualTo(12 + 9 * config.levels());
    assertThat(f.stage()).isEqualTo(config.stage());
    assertThat(f.isValidInput(0)).isTrue();
    assertThat(f.isValidInput((1L << (f.inputWidth() - 1)) - 1)).isTrue();
    assertThat(f.isValidInput(1L << f.inputWidth())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void indicesAndOffsetRebuildTheAddress(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      long iova = rnd.nextLong() & ((1L << (f.inputWidth() - 1)) - 1);
      long rebuilt = iova & 0xFFF;
      for (int level = 1; level <= f.levels(); level++) {
        int index = f.index(iova, level);
        assertThat(index).isBetween(0, 511);
        rebuilt |= (long) index << PageTableFormat.levelShift(level);
      }
      assertThat(rebuilt).isEqualTo(iova);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void aZeroEntryIsNotPresentAtAnyLevel(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    for (int level = 1; level <= f.levels(); level++) {
      assertThat(f.isPresent(0, level)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void anEncodedTableEntryIsAValidPresentNonLeafAtEveryUpperLevel(
      String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    long table = 0x1234_5000L;
    long e = f.encodeTable(table);
    for (int level = 2; level <= f.levels(); level++) {
      assertThat(f.isPresent(e, level)).isTrue();
      assertThat(f.isLeaf(e, level)).isFalse();
      assertThat(f.address(e, level)).isEqualTo(table);
      assertThat(f.reservedBits(e, level)).isZero();
      assertThat(f.rights(e, level) & Rights.READ).isEqualTo(Rights.READ);
      assertThat(f.rights(e, level) & Rights.WRITE).isEqualTo(Rights.WRITE);
      assertThat(f.describe(e, level).errors()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void anEncodedLeafIsValidForEverySupportedSize(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    for (PageSize size : PageSize.values()) {
      int level = size.leafLevel();
      if (!f.supportsLeaf(size) || level > f.levels()) {
        continue;
      }
      long out = 0x40_0000_0000L;
      long rw = f.encodeLeaf(out, size, Prot.READ_WRITE);
      assertThat(f.isPresent(rw, level)).as(size.label()).isTrue();
      assertThat(f.isLeaf(rw, level)).as(size.label()).isTrue();
      assertThat(f.address(rw, level)).isEqualTo(out);
      assertThat(f.reservedBits(rw, level)).isZero();
      assertThat(Rights.allows(f.rights(rw, level), Rights.READ | Rights.WRITE)).isTrue();
      long ro = f.encodeLeaf(out, size, Prot.READ);
      assertThat(f.rights(ro, level) & Rights.WRITE).as("read-only " + size.label()).isZero();
      Decoded d = f.describe(rw, level);
      assertThat(d.errors()).isEmpty();
      assertThat(d.summary()).anySatisfy(s -> assertThat(s.meaning()).isEqualTo(size.label()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void unsupportedLeafSizesAreRefusedAndTheirPsBitIsReserved(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    for (int level = 2; level <= Math.min(3, f.levels()); level++) {
      PageSize size = PageSize.ofLevel(level);
      if (f.supportsLeaf(size)) {
        continue;
      }
      assertThatThrownBy(() -> f.encodeLeaf(0, size, Prot.READ))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not supported");
      long e = f.encodeTable(0x5000) | (1L << 7);
      assertThat(f.isLeaf(e, level)).isFalse();
      assertThat(f.reservedBits(e, level)).isEqualTo(1L << 7);
      assertThat(f.describe(e, level).errors()).singleElement().asString().contains("bit 7");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void psIsReservedAtLevelsFourAndFive(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    for (int level = 4; level <= f.levels(); level++) {
      long e = f.encodeTable(0x5000) | (1L << 7);
      assertThat(f.isLeaf(e, level)).isFalse();
      assertThat(f.reservedBits(e, level)).isEqualTo(1L << 7);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void addressBitsAtOrAboveHawAreReservedEverywhere(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    int haw = config.haw();
    long high = 1L << haw;
    for (int level = 1; level <= f.levels(); level++) {
      long table = f.encodeTable(0x7000) | high;
      if (level >= 2) {
        assertThat(f.reservedBits(table, level)).as("non-leaf L" + level).isEqualTo(high);
      }
      if (level <= 3 && f.supportsLeaf(PageSize.ofLevel(level))) {
        long leaf = f.encodeLeaf(0, PageSize.ofLevel(level), Prot.READ) | (1L << 51);
        assertThat(f.reservedBits(leaf, level)).as("leaf L" + level).isEqualTo(1L << 51);
      }
    }
    assertThatThrownBy(() -> f.encodeTable(high))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HAW");
    assertThatThrownBy(() -> f.encodeLeaf(high, PageSize.SIZE_4K, Prot.READ))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HAW");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(LARGE)
  void lowAddressBitsOfLargeLeavesAreReserved(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    long leaf2m = f.encodeLeaf(0x4000_0000L, PageSize.SIZE_2M, Prot.READ);
    assertThat(f.reservedBits(leaf2m | (1L << 20), 2)).isEqualTo(1L << 20);
    assertThat(f.reservedBits(leaf2m | (1L << 13), 2)).isEqualTo(1L << 13);
    long leaf1g = f.encodeLeaf(0x4000_0000L, PageSize.SIZE_1G, Prot.READ);
    assertThat(f.reservedBits(leaf1g | (1L << 29), 3)).isEqualTo(1L << 29);
    assertThat(f.reservedBits(leaf1g | (1L << 21), 3)).isEqualTo(1L << 21);
    assertThat(f.describe(leaf1g | (1L << 29), 3).errors())
        .singleElement()
        .asString()
        .contains("bit 29")
        .contains("1G page");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(LARGE)
  void splittingALargeLeafKeepsItsAttributes(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    for (int level = 2; level <= 3; level++) {
      PageSize size = PageSize.ofLevel(level);
      long base = 0x80_0000_0000L;
      long leaf = f.encodeLeaf(base, size, Prot.READ);
      long childSpan = PageTableFormat.entrySpan(level - 1);
      for (int i : new int[] {0, 1, 511}) {
        long child = f.childLeaf(leaf, level, base + i * childSpan);
        assertThat(f.isPresent(child, level - 1)).isTrue();
        assertThat(f.isLeaf(child, level - 1)).isTrue();
        assertThat(f.reservedBits(child, level - 1)).isZero();
        assertThat(f.address(child, level - 1)).isEqualTo(base + i * childSpan);
        assertThat(f.rights(child, level - 1)).isEqualTo(f.rights(leaf, level));
        assertThat(child)
            .isEqualTo(f.encodeLeaf(base + i * childSpan, PageSize.ofLevel(level - 1), Prot.READ));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void badLeafArgumentsAreRefusedWithAMessage(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    assertThatThrownBy(() -> f.encodeLeaf(0x1800, PageSize.SIZE_4K, Prot.READ))
        .hasMessageContaining("not 4K aligned");
    assertThatThrownBy(() -> f.encodeLeaf(0x1000, PageSize.SIZE_4K, 0))
        .hasMessageContaining("READ or WRITE");
    assertThatThrownBy(() -> f.encodeLeaf(0x1000, PageSize.SIZE_4K, 1 << 10))
        .hasMessageContaining("unknown protection flags");
    assertThatThrownBy(() -> f.encodeTable(0x1008)).hasMessageContaining("not 4K aligned");
    assertThatThrownBy(() -> f.describe(0, f.levels() + 1)).hasMessageContaining("level");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(ALL)
  void attributesLeaveOutOnlyTheAddress(String name, FormatConfig config) {
    PageTableFormat f = PageTableFormat.of(config);
    long a = f.encodeLeaf(0x1000, PageSize.SIZE_4K, Prot.READ_WRITE);
    long b = f.encodeLeaf(0x9000, PageSize.SIZE_4K, Prot.READ_WRITE);
    long c = f.encodeLeaf(0x9000, PageSize.SIZE_4K, Prot.READ);
    assertThat(f.attributes(a, 1)).isEqualTo(f.attributes(b, 1));
    assertThat(f.attributes(b, 1)).isNotEqualTo(f.attributes(c, 1));
    assertThat(f.attributes(a, 1) | f.address(a, 1)).isEqualTo(a);
  }
}
