package dev.vtdlab.hw.cache;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.translate.CachedFault;
import dev.vtdlab.hw.translate.CachedTranslation;
import dev.vtdlab.hw.translate.IotlbHook;

/**
 * The IOTLB (VT-d spec 6.2.4, Tables 17, 18, 23, 24; digest 9.1): final translations, one entry per
 * page of the translation's size (4 KiB, 2 MiB, 1 GiB), looked up by source id, PASID (scalable
 * mode: the PASID used, RID_PASID for requests without PASID) and page number (spec 5.10 Table 17,
 * 6.2.4.1: "tagged with the right source-id (and PASID, if applicable)"), so devices of one domain
 * do not share entries. Each entry also keeps the DID and the kind of mapping that made it, which
 * decide which invalidations remove it:
 *
 * <ul>
 *   <li>global: everything; domain-selective (type 2 / IOTLB_REG): every entry of the DID;
 *   <li>page-selective within domain (type 2): legacy and second-stage-only entries of the DID that
 *       overlap the range, and every first-stage and nested entry of the DID whatever its address;
 *   <li>PASID-selective (type 6): every scalable entry of the DID and PASID, second-stage-only ones
 *       included (Table 24);
 *   <li>page-selective within PASID (type 6): first-stage and nested entries of the DID and PASID
 *       that overlap the range, never second-stage-only ones.
 * </ul>
 *
 * <p>Pass-through translations are not cached (the translator never looks them up). With CM = 1,
 * second-stage walk faults (not present, reserved bits) are cached as 4 KiB entries tagged like a
 * translation (spec 6.2.4.1) and removed by the same rules.
 */
final class Iotlb implements IotlbHook {
  static final int LEGACY = 0;
  static final int SECOND_STAGE = 1;
  static final int FIRST_STAGE = 2;
  static final int NESTED = 3;
  private static final PageSize[] SIZES = {PageSize.SIZE_4K, PageSize.SIZE_2M, PageSize.SIZE_1G};
  private static final int LEGACY_PASID = -1;

  /** A cached translation or fault with its tags; covers start..last. */
  private record Entry(int did, int pasid, int kind, long start, long last, Object payload) {}

  private final TaggedCache cache;

  /** Page sizes stored since the last global invalidation: lookups skip the others. */
  private final boolean[] sizeUsed = new boolean[SIZES.length];

  Iotlb(CacheSpec spec, long seed) {
    this.cache = new TaggedCache("IOTLB", spec, seed);
  }

  private static long tag(int sid, int pasid, PageSize size) {
    return (sid & 0xFFFFL) | (long) (pasid + 1) << 16 | (long) size.ordinal() << 40;
  }

  private synchronized CachedTranslation find(int sid, int pasid, long address) {
    for (int i = 0; i < SIZES.length; i++) {
      if (!sizeUsed[i]) {
        continue;
      }
      PageSize size = SIZES[i];
      Entry e = (Entry) cache.get(tag(sid, pasid, size), address >>> size.sizeLg2());
      if (e != null && e.payload() instanceof CachedTranslation t) {
        cache.hits++;
        return t;
      }
    }
    cache.misses++;
    return null;
  }

  private synchronized CachedFault findFault(int sid, int pasid, long address) {
    long page = address >>> PageSize.SIZE_4K.sizeLg2();
    Entry e = (Entry) cache.get(tag(sid, pasid, PageSize.SIZE_4K), page);
    if (e != null && e.payload() instanceof CachedFault f) {
      cache.negativeHits++;
      return f;
    }
    return null;
  }

  private synchronized void store(
      int sid, int did, int pasid, int kind, long address, PageSize size, Object payload) {
    long start = address & ~size.offsetMask();
    sizeUsed[size.ordinal()] = true;
    cache.put(
        tag(sid, pasid, size),
        address >>> size.sizeLg2(),
        new Entry(did, pasid, kind, start, start + size.offsetMask(), payload));
  }

  private static int kindOf(CachedTranslation t) {
    return switch (t.mode()) {
      case LEGACY -> LEGACY;
      case SECOND_STAGE -> SECOND_STAGE;
      case FIRST_STAGE -> FIRST_STAGE;
      case NESTED -> NESTED;
      default -> -1;
    };
  }

  @Override
  public CachedTranslation lookupLegacy(int sid, int did, long iova) {
    return find(sid, LEGACY_PASID, iova);
  }

  @Override
  public void fillLegacy(int sid, int did, long iova, CachedTranslation translation) {
    if (kindOf(translation) == LEGACY) {
      store(sid, did, LEGACY_PASID, LEGACY, iova, translation.pageSize(), translation);
    }
  }

  @Override
  public CachedTranslation lookup(int sid, int did, int pasid, long address) {
    return find(sid, pasid, address);
  }

  @Override
  public void fill(int sid, int did, int pasid, long address, CachedTranslation translation) {
    int kind = kindOf(translation);
    if (kind > LEGACY) {
      store(sid, did, pasid, kind, address, translation.pageSize(), translation);
    }
  }

  @Override
  public CachedFault lookupFaultLegacy(int sid, int did, long iova) {
    return findFault(sid, LEGACY_PASID, iova);
  }

  @Override
  public void fillFaultLegacy(int sid, int did, long iova, CachedFault fault) {
    store(sid, did, LEGACY_PASID, LEGACY, iova, PageSize.SIZE_4K, fault);
  }

  @Override
  public CachedFault lookupFault(int sid, int did, int pasid, long address) {
    return findFault(sid, pasid, address);
  }

  @Override
  public void fillFault(int sid, int did, int pasid, long address, CachedFault fault) {
    store(sid, did, pasid, SECOND_STAGE, address, PageSize.SIZE_4K, fault);
  }

  // ---- invalidation

  static boolean overlaps(long start, long last, long rangeStart, long rangeLast) {
    return Long.compareUnsigned(start, rangeLast) <= 0
        && Long.compareUnsigned(rangeStart, last) <= 0;
  }

  synchronized void global() {
    cache.clear();
    java.util.Arrays.fill(sizeUsed, false);
  }

  synchronized void domain(int did) {
    cache.removeIf((t0, t1, v) -> ((Entry) v).did() == did);
  }

  /** Type 2 page-selective within domain (Table 23). */
  synchronized void pages(int did, long start, long last) {
    cache.removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          if (e.did() != did) {
            return false;
          }
          return e.kind() >= FIRST_STAGE || overlaps(e.start(), e.last(), start, last);
        });
  }

  /** Type 6 PASID-selective (Table 24): every scalable entry of the DID and PASID. */
  synchronized void pasid(int did, int pasid) {
    cache.removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          return e.did() == did && e.pasid() == pasid && e.kind() != LEGACY;
        });
  }

  /** Type 6 page-selective within PASID (Table 24): first-stage and nested entries only. */
  synchronized void pasidPages(int did, int pasid, long start, long last) {
    cache.removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          return e.did() == did
              && e.pasid() == pasid
              && e.kind() >= FIRST_STAGE
              && overlaps(e.start(), e.last(), start, last);
        });
  }

  synchronized CacheCounters counters() {
    return cache.counters();
  }
}
