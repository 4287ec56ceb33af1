package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * Device-TLB invalidate descriptor, type 3 (VT-d spec 6.5.2.5; digest 9.5): asks the endpoint
 * {@code SID} to invalidate its ATS translations of a range ({@link DeviceTlbRange}). PFSID (the
 * physical function's SID, for throttling) is reserved without ECAP.DIT.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record DeviceTlbInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 3;

  /** PFSID[3:0]. Bits 15:12. */
  public static final BitField PFSID_LO = DescriptorFields.PFSID_LO;

  /** Max invalidations pending (ATS queue depth). Bits 20:16. */
  public static final BitField MIP = new BitField("MIP", 20, 16);

  /** Endpoint source id. Bits 47:32. */
  public static final BitField SID = new BitField("SID", 47, 32);

  /** PFSID[15:4]. Bits 63:52. */
  public static final BitField PFSID_HI = DescriptorFields.PFSID_HI;

  /** Size flag. Bit 64. */
  public static final BitField S = BitField.bit("S", 0);

  /** Address, with the size encoding. Bits 127:76. */
  public static final BitField ADDR = new BitField("ADDR", 63, 12);

  /** Qword 0 layout; bits 8:4, 31:21, 51:48 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("device-TLB inv qword 0", TYPE_LO, TYPE_HI, PFSID_LO, MIP, SID, PFSID_HI);

  /** Qword 1 layout; bits 11:1 reserved. */
  public static final WordLayout QW1 = new WordLayout("device-TLB inv qword 1", S, ADDR);

  /** Invalidation of {@code range} in the device-TLB of {@code sid}. */
  public static DeviceTlbInvDescriptor of(int sid, int pfsid, int mip, DeviceTlbRange range) {
    long w0 = SID.set(DescriptorFields.withType(TYPE), sid);
    w0 = MIP.set(w0, mip);
    w0 = DescriptorFields.withPfsid(w0, pfsid);
    return new DeviceTlbInvDescriptor(w0, S.set(range.addressField(), range.sizeFlag()));
  }

  public int sid() {
    return (int) SID.get(qw0);
  }

  public int pfsid() {
    return DescriptorFields.pfsid(qw0);
  }

  public int mip() {
    return (int) MIP.get(qw0);
  }

  public boolean sizeFlag() {
    return S.isSet(qw1);
  }

  /** The range to invalidate. */
  public DeviceTlbRange range() {
    return DeviceTlbRange.decode(qw1 & ADDR.mask(), sizeFlag());
  }

  @Override
  public String name() {
    return "device-TLB invalidate descriptor";
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
    return String.format("invalidate device-TLB of SID 0x%04x: %s", sid(), range());
  }

  @Override
  public String toString() {
    return String.format("DeviceTlbInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
