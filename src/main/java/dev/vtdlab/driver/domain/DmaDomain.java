package dev.vtdlab.driver.domain;

import dev.vtdlab.driver.flush.UnmapPolicy;
import dev.vtdlab.driver.inv.InvalidationCounters;
import dev.vtdlab.driver.inv.Invalidator;
import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.ops.DomainOps;
import dev.vtdlab.pagetable.Stage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A DMA (paging) domain: a DID, one {@link DomainOps} chosen at creation (first- or second-stage
 * page table), an IOVA allocator over the domain's aperture, a {@link DomainFlusher} and the unmap
 * policy (strict or lazy) built on it, the attachments (cache tags) and counters. The DMA API
 * ({@code dev.vtdlab.driver.dma}) maps and unmaps through it. Thread-safe.
 */
public final class DmaDomain implements Domain {
  private final int serial;
  private final int did;
  private final DomainOps ops;
  private final IovaAllocator iova;
  private final DomainFlusher flusher;
  private final UnmapPolicy policy;
  private final boolean flushOnMap;
  private final int width;
  private final DomainCounters counters = new DomainCounters();
  private final InvalidationCounters invalidations;
  private final Set<Attachment> attachments = new ConcurrentSkipListSet<>();
  private final ReentrantReadWriteLock tableChanges = new ReentrantReadWriteLock();
  private final LongAdder unlinkFlushes = new LongAdder();

  /**
   * @param serial the driver's number for this domain (for names)
   * @param did its domain id
   * @param ops its page-table callbacks
   * @param width its IOVA width in bits
   * @param iova its IOVA allocator
   * @param invalidator where its flushes go
   * @param psi CAP.PSI
   * @param mamv CAP.MAMV
   * @param policyFactory builds the unmap policy on the flusher
   * @param flushOnMap invalidate after every map (caching mode with a second-stage domain)
   */
  public DmaDomain(
      int serial,
      int did,
      DomainOps ops,
      int width,
      IovaAllocator iova,
      Invalidator invalidator,
      boolean psi,
      int mamv,
      Function<DomainFlusher, UnmapPolicy> policyFactory,
      boolean flushOnMap) {
    this.serial = serial;
    this.did = did;
    this.ops = ops;
    this.width = width;
    this.iova = iova;
    this.invalidations = new InvalidationCounters();
    this.flusher =
        new DomainFlusher(
            invalidator, did, ops.stage(), psi, mamv, () -> attachments, invalidations);
    this.policy = policyFactory.apply(flusher);
    this.flushOnMap = flushOnMap;
  }

  public int did() {
    return did;
  }

  public int serial() {
    return serial;
  }

  public Stage stage() {
    return ops.stage();
  }

  /** The page-table callbacks chosen at creation. */
  public DomainOps ops() {
    return ops;
  }

  public IovaAllocator iova() {
    return iova;
  }

  /** IOVA width in bits (first stage: the lower canonical half). */
  public int width() {
    return width;
  }

  public DomainFlusher flusher() {
    return flusher;
  }

  public UnmapPolicy policy() {
    return policy;
  }

  /** True when every map is followed by an invalidation (CM = 1, second stage; digest 10.3). */
  public boolean flushOnMap() {
    return flushOnMap;
  }

  public DomainCounters counters() {
    return counters;
  }

  /** Invalidation work done for this domain (unmap flushes, map flushes). */
  public InvalidationCounters invalidations() {
    return invalidations;
  }

  /** The current attachments, sorted. */
  public List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  /** Adds a cache tag; the driver calls it before the entry pointing here is made present. */
  public void addAttachment(Attachment a) {
    attachments.add(a);
  }

  /** Removes a cache tag; the driver calls it after the entry's teardown was invalidated. */
  public void removeAttachment(Attachment a) {
    attachments.remove(a);
  }

  /**
   * Held (shared) while mapping: maps run concurrently with each other, never while an unmap that
   * may unlink table pages is between its page-table change and that change's invalidation.
   */
  public Lock mapLock() {
    return tableChanges.readLock();
  }

  /**
   * Held (exclusive) by an unmap from its page-table change until, if it unlinked table pages,
   * their invalidation has completed (see {@code IommuDmaApi}).
   */
  public Lock unmapLock() {
    return tableChanges.writeLock();
  }

  /** Counts an invalidation made at once because an unmap unlinked table pages. */
  public void unlinkFlushed() {
    unlinkFlushes.increment();
  }

  /** Invalidations made at once because an unmap unlinked table pages (lazy mode). */
  public long unlinkFlushes() {
    return unlinkFlushes.sum();
  }

  @Override
  public String name() {
    return "dma#" + serial + " " + stage().label() + " DID " + did;
  }

  @Override
  public String toString() {
    return name();
  }
}
