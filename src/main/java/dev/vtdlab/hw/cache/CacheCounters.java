package dev.vtdlab.hw.cache;

/**
 * The counters of one cache at one moment.
 *
 * @param name the cache ("IOTLB", "PDE-cache", ...)
 * @param capacity entries it can hold
 * @param size entries it holds
 * @param hits lookups it answered with a valid entry
 * @param misses lookups it could not answer
 * @param negativeHits lookups it answered with a cached fault (CAP.CM = 1)
 * @param fills entries stored (a fill of a tag already held replaces it and counts)
 * @param evictions entries dropped to make room
 * @param invalidations invalidation operations that reached it
 * @param invalidated entries removed by invalidations
 */
public record CacheCounters(
    String name,
    int capacity,
    int size,
    long hits,
    long misses,
    long negativeHits,
    long fills,
    long evictions,
    long invalidations,
    long invalidated) {

  /** No cache: all zero. */
  public static CacheCounters off(String name) {
    return new CacheCounters(name, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** hits / (hits + misses), 0 without lookups. */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %d/%d entries, %d hits, %d misses, %d negative hits, %d fills, %d evictions,"
            + " %d invalidations removing %d",
        name,
        size,
        capacity,
        hits,
        misses,
        negativeHits,
        fills,
        evictions,
        invalidations,
        invalidated);
  }
}
