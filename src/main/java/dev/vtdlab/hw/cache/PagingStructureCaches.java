package dev.vtdlab.hw.cache;

import dev.vtdlab.hw.translate.CachedTableEntry;
import dev.vtdlab.hw.translate.PagingStructureCacheHook;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.WalkStatus;

/**
 * The paging-structure caches (VT-d spec 6.2.5, Tables 17, 19, 23, 24): one per level, the
 * PDE-cache (level 2), PDPE-cache (3), PML4-cache (4) and PML5-cache (5), each holding non-leaf
 * entries of either stage. An entry maps the input-address bits above its level to the next table
 * and the rights ANDed down to it.
 *
 * <ul>
 *   <li>Second-stage entries: tagged by DID and the address bits (legacy and scalable alike; nested
 *       translations add entries for the GPAs of their first-stage table entries and final GPAs).
 *   <li>First-stage entries: tagged by DID, PASID and the address bits; a nested translation's
 *       first-stage entries are marked nested and hold table GPAs (their reads still go through the
 *       second stage and its own cached entries; the spec's "combined" entries holding the table's
 *       HPA are one of the formations it allows, not modelled).
 * </ul>
 *
 * <p>Invalidation: global and domain-selective remove what they say; page-selective within domain
 * (type 2) removes every first-stage and nested entry of the DID, and the second-stage entries of
 * the DID overlapping the range unless IH = 1; PASID-selective (type 6) removes first-stage and
 * nested entries of the DID and PASID; page-selective within PASID removes those overlapping the
 * range unless IH = 1. Type 6 never touches second-stage entries.
 */
final class PagingStructureCaches implements PagingStructureCacheHook {
  static final int SECOND_STAGE = 0;
  static final int FIRST_STAGE = 1;
  static final int NESTED = 2;
  private static final int LOWEST = 2;
  private static final int HIGHEST = 5;
  private static final String[] NAMES = {"PDE-cache", "PDPE-cache", "PML4-cache", "PML5-cache"};
  private static final int NO_PASID = -1;

  /** A cached non-leaf entry with its tags; it covers input addresses start..last. */
  private record Entry(
      int did, int pasid, int kind, long start, long last, CachedTableEntry table) {}

  private final TaggedCache[] levels = new TaggedCache[HIGHEST - LOWEST + 1];

  PagingStructureCaches(CacheSpec spec, long seed) {
    for (int l = LOWEST; l <= HIGHEST; l++) {
      levels[l - LOWEST] = new TaggedCache(NAMES[l - LOWEST], spec, seed + l);
    }
  }

  private static int shift(int level) {
    return 12 + 9 * (level - 1);
  }

  private static long tag(int did, int pasid, int kind) {
    return (did & 0xFFFFL) | (long) (pasid + 1) << 16 | (long) kind << 40;
  }

  private synchronized CachedTableEntry find(
      int did, int pasid, int kind, long address, int topLevel) {
    long t = tag(did, pasid, kind);
    int top = Math.min(topLevel, HIGHEST);
    for (int l = LOWEST; l <= top; l++) {
      TaggedCache c = levels[l - LOWEST];
      Entry e = (Entry) c.get(t, address >>> shift(l));
      if (e != null) {
        c.hits++;
        return e.table();
      }
      c.misses++;
    }
    return null;
  }

  private synchronized void store(
      int did,
      int pasid,
      int kind,
      long address,
      PageTableFormat format,
      WalkPath path,
      CachedTableEntry from) {
    if (path.status() == WalkStatus.INVALID_INPUT) {
      return;
    }
    long t = tag(did, pasid, kind);
    int rights = from == null ? dev.vtdlab.pagetable.Rights.ALL : from.rights();
    for (int l = path.startLevel(); l > path.level(); l--) {
      long entry = path.entry(l);
      rights &= format.rights(entry, l);
      if (l < LOWEST || l > HIGHEST) {
        continue;
      }
      long start = address >>> shift(l) << shift(l);
      long last = start + (1L << shift(l)) - 1;
      levels[l - LOWEST].put(
          t,
          address >>> shift(l),
          new Entry(
              did,
              pasid,
              kind,
              start,
              last,
              new CachedTableEntry(l, format.address(entry, l), rights)));
    }
  }

  @Override
  public CachedTableEntry lookupSecondStage(int did, long address, int topLevel) {
    return find(did, NO_PASID, SECOND_STAGE, address, topLevel);
  }

  @Override
  public void fillSecondStage(
      int did, long address, PageTableFormat format, WalkPath path, CachedTableEntry from) {
    store(did, NO_PASID, SECOND_STAGE, address, format, path, from);
  }

  @Override
  public CachedTableEntry lookupFirstStage(
      int did, int pasid, long address, int topLevel, boolean nested) {
    return find(did, pasid, nested ? NESTED : FIRST_STAGE, address, topLevel);
  }

  @Override
  public void fillFirstStage(
      int did,
      int pasid,
      long address,
      boolean nested,
      PageTableFormat format,
      WalkPath path,
      CachedTableEntry from) {
    store(did, pasid, nested ? NESTED : FIRST_STAGE, address, format, path, from);
  }

  // ---- invalidation

  private void removeIf(TaggedCache.Match m) {
    for (TaggedCache c : levels) {
      c.removeIf(m);
    }
  }

  synchronized void global() {
    for (TaggedCache c : levels) {
      c.clear();
    }
  }

  synchronized void domain(int did) {
    removeIf((t0, t1, v) -> ((Entry) v).did() == did);
  }

  /** Type 2 page-selective within domain (Table 23). */
  synchronized void pages(int did, long start, long last, boolean ih) {
    removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          if (e.did() != did) {
            return false;
          }
          if (e.kind() != SECOND_STAGE) {
            return true;
          }
          return !ih && Iotlb.overlaps(e.start(), e.last(), start, last);
        });
  }

  /** Type 6 PASID-selective (Table 24): first-stage and nested entries of the DID and PASID. */
  synchronized void pasid(int did, int pasid) {
    removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          return e.kind() != SECOND_STAGE && e.did() == did && e.pasid() == pasid;
        });
  }

  /** Type 6 page-selective within PASID (Table 24). */
  synchronized void pasidPages(int did, int pasid, long start, long last, boolean ih) {
    if (ih) {
      return;
    }
    removeIf(
        (t0, t1, v) -> {
          Entry e = (Entry) v;
          return e.kind() != SECOND_STAGE
              && e.did() == did
              && e.pasid() == pasid
              && Iotlb.overlaps(e.start(), e.last(), start, last);
        });
  }

  /** Counters of each level's cache, PML5 first. */
  synchronized CacheCounters[] counters() {
    CacheCounters[] out = new CacheCounters[levels.length];
    for (int i = 0; i < levels.length; i++) {
      out[i] = levels[levels.length - 1 - i].counters();
    }
    return out;
  }
}
