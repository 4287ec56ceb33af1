package dev.vtdlab.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceIdTest {

  @Test
  void busDeviceAndFunctionMakeTheRequesterIdOfTheDigest() {
    SourceId sid = SourceId.of(0x3A, 0x1F, 5);
    assertThat(sid.value()).isEqualTo(0x3AFD);
    assertThat(sid.devfn()).isEqualTo(0xFD);
    assertThat(sid.bus()).isEqualTo(0x3A);
    assertThat(sid.device()).isEqualTo(0x1F);
    assertThat(sid.function()).isEqualTo(5);
    assertThat(sid).hasToString("3a:1f.5");
  }

  @Test
  void parseAcceptsLspciFormSegmentZeroAndHexNumbers() {
    assertThat(SourceId.parse("3a:1f.5").value()).isEqualTo(0x3AFD);
    assertThat(SourceId.parse("0000:3a:1f.5").value()).isEqualTo(0x3AFD);
    assertThat(SourceId.parse("0x3afd").value()).isEqualTo(0x3AFD);
  }

  @Test
  void badDevicesAreRefusedWithTheirText() {
    assertThatThrownBy(() -> SourceId.parse("3a:1f")).hasMessageContaining("bad device '3a:1f'");
    assertThatThrownBy(() -> SourceId.parse("zz:00.0")).hasMessageContaining("bus:dev.fn");
    assertThatThrownBy(() -> SourceId.parse("0001:00:00.0")).hasMessageContaining("segment 0");
    assertThatThrownBy(() -> SourceId.of(0, 32, 0)).hasMessageContaining("dev 0-31");
    assertThatThrownBy(() -> new SourceId(0x10000)).hasMessageContaining("out of range");
  }

  @Test
  void sourceIdsOrderByValue() {
    assertThat(SourceId.of(0, 2, 0)).isLessThan(SourceId.of(1, 0, 0));
  }
}
