package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * PASID-based device-TLB invalidate descriptor, type 8 (VT-d spec 6.5.2.6; digest 9.5). G = 1
 * invalidates all PASIDs of the device; S and ADDR encode the range as in type 3 ({@link
 * DeviceTlbRange}). PFSID is reserved without ECAP.DIT. Scalable mode only.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record PasidDeviceTlbInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 8;

  /** Max invalidations pending. Bits 8:4. */
  public static final BitField MIP = new BitField("MIP", 8, 4);

  /** PFSID[3:0]. Bits 15:12. */
  public static final BitField PFSID_LO = DescriptorFields.PFSID_LO;

  /** Endpoint source id. Bits 31:16. */
  public static final BitField SID = new BitField("SID", 31, 16);

  /** PASID. Bits 51:32. */
  public static final BitField PASID = new BitField("PASID", 51, 32);

  /** PFSID[15:4]. Bits 63:52. */
  public static final BitField PFSID_HI = DescriptorFields.PFSID_HI;

  /** Global: all PASIDs of the device. Bit 64. */
  public static final BitField G = BitField.bit("G", 0);

  /** Size flag. Bit 75. */
  public static final BitField S = BitField.bit("S", 11);

  /** Address with the size encoding. Bits 127:76. */
  public static final BitField ADDR = new BitField("ADDR", 63, 12);

  /** Qword 0 layout; every bit belongs to a field. */
  public static final WordLayout QW0 =
      new WordLayout(
          "PASID-based device-TLB inv qword 0",
          TYPE_LO,
          MIP,
          TYPE_HI,
          PFSID_LO,
          SID,
          PASID,
          PFSID_HI);

  /** Qword 1 layout; bits 74:65 reserved. */
  public static final WordLayout QW1 =
      new WordLayout("PASID-based device-TLB inv qword 1", G, S, ADDR);

  /**
   * Invalidation of {@code range} for {@code pasid} (or every PASID when {@code allPasids}) in the
   * device-TLB of {@code sid}.
   */
  public static PasidDeviceTlbInvDescriptor of(
      int sid, int pasid, boolean allPasids, int pfsid, int mip, DeviceTlbRange range) {
    long w0 = SID.set(DescriptorFields.withType(TYPE), sid);
    w0 = PASID.set(w0, pasid);
    w0 = MIP.set(w0, mip);
    w0 = DescriptorFields.withPfsid(w0, pfsid);
    long w1 = G.set(S.set(range.addressField(), range.sizeFlag()), allPasids);
    return new PasidDeviceTlbInvDescriptor(w0, w1);
  }

  public int sid() {
    return (int) SID.get(qw0);
  }

  public int pasid() {
    return (int) PASID.get(qw0);
  }

  public int pfsid() {
    return DescriptorFields.pfsid(qw0);
  }

  public int mip() {
    return (int) MIP.get(qw0);
  }

  public boolean allPasids() {
    return G.isSet(qw1);
  }

  public boolean sizeFlag() {
    return S.isSet(qw1);
  }

  public DeviceTlbRange range() {
    return DeviceTlbRange.decode(qw1 & ADDR.mask(), sizeFlag());
  }

  @Override
  public String name() {
    return "PASID-based device-TLB invalidate descriptor";
  }

  @Override
  public WordLayout qw0Layout() {
    return QW0;
  }

  @Override
  public WordLayout qw1Layout() {
    return QW1;
  }

  @Override
  public long reservedQw0(UnitConfig config) {
    return QW0.reservedMask() | DescriptorFields.pfsidReserved(config);
  }

  @Override
  public String summary() {
    return String.format(
        "invalidate device-TLB of SID 0x%04x %s: %s",
        sid(), allPasids() ? "all PASIDs" : String.format("PASID 0x%x", pasid()), range());
  }

  @Override
  public String toString() {
    return String.format("PasidDeviceTlbInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
