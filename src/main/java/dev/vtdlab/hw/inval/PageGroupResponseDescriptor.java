package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Page group response descriptor, type 9 (VT-d spec 6.5.2.10; digest 9.5). Page requests are not
 * modelled: the queue rejects this type as invalid (IQEI 3) when ECAP.PRS = 0 and otherwise accepts
 * it with no effect.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record PageGroupResponseDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 9;

  /** PASID present. Bit 4. */
  public static final BitField PP = BitField.bit("PP", 4);

  /** Response code: 0 success, 1 invalid request, 0xF response failure. Bits 15:12. */
  public static final BitField RC = new BitField("RC", 15, 12);

  /** Requester id. Bits 31:16. */
  public static final BitField RID = new BitField("RID", 31, 16);

  /** PASID. Bits 51:32. */
  public static final BitField PASID = new BitField("PASID", 51, 32);

  /** Page request group index. Bits 75:67. */
  public static final BitField PRGI = new BitField("PRGI", 11, 3);

  /** Qword 0 layout. */
  public static final WordLayout QW0 =
      new WordLayout("page group response qword 0", TYPE_LO, PP, TYPE_HI, RC, RID, PASID);

  /** Qword 1 layout. */
  public static final WordLayout QW1 = new WordLayout("page group response qword 1", PRGI);

  /** A response. */
  public static PageGroupResponseDescriptor of(
      int rid, boolean pasidPresent, int pasid, int responseCode, int prgi) {
    long w0 = RID.set(DescriptorFields.withType(TYPE), rid);
    w0 = PP.set(w0, pasidPresent);
    w0 = PASID.set(w0, pasid);
    w0 = RC.set(w0, responseCode);
    return new PageGroupResponseDescriptor(w0, PRGI.set(0, prgi));
  }

  public int rid() {
    return (int) RID.get(qw0);
  }

  public int responseCode() {
    return (int) RC.get(qw0);
  }

  @Override
  public String name() {
    return "page group response descriptor";
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
  public String fieldMeaning(BitField f) {
    if (f == RC) {
      return switch (responseCode()) {
        case 0 -> "success";
        case 1 -> "invalid request";
        case 0xF -> "response failure";
        default -> "reserved";
      };
    }
    return "";
  }

  @Override
  public String toString() {
    return String.format("PageGroupResponse qw0=0x%016x qw1=0x%016x", qw0, qw1);
  }
}
