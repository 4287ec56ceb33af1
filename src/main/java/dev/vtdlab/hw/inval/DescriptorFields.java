package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * Fields every invalidation descriptor has in qword 0 (VT-d spec 6.5.2; digest 9.5): the 7-bit type
 * split into Type[3:0] at bits 3:0 and Type[6:4] at bits 11:9.
 */
public final class DescriptorFields {
  private DescriptorFields() {}

  /** Type[3:0]. Qword 0 bits 3:0. */
  public static final BitField TYPE_LO = new BitField("TYPE", 3, 0);

  /** Type[6:4]; 0 for every type defined today. Qword 0 bits 11:9. */
  public static final BitField TYPE_HI = new BitField("TYPE_HI", 11, 9);

  /** PFSID[3:0] of the device-TLB descriptors (types 3 and 8). Qword 0 bits 15:12. */
  static final BitField PFSID_LO = new BitField("PFSID_LO", 15, 12);

  /** PFSID[15:4] of the device-TLB descriptors (types 3 and 8). Qword 0 bits 63:52. */
  static final BitField PFSID_HI = new BitField("PFSID_HI", 63, 52);

  /** Qword 0 with the 16-bit {@code pfsid} split into PFSID_LO and PFSID_HI. */
  static long withPfsid(long qw0, int pfsid) {
    return PFSID_HI.set(PFSID_LO.set(qw0, pfsid & 0xF), (pfsid >>> 4) & 0xFFF);
  }

  /** The 16-bit PFSID of a device-TLB descriptor's qword 0. */
  static int pfsid(long qw0) {
    return (int) (PFSID_HI.get(qw0) << 4 | PFSID_LO.get(qw0));
  }

  /** PFSID is reserved without ECAP.DIT: the bits to add to qword 0's reserved mask. */
  static long pfsidReserved(UnitConfig config) {
    return config.ecap().has(Ecap.DIT) ? 0 : PFSID_LO.mask() | PFSID_HI.mask();
  }

  /** The 7-bit descriptor type of qword 0. */
  public static int type(long qw0) {
    return (int) (TYPE_LO.get(qw0) | TYPE_HI.get(qw0) << 4);
  }

  /** Qword 0 with the type fields set. */
  static long withType(int type) {
    return TYPE_HI.set(TYPE_LO.set(0, type & 0xF), type >>> 4);
  }
}
