package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of IVA_REG (ECAP.IRO * 16) and IOTLB_REG (ECAP.IRO * 16 + 8), both 64 bits (VT-d spec
 * 11.4.8; digest 1.2, 9.4).
 */
public final class IotlbRegisters {
  private IotlbRegisters() {}

  /** IVA_REG address mask: 2^AM pages. RW. Bits 5:0. */
  public static final BitField AM = new BitField("AM", 5, 0);

  /** IVA_REG invalidation hint. RW. Bit 6. */
  public static final BitField IH = BitField.bit("IH", 6);

  /** IVA_REG page address. RW. Bits 63:12. */
  public static final BitField ADDR = new BitField("ADDR", 63, 12);

  /** IVA_REG layout; bits 11:7 reserved. */
  public static final WordLayout IVA = new WordLayout("IVA_REG", AM, IH, ADDR);

  /** IOTLB_REG domain id. RW. Bits 47:32. */
  public static final BitField DID = new BitField("DID", 47, 32);

  /** IOTLB_REG drain writes (needs CAP.DWD). RW. Bit 48. */
  public static final BitField DW = BitField.bit("DW", 48);

  /** IOTLB_REG drain reads (needs CAP.DRD). RW. Bit 49. */
  public static final BitField DR = BitField.bit("DR", 49);

  /** IOTLB_REG actual granularity (00 = request refused). RO. Bits 58:57. */
  public static final BitField IAIG = new BitField("IAIG", 58, 57);

  /** IOTLB_REG requested granularity: 01 global, 10 domain, 11 page. RW. Bits 61:60. */
  public static final BitField IIRG = new BitField("IIRG", 61, 60);

  /** IOTLB_REG invalidate IOTLB: software sets, hardware clears. RW. Bit 63. */
  public static final BitField IVT = BitField.bit("IVT", 63);

  /** IOTLB_REG layout; bits 31:0, 56:50, 59 and 62 reserved. */
  public static final WordLayout IOTLB = new WordLayout("IOTLB_REG", DID, DW, DR, IAIG, IIRG, IVT);
}
