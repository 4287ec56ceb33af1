package dev.vtdlab.hw.fault;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of FSTS_REG (offset 0x34, 32 bits; VT-d spec 11.4.9; digest 1.6). Bit 7 (rev 2.x PRO) is
 * reserved; writes to it are ignored.
 */
public final class Fsts {
  private Fsts() {}

  /** Primary fault overflow. RW1C. Bit 0. */
  public static final BitField PFO = BitField.bit("PFO", 0);

  /** Primary pending fault: some FRCD has F = 1 (computed by hardware). RO. Bit 1. */
  public static final BitField PPF = BitField.bit("PPF", 1);

  /** Advanced fault overflow. RW1C. Bit 2. */
  public static final BitField AFO = BitField.bit("AFO", 2);

  /** Advanced pending fault. RW1C. Bit 3. */
  public static final BitField APF = BitField.bit("APF", 3);

  /** Invalidation queue error. RW1C. Bit 4. */
  public static final BitField IQE = BitField.bit("IQE", 4);

  /** Invalidation completion error. RW1C. Bit 5. */
  public static final BitField ICE = BitField.bit("ICE", 5);

  /** Invalidation time-out error. RW1C. Bit 6. */
  public static final BitField ITE = BitField.bit("ITE", 6);

  /** Fault record index: the FRCD the first pending fault was recorded in. RO. Bits 15:8. */
  public static final BitField FRI = new BitField("FRI", 15, 8);

  /** The layout of FSTS_REG. */
  public static final WordLayout LAYOUT =
      new WordLayout("FSTS_REG", PFO, PPF, AFO, APF, IQE, ICE, ITE, FRI);

  /** The status fields whose setting is a fault-event interrupt condition (digest 1.6). */
  public static final long STATUS_MASK =
      PFO.mask() | PPF.mask() | AFO.mask() | APF.mask() | IQE.mask() | ICE.mask() | ITE.mask();
}
