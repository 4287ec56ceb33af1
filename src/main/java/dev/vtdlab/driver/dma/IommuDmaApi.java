package dev.vtdlab.driver.dma;

import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.domain.DomainCounters;
import dev.vtdlab.driver.flush.FreedPages;
import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.ops.DomainOps;
import dev.vtdlab.pagetable.FlushGather;
import java.util.ArrayList;
import java.util.List;

/**
 * The DMA API over a DMA domain (Linux dma-iommu.c with the VT-d driver's callbacks; digest 10.3):
 *
 * <ul>
 *   <li><b>map</b>: allocate a size-aligned IOVA range (below 4 GiB first, as for PCI devices), map
 *       it through the domain's {@code DomainOps} with the direction's protection, then: with CM =
 *       1 and a second-stage domain invalidate the new range (iotlb_sync_map); otherwise flush the
 *       write buffer if CAP.RWBF (the given hook); return IOVA + page offset.
 *   <li><b>unmap</b>: clear the range through the {@code DomainOps}, then hand the allocated IOVA
 *       range and the table pages the unmap freed to the domain's unmap policy: strict invalidates
 *       (page-selective, IH when no table page was freed) and waits before releasing them; lazy
 *       queues them until a domain-wide flush.
 *   <li><b>scatter-gather</b>: one IOVA range for the whole list, each segment mapped from a page
 *       boundary; unmapped whole.
 *   <li><b>unlinked tables</b>: the page-table engine unlinks a table page as soon as it becomes
 *       empty, also when the unmapped range covers only part of its span (Linux frees only tables
 *       whose whole span is unmapped, so nothing can be mapped there before the flush). Until that
 *       change is invalidated the unit may keep the old upper entry in a paging-structure cache,
 *       and a mapping placed in a new table at that spot would be invisible to it. So an unmap that
 *       unlinked table pages invalidates its range (IH = 0) before any map of the domain can run:
 *       unmaps hold the domain's unmap lock (exclusive) through their page-table change and that
 *       invalidation, maps hold its map lock (shared). In strict mode this is the unmap's own
 *       invalidation; in lazy mode an extra one (counted in {@code DmaDomain.unlinkFlushes()}); the
 *       IOVA range and the table pages still wait for the policy's flush.
 * </ul>
 *
 * Thread-safe: the allocator, the page table and the policy are.
 */
public final class IommuDmaApi implements DmaApi {
  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;

  private final DmaDomain domain;
  private final DomainOps ops;
  private final IovaAllocator iova;
  private final DomainCounters driverCounters;
  private final Runnable writeBufferFlush;
  private final long dmaMask;

  /**
   * @param domain the device's DMA domain
   * @param driverCounters driver-wide counters (besides the domain's)
   * @param writeBufferFlush run after a map that needs no invalidation (GCMD.WBF when CAP.RWBF,
   *     else nothing)
   * @param dmaMask the device's DMA mask (highest usable IOVA)
   */
  public IommuDmaApi(
      DmaDomain domain, DomainCounters driverCounters, Runnable writeBufferFlush, long dmaMask) {
    this.domain = domain;
    this.ops = domain.ops();
    this.iova = domain.iova();
    this.driverCounters = driverCounters;
    this.writeBufferFlush = writeBufferFlush;
    this.dmaMask = dmaMask;
  }

  /** The domain this API maps into. */
  public DmaDomain domain() {
    return domain;
  }

  @Override
  public long map(long hpa, long size, DmaDirection direction) {
    new SgSegment(hpa, size);
    long pages = pages(hpa, size);
    IovaRange range = iova.allocateDma(pages, dmaMask, true);
    domain.mapLock().lock();
    try {
      ops.mapRange(range.start(), hpa & ~PAGE_MASK, pages << PAGE_SHIFT, direction.prot());
    } catch (RuntimeException e) {
      iova.free(range);
      throw e;
    } finally {
      domain.mapLock().unlock();
    }
    afterMap(range.start(), pages);
    return range.start() + (hpa & PAGE_MASK);
  }

  @Override
  public void unmap(long dmaAddress, long size, DmaDirection direction) {
    if (size <= 0) {
      throw new IllegalArgumentException("unmap needs a positive size, got " + size);
    }
    unmapPages(dmaAddress & ~PAGE_MASK, pages(dmaAddress, size));
  }

  @Override
  public SgMapping mapSg(List<SgSegment> segments, DmaDirection direction) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("an empty scatter-gather list cannot be mapped");
    }
    long total = 0;
    for (SgSegment s : segments) {
      total += pages(s.hpa(), s.length());
    }
    IovaRange range = iova.allocateDma(total, dmaMask, true);
    List<DmaSegment> out = new ArrayList<>(segments.size());
    long cursor = range.start();
    domain.mapLock().lock();
    try {
      for (SgSegment s : segments) {
        long p = pages(s.hpa(), s.length());
        ops.mapRange(cursor, s.hpa() & ~PAGE_MASK, p << PAGE_SHIFT, direction.prot());
        out.add(new DmaSegment(cursor + (s.hpa() & PAGE_MASK), s.length()));
        cursor += p << PAGE_SHIFT;
      }
    } catch (RuntimeException e) {
      long done = (cursor - range.start()) >>> PAGE_SHIFT;
      domain.mapLock().unlock();
      if (done == 0) {
        iova.free(range);
      } else {
        unmapAllocated(range, done);
      }
      throw e;
    }
    domain.mapLock().unlock();
    afterMap(range.start(), total);
    return new SgMapping(range.start(), total, out, direction);
  }

  @Override
  public void unmapSg(SgMapping mapping) {
    unmapPages(mapping.iovaStart(), mapping.pages());
  }

  private void afterMap(long iovaStart, long pages) {
    if (domain.flushOnMap()) {
      domain.flusher().flushRange(IovaRange.ofPages(iovaStart, pages), false);
      domain.counters().mapFlushed();
      driverCounters.mapFlushed();
    } else {
      writeBufferFlush.run();
    }
    domain.counters().mapped(pages << PAGE_SHIFT);
    driverCounters.mapped(pages << PAGE_SHIFT);
  }

  private void unmapPages(long iovaStart, long pages) {
    IovaRange allocated = IovaRange.ofPages(iovaStart, IovaAllocator.allocatedPagesFor(pages));
    if (!iova.isAllocated(allocated)) {
      throw new IllegalArgumentException(
          String.format("0x%x (%d pages) is not a mapped DMA buffer", iovaStart, pages));
    }
    unmapAllocated(allocated, pages);
    domain.counters().unmapped(pages << PAGE_SHIFT);
    driverCounters.unmapped(pages << PAGE_SHIFT);
  }

  /** Clears the first {@code pages} pages of {@code allocated} and hands it to the policy. */
  private void unmapAllocated(IovaRange allocated, long pages) {
    FlushGather gather;
    boolean handedOver = false;
    domain.unmapLock().lock();
    try {
      gather = ops.unmapRange(allocated.start(), pages << PAGE_SHIFT);
      if (gather.unmappedBytes() == 0) {
        throw new IllegalArgumentException(
            String.format(
                "0x%x (%d pages) is not mapped (unmapped twice?)", allocated.start(), pages));
      }
      if (gather.freedTableCount() > 0) {
        if (domain.policy().isStrict()) {
          release(allocated, gather);
          handedOver = true;
        } else {
          domain.flusher().flushRange(IovaRange.ofPages(allocated.start(), pages), false);
          domain.unlinkFlushed();
        }
      }
    } finally {
      domain.unmapLock().unlock();
    }
    if (!handedOver) {
      release(allocated, gather);
    }
  }

  private void release(IovaRange allocated, FlushGather gather) {
    int freed = gather.freedTableCount();
    FreedPages pages =
        freed == 0 ? FreedPages.none() : FreedPages.of(freed, () -> ops.flushCompleted(gather));
    domain.policy().unmapped(allocated, pages);
  }

  private static long pages(long address, long size) {
    return ((address & PAGE_MASK) + size + PAGE_MASK) >>> PAGE_SHIFT;
  }
}
