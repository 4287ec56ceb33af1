package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of the queued-invalidation registers (VT-d spec 11.4.22-29; digest 1.8, 9.6, 9.7): IQH_REG
 * 0x80, IQT_REG 0x88, IQA_REG 0x90 (64 bits), ICS_REG 0x9C (32 bits) and IQERCD_REG 0xB0 (64 bits).
 * IECTL/IEDATA/IEADDR/IEUADDR use {@link dev.vtdlab.hw.fault.EventRegisters}.
 */
public final class QueueRegisters {
  private QueueRegisters() {}

  /** IQH_REG queue head: byte offset of the next descriptor to fetch. RO. Bits 18:4. */
  public static final BitField QH = new BitField("QH", 18, 4);

  /** IQH_REG layout. */
  public static final WordLayout IQH = new WordLayout("IQH_REG", QH);

  /** IQT_REG queue tail: byte offset after the last descriptor written. RW. Bits 18:4. */
  public static final BitField QT = new BitField("QT", 18, 4);

  /** IQT_REG layout. */
  public static final WordLayout IQT = new WordLayout("IQT_REG", QT);

  /** IQA_REG queue size: 2^QS 4 KiB pages. RW. Bits 2:0. */
  public static final BitField QS = new BitField("QS", 2, 0);

  /** IQA_REG descriptor width: 0 = 128-bit, 1 = 256-bit (needs ECAP.SMTS). RW. Bit 11. */
  public static final BitField DW = BitField.bit("DW", 11);

  /** IQA_REG queue base address (4 KiB aligned). RW. Bits 63:12. */
  public static final BitField IQA = new BitField("IQA", 63, 12);

  /** IQA_REG layout; bits 10:3 reserved. */
  public static final WordLayout IQA_LAYOUT = new WordLayout("IQA_REG", QS, DW, IQA);

  /** ICS_REG invalidation wait descriptor complete. RW1C. Bit 0. */
  public static final BitField IWC = BitField.bit("IWC", 0);

  /** ICS_REG layout. */
  public static final WordLayout ICS = new WordLayout("ICS_REG", IWC);

  /** IQERCD_REG invalidation queue error info ({@link QueueError}). RO. Bits 3:0. */
  public static final BitField IQEI = new BitField("IQEI", 3, 0);

  /** IQERCD_REG SID of the device whose invalidation timed out. RO. Bits 47:32. */
  public static final BitField ITESID = new BitField("ITESID", 47, 32);

  /** IQERCD_REG SID of the invalidation completion error. RO. Bits 63:48. */
  public static final BitField ICESID = new BitField("ICESID", 63, 48);

  /** IQERCD_REG layout. */
  public static final WordLayout IQERCD = new WordLayout("IQERCD_REG", IQEI, ITESID, ICESID);
}
