package dev.vtdlab.hw.inval;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts invalidations by {@link InvalidationKind} and forwards them to the caches. The remapping
 * unit wraps its target in one of these; driver benchmarks read the counts.
 */
public final class CountingInvalidationTarget implements InvalidationTarget {
  private final InvalidationTarget delegate;
  private final AtomicLongArray counts = new AtomicLongArray(InvalidationKind.values().length);

  public CountingInvalidationTarget(InvalidationTarget delegate) {
    this.delegate = delegate;
  }

  /** Invalidations of this kind so far. */
  public long count(InvalidationKind kind) {
    return counts.get(kind.ordinal());
  }

  /** Every invalidation so far. */
  public long total() {
    long t = 0;
    for (int i = 0; i < counts.length(); i++) {
      t += counts.get(i);
    }
    return t;
  }

  /** The non-zero counts by kind. */
  public Map<InvalidationKind, Long> counts() {
    Map<InvalidationKind, Long> m = new EnumMap<>(InvalidationKind.class);
    for (InvalidationKind k : InvalidationKind.values()) {
      long c = count(k);
      if (c != 0) {
        m.put(k, c);
      }
    }
    return m;
  }

  private void inc(InvalidationKind kind) {
    counts.incrementAndGet(kind.ordinal());
  }

  @Override
  public void contextCacheGlobal() {
    inc(InvalidationKind.CONTEXT_CACHE_GLOBAL);
    delegate.contextCacheGlobal();
  }

  @Override
  public void contextCacheDomain(int did) {
    inc(InvalidationKind.CONTEXT_CACHE_DOMAIN);
    delegate.contextCacheDomain(did);
  }

  @Override
  public void contextCacheDevice(int did, int sid, int functionMask) {
    inc(InvalidationKind.CONTEXT_CACHE_DEVICE);
    delegate.contextCacheDevice(did, sid, functionMask);
  }

  @Override
  public void pasidCacheGlobal() {
    inc(InvalidationKind.PASID_CACHE_GLOBAL);
    delegate.pasidCacheGlobal();
  }

  @Override
  public void pasidCacheDomain(int did) {
    inc(InvalidationKind.PASID_CACHE_DOMAIN);
    delegate.pasidCacheDomain(did);
  }

  @Override
  public void pasidCachePasid(int did, int pasid) {
    inc(InvalidationKind.PASID_CACHE_PASID);
    delegate.pasidCachePasid(did, pasid);
  }

  @Override
  public void iotlbGlobal() {
    inc(InvalidationKind.IOTLB_GLOBAL);
    delegate.iotlbGlobal();
  }

  @Override
  public void iotlbDomain(int did) {
    inc(InvalidationKind.IOTLB_DOMAIN);
    delegate.iotlbDomain(did);
  }

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {
    inc(InvalidationKind.IOTLB_PAGES);
    delegate.iotlbPages(did, iovaStart, iovaLast, ih);
  }

  @Override
  public void pasidIotlbPasid(int did, int pasid) {
    inc(InvalidationKind.PASID_IOTLB_PASID);
    delegate.pasidIotlbPasid(did, pasid);
  }

  @Override
  public void pasidIotlbPages(int did, int pasid, long iovaStart, long iovaLast, boolean ih) {
    inc(InvalidationKind.PASID_IOTLB_PAGES);
    delegate.pasidIotlbPages(did, pasid, iovaStart, iovaLast, ih);
  }

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {
    inc(InvalidationKind.DEVICE_TLB);
    delegate.deviceTlb(sid, iovaStart, iovaLast);
  }

  @Override
  public void pasidDeviceTlb(int sid, int pasid, boolean allPasids, long iovaStart, long iovaLast) {
    inc(InvalidationKind.PASID_DEVICE_TLB);
    delegate.pasidDeviceTlb(sid, pasid, allPasids, iovaStart, iovaLast);
  }

  @Override
  public void interruptEntryCacheGlobal() {
    inc(InvalidationKind.INTERRUPT_ENTRY_CACHE_GLOBAL);
    delegate.interruptEntryCacheGlobal();
  }

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {
    inc(InvalidationKind.INTERRUPT_ENTRY_CACHE_INDEX);
    delegate.interruptEntryCacheIndex(index, indexMask);
  }
}
