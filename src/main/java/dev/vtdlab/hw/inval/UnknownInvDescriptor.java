package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.WordLayout;

/**
 * Words whose type field names no descriptor this model knows (0, 10 and above, or Type[6:4] not
 * 0). The queue reports it as an invalid descriptor type (IQEI 3).
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record UnknownInvDescriptor(long qw0, long qw1) implements InvDescriptor {

  /** Only the type fields are known. */
  public static final WordLayout QW0 =
      new WordLayout("unknown descriptor qword 0", TYPE_LO, TYPE_HI);

  /** Nothing is known; reserved bits of qword 1 are not reported. */
  public static final WordLayout QW1 =
      new WordLayout("unknown descriptor qword 1", new dev.vtdlab.bits.BitField("DATA", 63, 0));

  @Override
  public String name() {
    return "unknown descriptor";
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
  public long reservedQw0(dev.vtdlab.hw.cap.UnitConfig config) {
    return 0;
  }

  @Override
  public String invalidEncoding() {
    return "descriptor type " + type() + " is not defined";
  }

  @Override
  public String toString() {
    return String.format("UnknownInv[type %d] qw0=0x%016x qw1=0x%016x", type(), qw0, qw1);
  }
}
