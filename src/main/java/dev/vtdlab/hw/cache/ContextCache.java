package dev.vtdlab.hw.cache;

import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.translate.CachedFault;
import dev.vtdlab.hw.translate.ContextCacheHook;

/**
 * The context-cache (VT-d spec 6.2.2, Table 17; digest 9.1): legacy and scalable-mode context
 * entries looked up by source id. Invalidation tags: legacy entries carry the DID of their context
 * entry (a cached fault, CM = 1, carries the reserved DID 0); scalable-mode entries carry no DID,
 * so a domain-selective invalidation removes all of them (the spec processes it as global in
 * scalable mode) and a device-selective one ignores its DID for them. Device-selective matching
 * compares the source-id bits the function mask keeps ({@link InvalidationTarget#sidMask}) and, for
 * legacy entries, the DID.
 */
final class ContextCache implements ContextCacheHook {
  private static final long SCALABLE = 1L << 16;
  private static final int UNTAGGED = -1;

  /** A cached entry: a context entry or a cached fault, with its DID tag. */
  private record Entry(int did, Object payload) {}

  private final TaggedCache cache;

  ContextCache(CacheSpec spec, long seed) {
    this.cache = new TaggedCache("context-cache", spec, seed);
  }

  private synchronized Object lookup(long tag, boolean negative) {
    Entry e = (Entry) cache.get(tag, 0);
    Object p = e == null ? null : e.payload();
    if (negative) {
      if (p instanceof CachedFault) {
        cache.negativeHits++;
        return p;
      }
      return null;
    }
    if (p == null || p instanceof CachedFault) {
      cache.misses++;
      return null;
    }
    cache.hits++;
    return p;
  }

  private synchronized void fill(long tag, int did, Object payload) {
    cache.put(tag, 0, new Entry(did, payload));
  }

  @Override
  public ContextEntry lookupLegacy(int sid) {
    return (ContextEntry) lookup(sid, false);
  }

  @Override
  public void fillLegacy(int sid, ContextEntry entry) {
    fill(sid, entry.did(), entry);
  }

  @Override
  public ScalableContextEntry lookupScalable(int sid) {
    return (ScalableContextEntry) lookup(sid | SCALABLE, false);
  }

  @Override
  public void fillScalable(int sid, ScalableContextEntry entry) {
    fill(sid | SCALABLE, UNTAGGED, entry);
  }

  @Override
  public CachedFault lookupFaultLegacy(int sid) {
    return (CachedFault) lookup(sid, true);
  }

  @Override
  public void fillFaultLegacy(int sid, CachedFault fault) {
    fill(sid, 0, fault);
  }

  @Override
  public CachedFault lookupFaultScalable(int sid) {
    return (CachedFault) lookup(sid | SCALABLE, true);
  }

  @Override
  public void fillFaultScalable(int sid, CachedFault fault) {
    fill(sid | SCALABLE, UNTAGGED, fault);
  }

  // ---- invalidation

  synchronized void global() {
    cache.clear();
  }

  synchronized void domain(int did) {
    cache.removeIf((tag, unused, v) -> ((Entry) v).did() == UNTAGGED || ((Entry) v).did() == did);
  }

  synchronized void device(int did, int sid, int functionMask) {
    int keep = InvalidationTarget.sidMask(functionMask);
    cache.removeIf(
        (tag, unused, v) -> {
          int entryDid = ((Entry) v).did();
          return (((int) tag ^ sid) & keep) == 0 && (entryDid == UNTAGGED || entryDid == did);
        });
  }

  synchronized CacheCounters counters() {
    return cache.counters();
  }
}
