package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Context-cache invalidate descriptor, type 1 (VT-d spec 6.5.2.1; digest 9.5). Qword 1 is reserved.
 * In scalable mode hardware ignores DID (digest 9.1); the cache decides.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64 (reserved)
 */
public record ContextCacheInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 1;

  /** Granularity: 01 global, 10 domain-selective, 11 device-selective; 00 reserved. Bits 5:4. */
  public static final BitField G = new BitField("G", 5, 4);

  /** Domain id. Bits 31:16. */
  public static final BitField DID = new BitField("DID", 31, 16);

  /** Source id. Bits 47:32. */
  public static final BitField SID = new BitField("SID", 47, 32);

  /** Function mask (low SID bits ignored, see {@link InvalidationTarget}). Bits 49:48. */
  public static final BitField FM = new BitField("FM", 49, 48);

  /** Granularity values. */
  public static final int G_GLOBAL = 1;

  public static final int G_DOMAIN = 2;
  public static final int G_DEVICE = 3;

  /** Qword 0 layout; bits 8:6, 15:12 and 63:50 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("context-cache inv qword 0", TYPE_LO, G, TYPE_HI, DID, SID, FM);

  /** Qword 1 layout: reserved. */
  public static final WordLayout QW1 = new WordLayout("context-cache inv qword 1");

  /** Global context-cache invalidation. */
  public static ContextCacheInvDescriptor global() {
    return new ContextCacheInvDescriptor(G.set(DescriptorFields.withType(TYPE), G_GLOBAL), 0);
  }

  /** Domain-selective context-cache invalidation. */
  public static ContextCacheInvDescriptor domain(int did) {
    long w = G.set(DescriptorFields.withType(TYPE), G_DOMAIN);
    return new ContextCacheInvDescriptor(DID.set(w, did), 0);
  }

  /** Device-selective context-cache invalidation (FM 0..3). */
  public static ContextCacheInvDescriptor device(int did, int sid, int fm) {
    long w = G.set(DescriptorFields.withType(TYPE), G_DEVICE);
    w = DID.set(w, did);
    w = SID.set(w, sid);
    return new ContextCacheInvDescriptor(FM.set(w, fm), 0);
  }

  public int granularity() {
    return (int) G.get(qw0);
  }

  public int did() {
    return (int) DID.get(qw0);
  }

  public int sid() {
    return (int) SID.get(qw0);
  }

  public int fm() {
    return (int) FM.get(qw0);
  }

  @Override
  public String name() {
    return "context-cache invalidate descriptor";
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
    if (f == FM && fm() != 0) {
      return String.format("SID mask 0x%04x", InvalidationTarget.sidMask(fm()));
    }
    return "";
  }

  @Override
  public String summary() {
    return switch (granularity()) {
      case G_GLOBAL -> "invalidate every context-cache entry";
      case G_DOMAIN -> String.format("invalidate context-cache entries of DID 0x%x", did());
      case G_DEVICE ->
          String.format(
              "invalidate context-cache entries of SID 0x%04x (FM %d, DID 0x%x)",
              sid(), fm(), did());
      default -> "";
    };
  }

  static String granularityName(int g) {
    return switch (g) {
      case G_GLOBAL -> "global";
      case G_DOMAIN -> "domain-selective";
      case G_DEVICE -> "device-selective";
      default -> "reserved";
    };
  }

  @Override
  public String toString() {
    return String.format("ContextCacheInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
