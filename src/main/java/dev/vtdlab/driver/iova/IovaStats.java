package dev.vtdlab.driver.iova;

/**
 * A snapshot of an {@link IovaAllocator}'s counters and space. At a quiet moment {@code
 * allocatedPages + cachedPages + reservedPages + freePages} equals the aperture's page count.
 *
 * @param allocations successful allocations (from the range cache or the tree)
 * @param frees frees of allocated ranges
 * @param cacheHits allocations served by the per-CPU range cache
 * @param exhaustions allocations that failed
 * @param liveRanges ranges currently allocated
 * @param allocatedPages pages of the ranges currently allocated
 * @param cachedPages pages of freed ranges held in the range cache (not in the tree)
 * @param reservedPages pages of the aperture that are reserved
 * @param freePages pages in the tree's free space
 * @param freeRuns number of maximal free runs
 * @param largestFreeRunPages pages of the largest free run
 */
public record IovaStats(
    long allocations,
    long frees,
    long cacheHits,
    long exhaustions,
    long liveRanges,
    long allocatedPages,
    long cachedPages,
    long reservedPages,
    long freePages,
    long freeRuns,
    long largestFreeRunPages) {

  /**
   * External fragmentation of the free space: 1 - largest free run / free pages (0 when nothing is
   * free or all free pages are one run; close to 1 when the free space is scattered).
   */
  public double fragmentation() {
    return freePages == 0 ? 0.0 : 1.0 - (double) largestFreeRunPages / freePages;
  }

  /** Fraction of allocations served by the range cache. */
  public double cacheHitRate() {
    return allocations == 0 ? 0.0 : (double) cacheHits / allocations;
  }
}
