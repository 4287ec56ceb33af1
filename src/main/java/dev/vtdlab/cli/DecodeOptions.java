package dev.vtdlab.cli;

import dev.vtdlab.hw.cap.UnitConfig;
import java.util.OptionalInt;

/**
 * What a {@link StructureDecoder} may use besides the words.
 *
 * @param unit the DMA-remapping unit for capability-dependent checks (--unit, --haw)
 * @param level the paging level (--level; 1 = leaf table .. 5 = PML5), present when the structure
 *     needs one (the registry checks it)
 */
public record DecodeOptions(UnitConfig unit, OptionalInt level) {

  /** Options without a level. */
  public static DecodeOptions of(UnitConfig unit) {
    return new DecodeOptions(unit, OptionalInt.empty());
  }

  /**
   * The level.
   *
   * @throws IllegalArgumentException when none was given
   */
  public int requireLevel() {
    if (level.isEmpty()) {
      throw new IllegalArgumentException("this structure needs --level N (1 = leaf table .. 5)");
    }
    return level.getAsInt();
  }
}
