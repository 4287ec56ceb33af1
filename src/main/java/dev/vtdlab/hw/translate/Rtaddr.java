package dev.vtdlab.hw.translate;

import dev.vtdlab.bits.BitField;

/**
 * RTADDR_REG as latched by GCMD.SRTP (digest 2.1): the root-table address and the translation table
 * mode.
 */
public final class Rtaddr {
  /** Translation table mode: 00b legacy, 01b scalable, 10b reserved, 11b abort-DMA. Bits 11:10. */
  public static final BitField TTM = new BitField("TTM", 11, 10);

  /** Root-table address (4 KiB aligned HPA). Bits 63:12. */
  public static final BitField RTA = new BitField("RTA", 63, 12);

  /** TTM = 00b. */
  public static final int TTM_LEGACY = 0b00;

  /** TTM = 01b. */
  public static final int TTM_SCALABLE = 0b01;

  /** TTM = 10b (reserved). */
  public static final int TTM_RESERVED = 0b10;

  /** TTM = 11b (abort-DMA mode, needs ECAP.ADMS). */
  public static final int TTM_ABORT_DMA = 0b11;

  private Rtaddr() {}

  /** The TTM field of {@code rtaddr}. */
  public static int ttm(long rtaddr) {
    return (int) TTM.get(rtaddr);
  }

  /** The root-table HPA of {@code rtaddr}. */
  public static long rootTableHpa(long rtaddr) {
    return rtaddr & RTA.mask();
  }

  /** An RTADDR value from a 4 KiB-aligned root-table HPA and a TTM. */
  public static long of(long rootTableHpa, int ttm) {
    if ((rootTableHpa & ~RTA.mask()) != 0) {
      throw new IllegalArgumentException(
          "root table address 0x" + Long.toHexString(rootTableHpa) + " is not 4 KiB aligned");
    }
    return TTM.set(rootTableHpa, ttm);
  }
}
