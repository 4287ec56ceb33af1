package dev.vtdlab.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BitFieldTest {

  @Test
  void getAndSetWorkOnTheNamedBits() {
    BitField did = new BitField("DID", 87 - 64, 72 - 64);
    long w = did.set(0x2A02L & ~did.mask(), 0x2A);
    assertThat(did.get(0x2A02L)).isEqualTo(0x2A);
    assertThat(did.get(w)).isEqualTo(0x2A);
    assertThat(did.mask()).isEqualTo(0xFFFF00L);
  }

  @Test
  void aValueWiderThanTheFieldIsRefused() {
    BitField aw = new BitField("AW", 2, 0);
    assertThatThrownBy(() -> aw.set(0, 8)).hasMessageContaining("does not fit field AW");
  }

  @Test
  void aSixtyFourBitFieldCoversTheWord() {
    BitField all = new BitField("ALL", 63, 0);
    assertThat(all.mask()).isEqualTo(-1L);
    assertThat(all.get(-5L)).isEqualTo(-5L);
    assertThat(all.set(0, -1L)).isEqualTo(-1L);
  }

  @Test
  void reservedMaskIsEverythingNoFieldCovers() {
    WordLayout root =
        new WordLayout("root entry qword 0", BitField.bit("P", 0), new BitField("CTP", 63, 12));
    assertThat(root.reservedMask()).isEqualTo(0xFFEL);
  }

  @Test
  void overlappingFieldsAreRefused() {
    assertThatThrownBy(() -> new WordLayout("x", new BitField("A", 7, 4), new BitField("B", 4, 0)))
        .hasMessageContaining("overlaps");
  }
}
