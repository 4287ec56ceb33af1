package dev.vtdlab.hw.cache;

import dev.vtdlab.hw.translate.CachedFault;
import dev.vtdlab.hw.translate.CachedPasidEntry;
import dev.vtdlab.hw.translate.PasidCacheHook;

/**
 * The PASID-cache (VT-d spec 6.2.3, Table 17; digest 9.1): scalable-mode PASID entries looked up by
 * source id and PASID (RID_PASID for requests without PASID), invalidated by DID (the PASID
 * entry's; a cached fault, CM = 1, carries the reserved DID 0) and PASID.
 */
final class PasidCache implements PasidCacheHook {

  /** A cached PASID entry or fault, with its tags. */
  private record Entry(int did, int pasid, Object payload) {}

  private final TaggedCache cache;

  PasidCache(CacheSpec spec, long seed) {
    this.cache = new TaggedCache("PASID-cache", spec, seed);
  }

  @Override
  public synchronized CachedPasidEntry lookup(int sid, int pasid) {
    Entry e = (Entry) cache.get(sid, pasid);
    if (e != null && e.payload() instanceof CachedPasidEntry p) {
      cache.hits++;
      return p;
    }
    cache.misses++;
    return null;
  }

  @Override
  public synchronized void fill(int sid, int pasid, CachedPasidEntry entry) {
    cache.put(sid, pasid, new Entry(entry.entry().did(), pasid, entry));
  }

  @Override
  public synchronized CachedFault lookupFault(int sid, int pasid) {
    Entry e = (Entry) cache.get(sid, pasid);
    if (e != null && e.payload() instanceof CachedFault f) {
      cache.negativeHits++;
      return f;
    }
    return null;
  }

  @Override
  public synchronized void fillFault(int sid, int pasid, CachedFault fault) {
    cache.put(sid, pasid, new Entry(0, pasid, fault));
  }

  // ---- invalidation (type 7)

  synchronized void global() {
    cache.clear();
  }

  synchronized void domain(int did) {
    cache.removeIf((sid, pasid, v) -> ((Entry) v).did() == did);
  }

  synchronized void pasid(int did, int pasid) {
    cache.removeIf((sid, p, v) -> ((Entry) v).did() == did && ((Entry) v).pasid() == pasid);
  }

  synchronized CacheCounters counters() {
    return cache.counters();
  }
}
