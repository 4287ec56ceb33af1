package dev.vtdlab.hw.inval;

/** {@link InvalidationTarget#none()}: a unit without caches. */
enum NoCaches implements InvalidationTarget {
  INSTANCE;

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
  public void iotlbGlobal() {}

  @Override
  public void iotlbDomain(int did) {}

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {}

  @Override
  public void pasidIotlbPasid(int did, int pasid) {}

  @Override
  public void pasidIotlbPages(int did, int pasid, long iovaStart, long iovaLast, boolean ih) {}

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {}

  @Override
  public void pasidDeviceTlb(
      int sid, int pasid, boolean allPasids, long iovaStart, long iovaLast) {}

  @Override
  public void interruptEntryCacheGlobal() {}

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {}
}
