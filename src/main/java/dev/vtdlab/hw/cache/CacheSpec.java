package dev.vtdlab.hw.cache;

/**
 * The size and replacement policy of one cache.
 *
 * @param entries the number of entries; 0 turns the cache off (every lookup misses, nothing is
 *     filled)
 * @param replacement the victim choice when full
 */
public record CacheSpec(int entries, Replacement replacement) {

  /** No cache. */
  public static final CacheSpec OFF = new CacheSpec(0, Replacement.LRU);

  public CacheSpec {
    if (entries < 0) {
      throw new IllegalArgumentException("a cache cannot have " + entries + " entries");
    }
    if (replacement == null) {
      throw new IllegalArgumentException("a cache needs a replacement policy");
    }
  }

  /** An LRU cache of {@code entries} entries. */
  public static CacheSpec lru(int entries) {
    return new CacheSpec(entries, Replacement.LRU);
  }

  /** A FIFO cache of {@code entries} entries. */
  public static CacheSpec fifo(int entries) {
    return new CacheSpec(entries, Replacement.FIFO);
  }

  /** A seeded random-replacement cache of {@code entries} entries. */
  public static CacheSpec random(int entries) {
    return new CacheSpec(entries, Replacement.RANDOM);
  }

  /** True when the cache holds something. */
  public boolean enabled() {
    return entries > 0;
  }

  @Override
  public String toString() {
    return enabled() ? entries + " " + replacement : "off";
  }
}
