package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * PASID-based IOTLB invalidate descriptor (P_IOTLB), type 6 (VT-d spec 6.5.2.4; digest 9.5):
 * invalidates entries tagged DID + PASID (first-stage, nested and pass-through translations); page
 * granularity does not touch second-stage-only or pass-through entries (digest 9.1). Scalable mode
 * only.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record PasidIotlbInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 6;

  /** Granularity: 10 all entries of the PASID, 11 page-selective; 00/01 reserved. Bits 5:4. */
  public static final BitField G = new BitField("G", 5, 4);

  /** Domain id. Bits 31:16. */
  public static final BitField DID = new BitField("DID", 31, 16);

  /** PASID. Bits 51:32. */
  public static final BitField PASID = new BitField("PASID", 51, 32);

  /** Address mask. Bits 69:64. */
  public static final BitField AM = IotlbInvDescriptor.AM;

  /** Invalidation hint. Bit 70. */
  public static final BitField IH = IotlbInvDescriptor.IH;

  /** Input page address. Bits 127:76. */
  public static final BitField ADDR = IotlbInvDescriptor.ADDR;

  public static final int G_PASID = 2;
  public static final int G_PAGE = 3;

  /** Qword 0 layout; bits 8:6, 15:12, 63:52 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("PASID-based IOTLB inv qword 0", TYPE_LO, G, TYPE_HI, DID, PASID);

  /** Qword 1 layout; bits 75:71 reserved. */
  public static final WordLayout QW1 =
      new WordLayout("PASID-based IOTLB inv qword 1", AM, IH, ADDR);

  /** All entries of {@code pasid} in {@code did}. */
  public static PasidIotlbInvDescriptor pasid(int did, int pasid) {
    long w = G.set(DescriptorFields.withType(TYPE), G_PASID);
    return new PasidIotlbInvDescriptor(PASID.set(DID.set(w, did), pasid), 0);
  }

  /** Page-selective-within-PASID invalidation of 2^am pages at {@code iova}. */
  public static PasidIotlbInvDescriptor page(int did, int pasid, long iova, int am, boolean ih) {
    long w = G.set(DescriptorFields.withType(TYPE), G_PAGE);
    return new PasidIotlbInvDescriptor(
        PASID.set(DID.set(w, did), pasid), IotlbInvDescriptor.pageQword(iova, am, ih));
  }

  public int granularity() {
    return (int) G.get(qw0);
  }

  public int did() {
    return (int) DID.get(qw0);
  }

  public int pasid() {
    return (int) PASID.get(qw0);
  }

  public int am() {
    return (int) AM.get(qw1);
  }

  public boolean ih() {
    return IH.isSet(qw1);
  }

  public long address() {
    return qw1 & ADDR.mask();
  }

  public long iovaStart() {
    return PageRange.start(address(), am());
  }

  public long iovaLast() {
    return PageRange.last(address(), am());
  }

  @Override
  public String name() {
    return "PASID-based IOTLB invalidate descriptor";
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
  public String invalidEncoding() {
    return granularity() < G_PASID
        ? "G = " + (granularity() == 0 ? "00b" : "01b") + " is reserved"
        : "";
  }

  @Override
  public String fieldMeaning(BitField f) {
    if (f == G) {
      return switch (granularity()) {
        case G_PASID -> "all entries of the PASID";
        case G_PAGE -> "page-selective within PASID";
        default -> "reserved";
      };
    }
    if (f == AM) {
      return PageRange.pages(am());
    }
    return "";
  }

  @Override
  public String summary() {
    return switch (granularity()) {
      case G_PASID -> String.format("invalidate DID 0x%x PASID 0x%x", did(), pasid());
      case G_PAGE ->
          String.format(
              "invalidate DID 0x%x PASID 0x%x iova 0x%x..0x%x%s",
              did(), pasid(), iovaStart(), iovaLast(), ih() ? " (leaf only, IH)" : "");
      default -> "";
    };
  }

  @Override
  public String toString() {
    return String.format("PasidIotlbInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
