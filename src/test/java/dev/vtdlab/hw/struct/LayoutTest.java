package dev.vtdlab.hw.struct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayoutTest {

  static Stream<WordLayout> layouts() {
    return Stream.of(
        RootEntry.LAYOUT_LO,
        RootEntry.LAYOUT_HI,
        ScalableRootEntry.LAYOUT_LO,
        ScalableRootEntry.LAYOUT_HI,
        ContextEntry.LAYOUT_LO,
        ContextEntry.LAYOUT_HI,
        ScalableContextEntry.LAYOUT_W0,
        ScalableContextEntry.LAYOUT_W1,
        ScalableContextEntry.LAYOUT_W2,
        ScalableContextEntry.LAYOUT_W3,
        PasidDirEntry.LAYOUT,
        PasidEntry.layout(0),
        PasidEntry.layout(1),
        PasidEntry.layout(2),
        PasidEntry.layout(3),
        PasidEntry.layout(7));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void noTwoFieldsOfAWordOverlapAndReservedIsTheRest(WordLayout layout) {
    List<BitField> fields = layout.fields();
    long union = 0;
    for (int i = 0; i < fields.size(); i++) {
      for (int j = i + 1; j < fields.size(); j++) {
        assertThat(fields.get(i).mask() & fields.get(j).mask())
            .as("%s: %s and %s overlap", layout.name(), fields.get(i), fields.get(j))
            .isZero();
      }
      union |= fields.get(i).mask();
    }
    assertThat(layout.reservedMask()).as(layout.name()).isEqualTo(~union);
  }

  private static long bits(int hi, int lo) {
    return new BitField("expected", hi, lo).mask();
  }

  @ParameterizedTest
  @MethodSource("expectedReserved")
  void reservedBitsAreTheOnesTheDigestLists(WordLayout layout, long expected) {
    assertThat(layout.reservedMask()).as(layout.name()).isEqualTo(expected);
  }

  static Stream<Arguments> expectedReserved() {
    return Stream.of(
        // digest 2.2: 11:1 and 127:64
        args(RootEntry.LAYOUT_LO, bits(11, 1)),
        args(RootEntry.LAYOUT_HI, -1L),
        // digest 2.3: 11:1 and 75:65
        args(ScalableRootEntry.LAYOUT_LO, bits(11, 1)),
        args(ScalableRootEntry.LAYOUT_HI, bits(11, 1)),
        // digest 3.2 (QEMU masks lo 0xFF0, hi 0xFFFF_FFFF_FF00_0080)
        args(ContextEntry.LAYOUT_LO, 0xFF0L),
        args(ContextEntry.LAYOUT_HI, 0xFFFF_FFFF_FF00_0080L),
        // digest 3.3 (QEMU masks qw0 0x1E0, qw1 0xFFFF_FFFF_FFE0_0000)
        args(ScalableContextEntry.LAYOUT_W0, 0x1E0L),
        args(ScalableContextEntry.LAYOUT_W1, 0xFFFF_FFFF_FFE0_0000L),
        args(ScalableContextEntry.LAYOUT_W2, -1L),
        // digest 4.2: 11:2
        args(PasidDirEntry.LAYOUT, bits(11, 2)),
        // digest 4.3: 11:10, 86:80, 139:136, 511:192
        args(PasidEntry.layout(0), bits(11, 10)),
        args(PasidEntry.layout(1), bits(22, 16)),
        args(PasidEntry.layout(2), bits(11, 8)),
        args(PasidEntry.layout(5), -1L));
  }

  private static Arguments args(WordLayout l, long mask) {
    return Arguments.of(l, mask);
  }
}
