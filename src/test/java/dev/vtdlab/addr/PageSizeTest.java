package dev.vtdlab.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageSizeTest {

  @Test
  void eachSizeKnowsItsLeafLevelBytesAndLabel() {
    assertThat(PageSize.SIZE_4K.leafLevel()).isEqualTo(1);
    assertThat(PageSize.SIZE_2M.leafLevel()).isEqualTo(2);
    assertThat(PageSize.SIZE_1G.leafLevel()).isEqualTo(3);
    assertThat(PageSize.SIZE_2M.bytes()).isEqualTo(0x20_0000L);
    assertThat(PageSize.SIZE_1G.offsetMask()).isEqualTo(0x3FFF_FFFFL);
    assertThat(PageSize.SIZE_1G.label()).isEqualTo("1G");
  }

  @Test
  void sizesComeBackFromLevelsAndBytes() {
    for (PageSize p : PageSize.values()) {
      assertThat(PageSize.ofLevel(p.leafLevel())).isEqualTo(p);
      assertThat(PageSize.ofBytes(p.bytes())).isEqualTo(p);
    }
    assertThatThrownBy(() -> PageSize.ofLevel(4)).hasMessageContaining("level 4");
    assertThatThrownBy(() -> PageSize.ofBytes(8192)).hasMessageContaining("8192");
  }
}
