package dev.vtdlab.driver.iova;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Allocates IOVA ranges in one DMA domain's aperture, like Linux's IOVA allocator (iova.c) used by
 * the DMA API (dma-iommu.c):
 *
 * <ul>
 *   <li><b>Size</b>: a request of fewer than 32 pages is rounded up to a power of two (so that it
 *       can be cached, as alloc_iova_fast does); larger requests keep their size.
 *   <li><b>Alignment</b>: a range of n pages starts at a multiple of the next power of two of n
 *       (2^ceil(log2 n) pages), counted from IOVA 0 (alloc_iova with size_aligned).
 *   <li><b>Order</b>: top-down: the highest suitably aligned free block whose last page is at or
 *       below the limit (Linux walks its rbtree backwards from the limit).
 *   <li><b>Range cache</b>: freed ranges of 1 to 32 pages go to per-CPU magazines and are handed
 *       out again, most recent first, before the tree is searched ({@link RangeCache}). When the
 *       tree has no room, all caches are emptied into the tree and the search is retried once.
 *   <li><b>Reserved ranges</b>: the interrupt address range 0xFEE0_0000-0xFEEF_FFFF (digest 7.1,
 *       D14; Linux reserves it as an MSI region) and any range given to {@link #reserve} are never
 *       handed out.
 * </ul>
 *
 * <p>Errors: an exhausted aperture throws {@link IovaExhaustedException}; freeing anything but a
 * range returned by an allocation and not freed since throws {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. Allocations and frees hit one CPU slot's cache lock, or the tree lock; {@link
 * #reserve} excludes them all (it is a domain set-up step).
 */
public final class IovaAllocator {
  /** The interrupt address range, never an IOVA (digest 7.1, D14). */
  public static final IovaRange INTERRUPT_RANGE = new IovaRange(0xFEE0_0000L, 0xFEEF_FFFFL);

  /** The highest IOVA reachable with a 32-bit DMA mask (Linux DMA_BIT_MASK(32)). */
  public static final long DMA_MASK_32 = 0xFFFF_FFFFL;

  /**
   * Allocator options.
   *
   * @param cpus number of per-CPU cache slots (threads map onto them by thread id)
   * @param rangeCache whether freed small ranges are cached per CPU (Linux always does)
   */
  public record Options(int cpus, boolean rangeCache) {
    /** Four CPU slots, range cache on. */
    public static final Options DEFAULT = new Options(4, true);

    /** Checks the values. */
    public Options {
      if (cpus < 1) {
        throw new IllegalArgumentException("an IOVA allocator needs at least one CPU, got " + cpus);
      }
    }
  }

  private final IovaRange aperture;
  private final Options options;
  private final RangeCache cache;
  private final ReentrantReadWriteLock setupLock = new ReentrantReadWriteLock();
  private final Object treeLock = new Object();
  private final FreeSpace free = new FreeSpace(); // guarded by treeLock
  private final ReservedRanges reserved = new ReservedRanges(); // guarded by treeLock
  private final ConcurrentSkipListMap<Long, Long> live = new ConcurrentSkipListMap<>();
  private final LongAdder allocations = new LongAdder();
  private final LongAdder frees = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder exhaustions = new LongAdder();
  private final AtomicLong allocatedPages = new AtomicLong();
  private final AtomicLong cachedPages = new AtomicLong();

  /** An allocator for {@code aperture} with {@link Options#DEFAULT}. */
  public IovaAllocator(IovaRange aperture) {
    this(aperture, Options.DEFAULT);
  }

  /** An allocator for {@code aperture}; the interrupt range is reserved at once. */
  public IovaAllocator(IovaRange aperture, Options options) {
    this.aperture = aperture;
    this.options = options;
    this.cache = new RangeCache(options.cpus());
    free.give(aperture.startPfn(), aperture.lastPfn());
    reserve(INTERRUPT_RANGE);
  }

  /**
   * An allocator for a domain of {@code addressWidth} bits: IOVAs 0x1000 to 2^width - 1. Like
   * Linux, IOVA page 0 is never handed out (its DMA layer starts the IOVA domain at pfn 1).
   */
  public static IovaAllocator forAddressWidth(int addressWidth) {
    if (addressWidth < 13 || addressWidth > 63) {
      throw new IllegalArgumentException(
          "IOVA address width must be 13 to 63 bits, got " + addressWidth);
    }
    return new IovaAllocator(new IovaRange(IovaRange.PAGE_BYTES, (1L << addressWidth) - 1));
  }

  /** The next power of two of {@code pages} (at least 1): the alignment of such a range. */
  public static long alignmentPages(long pages) {
    return pages <= 1 ? 1 : Long.highestOneBit(pages - 1) << 1;
  }

  /** The size actually allocated for a request of {@code pages} pages (see class doc). */
  public static long allocatedPagesFor(long pages) {
    return pages < RangeCache.MAX_CACHED_PAGES ? alignmentPages(pages) : pages;
  }

  /**
   * Allocates the highest free, size-aligned range of {@code pages} pages (rounded, see class doc)
   * whose last byte is at or below {@code limitIova} (Linux alloc_iova_fast).
   *
   * @param limitIova highest usable IOVA, e.g. a device's DMA mask (unsigned: -1 is the 64-bit
   *     mask); clipped to the aperture
   * @return the range; its {@link IovaRange#pages()} may exceed {@code pages}; free it whole
   * @throws IovaExhaustedException when no such range is free
   */
  public IovaRange allocate(long pages, long limitIova) {
    long size = checkedSize(pages);
    setupLock.readLock().lock();
    try {
      long pfn =
          Long.compareUnsigned(limitIova, aperture.start()) < 0 || size > aperture.pages()
              ? FreeSpace.NO_FIT
              : allocFast(size, limitPfn(limitIova), true);
      if (pfn == FreeSpace.NO_FIT) {
        throw exhausted(size, limitIova);
      }
      return IovaRange.ofPfns(pfn, pfn + size - 1);
    } finally {
      setupLock.readLock().unlock();
    }
  }

  /**
   * The DMA API's choice for a PCI device (Linux iommu_dma_alloc_iova): when {@code
   * tryBelow4GiBFirst} and the device can reach beyond 4 GiB, first try below 4 GiB without
   * emptying the caches (a single-address-cycle address), then the whole range up to the mask.
   * Linux stops trying below 4 GiB for a device once that first try has failed (its
   * pci_32bit_workaround flag); the caller keeps that per-device state: the first try failed when
   * the result lies above {@link #DMA_MASK_32}.
   */
  public IovaRange allocateDma(long pages, long dmaMaskIova, boolean tryBelow4GiBFirst) {
    long size = checkedSize(pages);
    if (tryBelow4GiBFirst
        && size <= aperture.pages()
        && Long.compareUnsigned(dmaMaskIova, DMA_MASK_32) > 0
        && aperture.start() <= DMA_MASK_32) {
      setupLock.readLock().lock();
      try {
        long pfn = allocFast(size, limitPfn(DMA_MASK_32), false);
        if (pfn != FreeSpace.NO_FIT) {
          return IovaRange.ofPfns(pfn, pfn + size - 1);
        }
      } finally {
        setupLock.readLock().unlock();
      }
    }
    return allocate(pages, dmaMaskIova);
  }

  /**
   * Frees a range returned by {@link #allocate} or {@link #allocateDma} (whole, as returned).
   *
   * @throws IllegalArgumentException if {@code range} is not currently allocated as such
   */
  public void free(IovaRange range) {
    long startPfn = range.startPfn();
    long lastPfn = range.lastPfn();
    setupLock.readLock().lock();
    try {
      Long liveLast = live.get(startPfn);
      if (liveLast == null || liveLast != lastPfn || !live.remove(startPfn, liveLast)) {
        throw notAllocated(range);
      }
      long pages = lastPfn - startPfn + 1;
      allocatedPages.addAndGet(-pages);
      frees.increment();
      int sizeClass = options.rangeCache() ? RangeCache.sizeClassOf(pages) : -1;
      if (sizeClass < 0) {
        giveToTree(startPfn, lastPfn);
        return;
      }
      cachedPages.addAndGet(pages);
      for (long evicted : cache.put(sizeClass, startPfn)) {
        cachedPages.addAndGet(-pages);
        giveToTree(evicted, evicted + pages - 1);
      }
    } finally {
      setupLock.readLock().unlock();
    }
  }

  /**
   * Reserves {@code range} (clipped to the aperture; nothing happens outside it): its IOVAs are
   * never handed out. Reserved ranges may overlap each other (Linux reserve_iova).
   *
   * @throws IllegalStateException if part of it is currently allocated
   */
  public void reserve(IovaRange range) {
    if (!range.overlaps(aperture)) {
      return;
    }
    long startPfn = Math.max(range.startPfn(), aperture.startPfn());
    long lastPfn = Math.min(range.lastPfn(), aperture.lastPfn());
    setupLock.writeLock().lock();
    try {
      drainCachesLocked();
      Map.Entry<Long, Long> below = live.floorEntry(lastPfn);
      if (below != null && below.getValue() >= startPfn) {
        throw new IllegalStateException(
            "cannot reserve "
                + range
                + ": it overlaps the allocated range "
                + IovaRange.ofPfns(below.getKey(), below.getValue()));
      }
      synchronized (treeLock) {
        free.removeAll(startPfn, lastPfn);
        reserved.add(startPfn, lastPfn);
      }
    } finally {
      setupLock.writeLock().unlock();
    }
  }

  /** Returns every cached range to the tree (Linux does this when an allocation fails). */
  public void drainCaches() {
    setupLock.readLock().lock();
    try {
      drainCachesLocked();
    } finally {
      setupLock.readLock().unlock();
    }
  }

  /** True when {@code range} is exactly a currently allocated range. */
  public boolean isAllocated(IovaRange range) {
    Long last = live.get(range.startPfn());
    return last != null && last == range.lastPfn();
  }

  /** True when some byte of {@code range} is in a reserved range. */
  public boolean isReserved(IovaRange range) {
    synchronized (treeLock) {
      return reserved.intersects(range.startPfn(), range.lastPfn());
    }
  }

  /** The reserved ranges within the aperture, merged, lowest first. */
  public List<IovaRange> reservedRanges() {
    synchronized (treeLock) {
      return reserved.ranges();
    }
  }

  /** The currently allocated ranges, lowest first (a snapshot; for checks and reports). */
  public List<IovaRange> allocatedRanges() {
    List<IovaRange> out = new ArrayList<>();
    live.forEach((s, l) -> out.add(IovaRange.ofPfns(s, l)));
    return out;
  }

  /** The aperture this allocator hands out ranges from. */
  public IovaRange aperture() {
    return aperture;
  }

  /** The options this allocator was made with. */
  public Options options() {
    return options;
  }

  /** A snapshot of the counters and the space (O(free runs) for the largest run). */
  public IovaStats stats() {
    long freePages;
    long runs;
    long largest;
    long reservedPages;
    synchronized (treeLock) {
      freePages = free.freePages();
      runs = free.runCount();
      largest = free.largestRunPages();
      reservedPages = reserved.pages();
    }
    return new IovaStats(
        allocations.sum(),
        frees.sum(),
        cacheHits.sum(),
        exhaustions.sum(),
        live.size(),
        allocatedPages.get(),
        cachedPages.get(),
        reservedPages,
        freePages,
        runs,
        largest);
  }

  @Override
  public String toString() {
    return "IovaAllocator[aperture " + aperture + ", " + stats() + "]";
  }

  // ---- internals; callers hold the setup lock (read or write) ----

  private long allocFast(long size, long limitPfn, boolean drainOnFailure) {
    int sizeClass = options.rangeCache() ? RangeCache.sizeClassOf(size) : -1;
    if (sizeClass >= 0) {
      long pfn = cache.get(sizeClass, limitPfn - size + 1);
      if (pfn != RangeCache.MISS) {
        cachedPages.addAndGet(-size);
        cacheHits.increment();
        return markLive(pfn, size);
      }
    }
    long align = alignmentPages(size);
    boolean mayDrain = drainOnFailure && options.rangeCache();
    while (true) {
      long pfn;
      synchronized (treeLock) {
        pfn = free.takeHighest(size, align, limitPfn);
      }
      if (pfn != FreeSpace.NO_FIT) {
        return markLive(pfn, size);
      }
      if (!mayDrain) {
        return FreeSpace.NO_FIT;
      }
      mayDrain = false;
      drainCachesLocked();
    }
  }

  private long markLive(long pfn, long size) {
    live.put(pfn, pfn + size - 1);
    allocatedPages.addAndGet(size);
    allocations.increment();
    return pfn;
  }

  private void giveToTree(long startPfn, long lastPfn) {
    synchronized (treeLock) {
      free.give(startPfn, lastPfn);
    }
  }

  private void drainCachesLocked() {
    long[][] drained = cache.drainAll();
    synchronized (treeLock) {
      for (int c = 0; c < drained.length; c++) {
        long pages = 1L << c;
        for (long pfn : drained[c]) {
          free.give(pfn, pfn + pages - 1);
        }
        cachedPages.addAndGet(-pages * drained[c].length);
      }
    }
  }

  /** The last whole page at or below {@code limitIova} (clipped to the aperture); may be -1. */
  private long limitPfn(long limitIova) {
    long clipped =
        Long.compareUnsigned(limitIova, aperture.last()) < 0 ? limitIova : aperture.last();
    return ((clipped + 1) >>> IovaRange.PAGE_SHIFT) - 1;
  }

  private static long checkedSize(long pages) {
    if (pages <= 0) {
      throw new IllegalArgumentException(
          "an IOVA allocation needs at least one page, got " + pages);
    }
    return allocatedPagesFor(pages);
  }

  private IovaExhaustedException exhausted(long size, long limitIova) {
    exhaustions.increment();
    IovaStats s = stats();
    return new IovaExhaustedException(
        String.format(
            "IOVA space exhausted: no free %d-page range aligned to %d pages at or below 0x%x in"
                + " aperture %s (free pages %d in %d runs, largest run %d pages, cached %d)",
            size,
            alignmentPages(size),
            limitIova,
            aperture,
            s.freePages(),
            s.freeRuns(),
            s.largestFreeRunPages(),
            s.cachedPages()),
        size,
        limitIova);
  }

  private IllegalArgumentException notAllocated(IovaRange range) {
    Map.Entry<Long, Long> below = live.floorEntry(range.lastPfn());
    String why;
    if (!aperture.contains(range)) {
      why = "it lies outside the aperture " + aperture;
    } else if (below != null && below.getValue() >= range.startPfn()) {
      why = "it overlaps the allocated range " + IovaRange.ofPfns(below.getKey(), below.getValue());
    } else if (isReserved(range)) {
      why = "it lies in a reserved range";
    } else {
      why = "it is not allocated (never allocated, or already freed)";
    }
    return new IllegalArgumentException("cannot free IOVA range " + range + ": " + why);
  }
}
