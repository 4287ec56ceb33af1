package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/** Fields of RTADDR_REG (0x20, 64 bits; VT-d spec 11.4.5; digest 1.8, 2.1). */
public final class RootTableAddress {
  private RootTableAddress() {}

  /** Translation table mode ({@link TranslationTableMode}). RW. Bits 11:10. */
  public static final BitField TTM = new BitField("TTM", 11, 10);

  /** Root table address (4 KiB aligned). RW. Bits 63:12. */
  public static final BitField RTA = new BitField("RTA", 63, 12);

  /** RTADDR_REG layout; bits 9:0 reserved. */
  public static final WordLayout LAYOUT = new WordLayout("RTADDR_REG", TTM, RTA);
}
