package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * IOTLB invalidate descriptor, type 2 (VT-d spec 6.5.2.3; digest 9.5). DW/DR ask for write/read
 * draining; processing is synchronous, so draining is trivially done (they are accepted whatever
 * CAP.DWD/DRD say).
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record IotlbInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 2;

  /** Granularity: 01 global, 10 domain, 11 page-selective within domain; 00 reserved. 5:4. */
  public static final BitField G = new BitField("G", 5, 4);

  /** Drain writes. Bit 6. */
  public static final BitField DW = BitField.bit("DW", 6);

  /** Drain reads. Bit 7. */
  public static final BitField DR = BitField.bit("DR", 7);

  /** Domain id. Bits 31:16. */
  public static final BitField DID = new BitField("DID", 31, 16);

  /** Address mask: the request covers 2^AM pages. Bits 69:64. */
  public static final BitField AM = new BitField("AM", 5, 0);

  /** Invalidation hint: only leaf entries changed. Bit 70. */
  public static final BitField IH = BitField.bit("IH", 6);

  /** Input page address. Bits 127:76. */
  public static final BitField ADDR = new BitField("ADDR", 63, 12);

  public static final int G_GLOBAL = 1;
  public static final int G_DOMAIN = 2;
  public static final int G_PAGE = 3;

  /** Qword 0 layout; bits 8, 15:12, 63:32 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("IOTLB inv qword 0", TYPE_LO, G, DW, DR, TYPE_HI, DID);

  /** Qword 1 layout; bits 11:7 reserved. */
  public static final WordLayout QW1 = new WordLayout("IOTLB inv qword 1", AM, IH, ADDR);

  /** Global IOTLB invalidation. */
  public static IotlbInvDescriptor global() {
    return new IotlbInvDescriptor(G.set(DescriptorFields.withType(TYPE), G_GLOBAL), 0);
  }

  /** Domain-selective IOTLB invalidation. */
  public static IotlbInvDescriptor domain(int did) {
    return new IotlbInvDescriptor(
        DID.set(G.set(DescriptorFields.withType(TYPE), G_DOMAIN), did), 0);
  }

  /**
   * Page-selective-within-domain invalidation of 2^am pages at {@code iova}.
   *
   * @throws IllegalArgumentException if {@code iova} is not aligned to 2^(am + 12)
   */
  public static IotlbInvDescriptor page(int did, long iova, int am, boolean ih) {
    long w0 = DID.set(G.set(DescriptorFields.withType(TYPE), G_PAGE), did);
    return new IotlbInvDescriptor(w0, pageQword(iova, am, ih));
  }

  static long pageQword(long iova, int am, boolean ih) {
    if (am < 0 || am > 63 - 12 || (iova & ((1L << (am + 12)) - 1)) != 0) {
      throw new IllegalArgumentException(
          String.format("address 0x%x is not aligned to 2^(AM + 12) with AM = %d", iova, am));
    }
    return IH.set(AM.set(iova, am), ih);
  }

  public int granularity() {
    return (int) G.get(qw0);
  }

  public boolean drainWrites() {
    return DW.isSet(qw0);
  }

  public boolean drainReads() {
    return DR.isSet(qw0);
  }

  public int did() {
    return (int) DID.get(qw0);
  }

  public int am() {
    return (int) AM.get(qw1);
  }

  public boolean ih() {
    return IH.isSet(qw1);
  }

  /** ADDR in place (bits 11:0 zero). */
  public long address() {
    return qw1 & ADDR.mask();
  }

  /** First input address covered (ADDR with the AM low page bits cleared). */
  public long iovaStart() {
    return PageRange.start(address(), am());
  }

  /** Last input address covered (inclusive). */
  public long iovaLast() {
    return PageRange.last(address(), am());
  }

  @Override
  public String name() {
    return "IOTLB invalidate descriptor";
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
    return granularity() == 0 ? "G = 00b is reserved" : "";
  }

  @Override
  public String fieldMeaning(BitField f) {
    if (f == G) {
      return granularityName(granularity());
    }
    if (f == AM) {
      return PageRange.pages(am());
    }
    return "";
  }

  @Override
  public String summary() {
    return switch (granularity()) {
      case G_GLOBAL -> "invalidate the whole IOTLB and paging-structure caches";
      case G_DOMAIN -> String.format("invalidate IOTLB entries of DID 0x%x", did());
      case G_PAGE ->
          String.format(
              "invalidate DID 0x%x iova 0x%x..0x%x%s",
              did(), iovaStart(), iovaLast(), ih() ? " (leaf only, IH)" : "");
      default -> "";
    };
  }

  static String granularityName(int g) {
    return switch (g) {
      case G_GLOBAL -> "global";
      case G_DOMAIN -> "domain-selective";
      case G_PAGE -> "page-selective within domain";
      default -> "reserved";
    };
  }

  @Override
  public String toString() {
    return String.format("IotlbInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
