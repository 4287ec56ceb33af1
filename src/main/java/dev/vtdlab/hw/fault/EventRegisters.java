package dev.vtdlab.hw.fault;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of the event-interrupt register quadruples (32 bits each): FECTL/FEDATA/FEADDR/FEUADDR at
 * 0x38-0x44 (fault event) and IECTL/IEDATA/IEADDR/IEUADDR at 0xA0-0xAC (invalidation completion
 * event); VT-d spec 11.4.10-13 and 11.4.25-28; digest 1.1, 1.6.
 */
public final class EventRegisters {
  private EventRegisters() {}

  /** Interrupt mask. RW, reset 1. Control register bit 31. */
  public static final BitField IM = BitField.bit("IM", 31);

  /** Interrupt pending. RO. Control register bit 30. */
  public static final BitField IP = BitField.bit("IP", 30);

  /** Interrupt message data. RW. Data register bits 15:0. */
  public static final BitField IMD = new BitField("IMD", 15, 0);

  /** Message address bits 31:2. RW. Address register bits 31:2. */
  public static final BitField MA = new BitField("MA", 31, 2);

  /** Message upper address (x2APIC destinations). RW. Upper-address register bits 31:0. */
  public static final BitField MUA = new BitField("MUA", 31, 0);

  /** FECTL_REG / IECTL_REG. */
  public static final WordLayout CONTROL = new WordLayout("event control", IP, IM);

  /** FEDATA_REG / IEDATA_REG. */
  public static final WordLayout DATA = new WordLayout("event data", IMD);

  /** FEADDR_REG / IEADDR_REG. */
  public static final WordLayout ADDRESS = new WordLayout("event address", MA);

  /** FEUADDR_REG / IEUADDR_REG. */
  public static final WordLayout UPPER_ADDRESS = new WordLayout("event upper address", MUA);
}
