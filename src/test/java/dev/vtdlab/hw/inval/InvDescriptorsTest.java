package dev.vtdlab.hw.inval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.bits.Decoded;
import org.junit.jupiter.api.Test;

class InvDescriptorsTest {

  @Test
  void decodeAsIotlbShowsTheFieldsInContinuousNumbering() {
    Decoded d = InvDescriptors.decodeAs("inv-iotlb", 0x2A_0032L, 0x1234_0004L);
    assertThat(d.errors()).isEmpty();
    assertThat(d.structure()).contains("IOTLB invalidate descriptor").contains("128-bit");
    assertThat(d.fields())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("ADDR");
              assertThat(f.bits()).isEqualTo("127:76");
              assertThat(f.value()).isEqualTo(0x12340L);
            });
    assertThat(d.fields())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("G");
              assertThat(f.meaning()).isEqualTo("page-selective within domain");
            });
    assertThat(d.toText()).contains("iova 0x12340000..0x1234ffff");
  }

  @Test
  void aTypeFieldForAnotherDescriptorIsReported() {
    Decoded d = InvDescriptors.decodeAs("inv-wait", 0x2A_0032L, 0);
    assertThat(d.errors()).first().asString().contains("type field is 2, not 5");
  }

  @Test
  void aWideDescriptorReportsNonZeroUpperQwords() {
    Decoded d = InvDescriptors.decode(0x25, 0x1000, 0, 7);
    assertThat(d.words()).hasSize(4);
    assertThat(d.structure()).contains("256-bit");
    assertThat(d.errors()).anyMatch(e -> e.contains("qword 3"));
  }

  @Test
  void reservedBitsAndGranularitiesAreReported() {
    assertThat(InvDescriptors.decode(0x2A_0002L | 1L << 40, 0).errors())
        .anyMatch(e -> e.contains("reserved bits set in qword 0"))
        .anyMatch(e -> e.contains("G = 00b is reserved"));
    assertThat(InvDescriptors.decode(0x27, 0).errors()).anyMatch(e -> e.contains("G = 10b"));
    assertThat(InvDescriptors.decode(0x6, 0).errors()).anyMatch(e -> e.contains("G = 00b"));
    assertThat(InvDescriptors.decode(0xF, 0).errors()).anyMatch(e -> e.contains("not defined"));
  }

  @Test
  void badUserInputGetsANamedError() {
    assertThatThrownBy(() -> InvDescriptors.decodeAs("inv-foo", 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown descriptor 'inv-foo'");
    assertThatThrownBy(() -> InvDescriptors.decode(1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 3");
  }

  @Test
  void everyNameDecodesArbitraryWordsWithoutThrowing() {
    long seed = Long.getLong("vtdlab.seed", 42L);
    System.out.println("everyNameDecodesArbitraryWordsWithoutThrowing seed " + seed);
    java.util.Random rnd = new java.util.Random(seed);
    for (String name : InvDescriptors.NAMES.keySet()) {
      for (int i = 0; i < 200; i++) {
        long[] words = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
        String where = String.format("seed %d %s %s", seed, name, java.util.Arrays.toString(words));
        assertThat(InvDescriptors.decodeAs(name, words).toText())
            .as(where)
            .contains(name.equals("inv-pgr") ? "page group" : "descriptor");
        assertThat(InvDescriptors.decodeAs(name, words[0], words[1]).words()).as(where).hasSize(2);
        assertThat(InvDescriptor.of(words[0], words[1]).toString()).as(where).contains("qw0=");
      }
    }
  }
}
