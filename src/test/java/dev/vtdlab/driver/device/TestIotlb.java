package dev.vtdlab.driver.device;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.translate.CacheHooks;
import dev.vtdlab.hw.translate.CachedTranslation;
import dev.vtdlab.hw.translate.ContextCacheHook;
import dev.vtdlab.hw.translate.IotlbHook;
import dev.vtdlab.hw.translate.PasidCacheHook;
import dev.vtdlab.hw.translate.TranslationMode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal IOTLB for driver tests (not the hardware model's caches): final translations keyed by
 * DID, PASID (-1 in legacy mode) and page, filled by the translator, removed by invalidations with
 * the digest 9.1 tag rules. It makes a missing or late invalidation visible: a device then reaches
 * the old page.
 */
final class TestIotlb implements IotlbHook, InvalidationTarget {
  private static final int LEGACY = -1;

  private record Key(int did, int pasid, long page, PageSize size) {}

  private final ConcurrentHashMap<Key, CachedTranslation> entries = new ConcurrentHashMap<>();
  final LongAdder hits = new LongAdder();

  CacheHooks hooks() {
    return new CacheHooks(ContextCacheHook.NONE, PasidCacheHook.NONE, this);
  }

  int size() {
    return entries.size();
  }

  private CachedTranslation find(int did, int pasid, long address) {
    for (PageSize s : PageSize.values()) {
      CachedTranslation t = entries.get(new Key(did, pasid, address & ~s.offsetMask(), s));
      if (t != null && t.pageSize() == s) {
        hits.increment();
        return t;
      }
    }
    return null;
  }

  private void put(int did, int pasid, long address, CachedTranslation t) {
    entries.put(new Key(did, pasid, address & ~t.pageSize().offsetMask(), t.pageSize()), t);
  }

  @Override
  public CachedTranslation lookupLegacy(int did, long iova) {
    return find(did, LEGACY, iova);
  }

  @Override
  public void fillLegacy(int did, long iova, CachedTranslation translation) {
    put(did, LEGACY, iova, translation);
  }

  @Override
  public CachedTranslation lookup(int did, int pasid, long address) {
    return find(did, pasid, address);
  }

  @Override
  public void fill(int did, int pasid, long address, CachedTranslation translation) {
    put(did, pasid, address, translation);
  }

  private static boolean overlaps(Key k, long start, long last) {
    long end = k.page + k.size.bytes() - 1;
    return Long.compareUnsigned(k.page, last) <= 0 && Long.compareUnsigned(end, start) >= 0;
  }

  private static boolean secondStageOnly(CachedTranslation t) {
    return t.mode() == TranslationMode.SECOND_STAGE || t.mode() == TranslationMode.LEGACY;
  }

  @Override
  public void iotlbGlobal() {
    entries.clear();
  }

  @Override
  public void iotlbDomain(int did) {
    entries.keySet().removeIf(k -> k.did == did);
  }

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {
    entries
        .entrySet()
        .removeIf(
            e ->
                e.getKey().did == did
                    && (!secondStageOnly(e.getValue())
                        || overlaps(e.getKey(), iovaStart, iovaLast)));
  }

  @Override
  public void pasidIotlbPasid(int did, int pasid) {
    entries
        .entrySet()
        .removeIf(
            e ->
                e.getKey().did == did
                    && e.getKey().pasid == pasid
                    && !secondStageOnly(e.getValue()));
  }

  @Override
  public void pasidIotlbPages(int did, int pasid, long start, long last, boolean ih) {
    entries
        .entrySet()
        .removeIf(
            e ->
                e.getKey().did == did
                    && e.getKey().pasid == pasid
                    && !secondStageOnly(e.getValue())
                    && e.getValue().mode() != TranslationMode.PASS_THROUGH
                    && overlaps(e.getKey(), start, last));
  }

  @Override
  public void contextCacheGlobal() {}

  @Override
  public void contextCacheDomain(int did) {}

  @Override
  public void contextCacheDevice(int did, int sid, int functionMask) {}

  @Override
  public void pasidCacheGlobal() {}

  @Override
  public void pasidCacheDomain(int did) {}

  @Override
  public void pasidCachePasid(int did, int pasid) {}

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {}

  @Override
  public void pasidDeviceTlb(int sid, int pasid, boolean allPasids, long start, long last) {}

  @Override
  public void interruptEntryCacheGlobal() {}

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {}
}
