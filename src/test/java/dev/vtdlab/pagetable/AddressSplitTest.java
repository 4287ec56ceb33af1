package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Digest 12.1: address splits per level. */
class AddressSplitTest {

  private static final PageTableFormat FS4 = PageTableFormat.of(FormatConfig.firstStage(4, 48));
  private static final PageTableFormat FS5 = PageTableFormat.of(FormatConfig.firstStage(5, 48));
  private static final PageTableFormat SS3 = PageTableFormat.of(FormatConfig.secondStage(3, 48));
  private static final PageTableFormat SS4 = PageTableFormat.of(FormatConfig.secondStage(4, 48));

  private static int[] split(PageTableFormat f, long iova) {
    int[] out = new int[f.levels()];
    for (int level = f.levels(); level >= 1; level--) {
      out[f.levels() - level] = f.index(iova, level);
    }
    return out;
  }

  @Test
  void a48BitAddressSplitsInto36_209_179_393() {
    long iova = 0x0000_1234_5678_9ABCL;
    assertThat(split(FS4, iova)).containsExactly(36, 209, 179, 393);
    assertThat(split(SS4, iova)).containsExactly(36, 209, 179, 393);
    assertThat(iova & 0xFFF).isEqualTo(0xABC);
    assertThat(FS4.isValidInput(iova)).isTrue();
    assertThat(SS3.isValidInput(iova)).as("exceeds 39 bits").isFalse();
  }

  @Test
  void a39BitAddressSplitsInto511_245_219() {
    long iova = 0x0000_007F_DEAD_B000L;
    assertThat(SS3.isValidInput(iova)).isTrue();
    assertThat(split(SS3, iova)).containsExactly(511, 245, 219);
  }

  @Test
  void a57BitAddressSplitsIntoFiveIndices() {
    long iova = 0x00F3_4567_89AB_CDEFL;
    assertThat(split(FS5, iova)).containsExactly(243, 138, 414, 77, 188);
    assertThat(FS5.isValidInput(iova)).isTrue();
    assertThat(FS4.isValidInput(iova)).isFalse();
    long upper = 0xFFF3_4567_89AB_CDEFL;
    assertThat(split(FS5, upper)).containsExactly(499, 138, 414, 77, 188);
    assertThat(FS5.isValidInput(upper)).isTrue();
    assertThat(FS4.isValidInput(upper)).as("SGN.1 for 4-level").isFalse();
  }

  @Test
  void theUpperCanonicalHalfStartsAtIndex256() {
    long iova = 0xFFFF_8000_0000_1000L;
    assertThat(split(FS4, iova)).containsExactly(256, 0, 0, 1);
    assertThat(FS4.isValidInput(iova)).isTrue();
    assertThat(FS5.isValidInput(iova)).isTrue();
  }
}
