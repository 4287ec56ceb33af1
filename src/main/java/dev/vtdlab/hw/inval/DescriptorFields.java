package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;

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

  /** The 7-bit descriptor type of qword 0. */
  public static int type(long qw0) {
    return (int) (TYPE_LO.get(qw0) | TYPE_HI.get(qw0) << 4);
  }

  /** Qword 0 with the type fields set. */
  static long withType(int type) {
    return TYPE_HI.set(TYPE_LO.set(0, type & 0xF), type >>> 4);
  }
}
