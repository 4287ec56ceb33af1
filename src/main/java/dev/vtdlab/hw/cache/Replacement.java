package dev.vtdlab.hw.cache;

/**
 * Which entry a full cache evicts to make room for a new one. The architecture leaves this to the
 * implementation (VT-d spec 6.2.4: hardware "may evict or invalidate any IOTLB entry at any time").
 */
public enum Replacement {
  /** Least recently used: a hit makes the entry the youngest. */
  LRU,
  /** First in, first out: the oldest fill goes, hits do not matter. */
  FIFO,
  /** A pseudo-random victim from a seeded generator ({@link CacheConfig#seed()}): reproducible. */
  RANDOM
}
