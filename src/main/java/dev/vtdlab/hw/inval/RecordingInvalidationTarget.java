package dev.vtdlab.hw.inval;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link InvalidationTarget} that records every call, in order, and forwards it to a delegate
 * (none by default). For tests and traces.
 */
public final class RecordingInvalidationTarget implements InvalidationTarget {
  private final InvalidationTarget delegate;
  private final List<Invalidation> calls = new ArrayList<>();

  public RecordingInvalidationTarget() {
    this(InvalidationTarget.none());
  }

  public RecordingInvalidationTarget(InvalidationTarget delegate) {
    this.delegate = delegate;
  }

  /** The calls so far, oldest first. */
  public synchronized List<Invalidation> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the calls recorded so far. */
  public synchronized void clear() {
    calls.clear();
  }

  private synchronized void add(Invalidation i) {
    calls.add(i);
  }

  @Override
  public void contextCacheGlobal() {
    add(Invalidation.of(InvalidationKind.CONTEXT_CACHE_GLOBAL));
    delegate.contextCacheGlobal();
  }

  @Override
  public void contextCacheDomain(int did) {
    add(new Invalidation(InvalidationKind.CONTEXT_CACHE_DOMAIN, did, 0, 0, 0, 0, false, 0));
    delegate.contextCacheDomain(did);
  }

  @Override
  public void contextCacheDevice(int did, int sid, int functionMask) {
    add(
        new Invalidation(
            InvalidationKind.CONTEXT_CACHE_DEVICE, did, sid, 0, 0, 0, false, functionMask));
    delegate.contextCacheDevice(did, sid, functionMask);
  }

  @Override
  public void pasidCacheGlobal() {
    add(Invalidation.of(InvalidationKind.PASID_CACHE_GLOBAL));
    delegate.pasidCacheGlobal();
  }

  @Override
  public void pasidCacheDomain(int did) {
    add(new Invalidation(InvalidationKind.PASID_CACHE_DOMAIN, did, 0, 0, 0, 0, false, 0));
    delegate.pasidCacheDomain(did);
  }

  @Override
  public void pasidCachePasid(int did, int pasid) {
    add(new Invalidation(InvalidationKind.PASID_CACHE_PASID, did, 0, pasid, 0, 0, false, 0));
    delegate.pasidCachePasid(did, pasid);
  }

  @Override
  public void iotlbGlobal() {
    add(Invalidation.of(InvalidationKind.IOTLB_GLOBAL));
    delegate.iotlbGlobal();
  }

  @Override
  public void iotlbDomain(int did) {
    add(new Invalidation(InvalidationKind.IOTLB_DOMAIN, did, 0, 0, 0, 0, false, 0));
    delegate.iotlbDomain(did);
  }

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {
    add(new Invalidation(InvalidationKind.IOTLB_PAGES, did, 0, 0, iovaStart, iovaLast, ih, 0));
    delegate.iotlbPages(did, iovaStart, iovaLast, ih);
  }

  @Override
  public void pasidIotlbPasid(int did, int pasid) {
    add(new Invalidation(InvalidationKind.PASID_IOTLB_PASID, did, 0, pasid, 0, 0, false, 0));
    delegate.pasidIotlbPasid(did, pasid);
  }

  @Override
  public void pasidIotlbPages(int did, int pasid, long iovaStart, long iovaLast, boolean ih) {
    add(
        new Invalidation(
            InvalidationKind.PASID_IOTLB_PAGES, did, 0, pasid, iovaStart, iovaLast, ih, 0));
    delegate.pasidIotlbPages(did, pasid, iovaStart, iovaLast, ih);
  }

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {
    add(new Invalidation(InvalidationKind.DEVICE_TLB, 0, sid, 0, iovaStart, iovaLast, false, 0));
    delegate.deviceTlb(sid, iovaStart, iovaLast);
  }

  @Override
  public void pasidDeviceTlb(int sid, int pasid, boolean allPasids, long iovaStart, long iovaLast) {
    add(
        new Invalidation(
            InvalidationKind.PASID_DEVICE_TLB, 0, sid, pasid, iovaStart, iovaLast, allPasids, 0));
    delegate.pasidDeviceTlb(sid, pasid, allPasids, iovaStart, iovaLast);
  }

  @Override
  public void interruptEntryCacheGlobal() {
    add(Invalidation.of(InvalidationKind.INTERRUPT_ENTRY_CACHE_GLOBAL));
    delegate.interruptEntryCacheGlobal();
  }

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {
    add(
        new Invalidation(
            InvalidationKind.INTERRUPT_ENTRY_CACHE_INDEX, 0, 0, 0, index, indexMask, false, 0));
    delegate.interruptEntryCacheIndex(index, indexMask);
  }
}
