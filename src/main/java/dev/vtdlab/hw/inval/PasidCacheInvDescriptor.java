package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * PASID-cache invalidate descriptor, type 7 (VT-d spec 6.5.2.2; digest 9.5). Qword 1 is reserved.
 * Scalable mode only.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64 (reserved)
 */
public record PasidCacheInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 7;

  /** Granularity: 00 domain, 01 PASID within domain, 11 global; 10 reserved. Bits 5:4. */
  public static final BitField G = new BitField("G", 5, 4);

  /** Domain id. Bits 31:16. */
  public static final BitField DID = new BitField("DID", 31, 16);

  /** PASID. Bits 51:32. */
  public static final BitField PASID = new BitField("PASID", 51, 32);

  public static final int G_DOMAIN = 0;
  public static final int G_PASID = 1;
  public static final int G_GLOBAL = 3;

  /** Qword 0 layout; bits 8:6, 15:12, 63:52 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("PASID-cache inv qword 0", TYPE_LO, G, TYPE_HI, DID, PASID);

  /** Qword 1 layout: reserved. */
  public static final WordLayout QW1 = new WordLayout("PASID-cache inv qword 1");

  /** Every PASID-cache entry. */
  public static PasidCacheInvDescriptor global() {
    return new PasidCacheInvDescriptor(G.set(DescriptorFields.withType(TYPE), G_GLOBAL), 0);
  }

  /** Every PASID of {@code did}. */
  public static PasidCacheInvDescriptor domain(int did) {
    return new PasidCacheInvDescriptor(DID.set(DescriptorFields.withType(TYPE), did), 0);
  }

  /** One PASID within {@code did}. */
  public static PasidCacheInvDescriptor pasid(int did, int pasid) {
    long w = G.set(DescriptorFields.withType(TYPE), G_PASID);
    return new PasidCacheInvDescriptor(PASID.set(DID.set(w, did), pasid), 0);
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

  @Override
  public String name() {
    return "PASID-cache invalidate descriptor";
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
    return granularity() == 2 ? "G = 10b is reserved" : "";
  }

  @Override
  public String fieldMeaning(BitField f) {
    if (f == G) {
      return switch (granularity()) {
        case G_DOMAIN -> "domain-selective";
        case G_PASID -> "PASID-selective within domain";
        case G_GLOBAL -> "global";
        default -> "reserved";
      };
    }
    return "";
  }

  @Override
  public String summary() {
    return switch (granularity()) {
      case G_DOMAIN -> String.format("invalidate PASID-cache entries of DID 0x%x", did());
      case G_PASID ->
          String.format("invalidate the PASID-cache entry of DID 0x%x PASID 0x%x", did(), pasid());
      case G_GLOBAL -> "invalidate every PASID-cache entry";
      default -> "";
    };
  }

  @Override
  public String toString() {
    return String.format("PasidCacheInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
