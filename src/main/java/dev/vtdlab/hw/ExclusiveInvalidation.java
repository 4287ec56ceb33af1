package dev.vtdlab.hw;

import dev.vtdlab.hw.inval.InvalidationTarget;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Delivers each invalidation to the caches while holding the write side of the unit's translation
 * lock: it waits for the translations in flight and no translation runs while the caches change
 * (the invalidation completes, as the spec requires, before its command or descriptor does).
 */
final class ExclusiveInvalidation implements InvalidationTarget {
  private final InvalidationTarget caches;
  private final ReentrantReadWriteLock.WriteLock write;

  ExclusiveInvalidation(InvalidationTarget caches, ReentrantReadWriteLock lock) {
    this.caches = caches;
    this.write = lock.writeLock();
  }

  @Override
  public void contextCacheGlobal() {
    write.lock();
    try {
      caches.contextCacheGlobal();
    } finally {
      write.unlock();
    }
  }

  @Override
  public void contextCacheDomain(int did) {
    write.lock();
    try {
      caches.contextCacheDomain(did);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void contextCacheDevice(int did, int sid, int functionMask) {
    write.lock();
    try {
      caches.contextCacheDevice(did, sid, functionMask);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidCacheGlobal() {
    write.lock();
    try {
      caches.pasidCacheGlobal();
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidCacheDomain(int did) {
    write.lock();
    try {
      caches.pasidCacheDomain(did);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidCachePasid(int did, int pasid) {
    write.lock();
    try {
      caches.pasidCachePasid(did, pasid);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void iotlbGlobal() {
    write.lock();
    try {
      caches.iotlbGlobal();
    } finally {
      write.unlock();
    }
  }

  @Override
  public void iotlbDomain(int did) {
    write.lock();
    try {
      caches.iotlbDomain(did);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {
    write.lock();
    try {
      caches.iotlbPages(did, iovaStart, iovaLast, ih);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidIotlbPasid(int did, int pasid) {
    write.lock();
    try {
      caches.pasidIotlbPasid(did, pasid);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidIotlbPages(int did, int pasid, long iovaStart, long iovaLast, boolean ih) {
    write.lock();
    try {
      caches.pasidIotlbPages(did, pasid, iovaStart, iovaLast, ih);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {
    write.lock();
    try {
      caches.deviceTlb(sid, iovaStart, iovaLast);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void pasidDeviceTlb(int sid, int pasid, boolean allPasids, long iovaStart, long iovaLast) {
    write.lock();
    try {
      caches.pasidDeviceTlb(sid, pasid, allPasids, iovaStart, iovaLast);
    } finally {
      write.unlock();
    }
  }

  @Override
  public void interruptEntryCacheGlobal() {
    write.lock();
    try {
      caches.interruptEntryCacheGlobal();
    } finally {
      write.unlock();
    }
  }

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {
    write.lock();
    try {
      caches.interruptEntryCacheIndex(index, indexMask);
    } finally {
      write.unlock();
    }
  }
}
