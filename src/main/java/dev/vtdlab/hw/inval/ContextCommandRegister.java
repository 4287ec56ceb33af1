package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/** Fields of CCMD_REG (offset 0x28, 64 bits; VT-d spec 11.4.6; digest 1.8, 9.4). */
public final class ContextCommandRegister {
  private ContextCommandRegister() {}

  /** Domain id. RW. Bits 15:0. */
  public static final BitField DID = new BitField("DID", 15, 0);

  /** Source id. RW. Bits 31:16. */
  public static final BitField SID = new BitField("SID", 31, 16);

  /** Function mask. RW. Bits 33:32. */
  public static final BitField FM = new BitField("FM", 33, 32);

  /** Actual granularity, written by hardware (00 = not performed). RO. Bits 60:59. */
  public static final BitField CAIG = new BitField("CAIG", 60, 59);

  /** Requested granularity: 01 global, 10 domain, 11 device. RW. Bits 62:61. */
  public static final BitField CIRG = new BitField("CIRG", 62, 61);

  /** Invalidate context-cache: software sets, hardware clears on completion. RW. Bit 63. */
  public static final BitField ICC = BitField.bit("ICC", 63);

  /** The layout of CCMD_REG; bits 58:34 reserved. */
  public static final WordLayout LAYOUT = new WordLayout("CCMD_REG", DID, SID, FM, CAIG, CIRG, ICC);
}
