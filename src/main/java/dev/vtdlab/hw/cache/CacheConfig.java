package dev.vtdlab.hw.cache;

/**
 * The translation caches of one remapping unit (VT-d spec 6.2): size and replacement policy of
 * each. Every cache is fully associative. {@link #NONE} has no cache at all and translates exactly
 * like the uncached translator.
 *
 * @param context context-cache (legacy and scalable-mode context entries, by source id)
 * @param pasid PASID-cache (scalable-mode PASID entries, by source id and PASID)
 * @param iotlb IOTLB (final translations)
 * @param pagingStructure each paging-structure cache (spec 6.2.5: one per level, PML5E, PML4E, PDPE
 *     and PDE; first-stage, second-stage and nested entries share them)
 * @param seed the seed of {@link Replacement#RANDOM} victim choice
 */
public record CacheConfig(
    CacheSpec context, CacheSpec pasid, CacheSpec iotlb, CacheSpec pagingStructure, long seed) {

  /** No caches. */
  public static final CacheConfig NONE =
      new CacheConfig(CacheSpec.OFF, CacheSpec.OFF, CacheSpec.OFF, CacheSpec.OFF, 0);

  /**
   * A plausible small unit: 64 context entries, 64 PASID entries, 512 IOTLB entries, 32 entries per
   * paging-structure cache, all LRU.
   */
  public static final CacheConfig DEFAULT =
      new CacheConfig(
          CacheSpec.lru(64), CacheSpec.lru(64), CacheSpec.lru(512), CacheSpec.lru(32), 1);

  public CacheConfig {
    if (context == null || pasid == null || iotlb == null || pagingStructure == null) {
      throw new IllegalArgumentException("every cache needs a spec (use CacheSpec.OFF)");
    }
  }

  /** Every cache with {@code entries} entries and {@code replacement}. */
  public static CacheConfig uniform(int entries, Replacement replacement) {
    CacheSpec s = new CacheSpec(entries, replacement);
    return new CacheConfig(s, s, s, s, 1);
  }

  /** The same caches with another context-cache. */
  public CacheConfig withContext(CacheSpec spec) {
    return new CacheConfig(spec, pasid, iotlb, pagingStructure, seed);
  }

  /** The same caches with another PASID-cache. */
  public CacheConfig withPasid(CacheSpec spec) {
    return new CacheConfig(context, spec, iotlb, pagingStructure, seed);
  }

  /** The same caches with another IOTLB. */
  public CacheConfig withIotlb(CacheSpec spec) {
    return new CacheConfig(context, pasid, spec, pagingStructure, seed);
  }

  /** The same caches with other paging-structure caches. */
  public CacheConfig withPagingStructure(CacheSpec spec) {
    return new CacheConfig(context, pasid, iotlb, spec, seed);
  }

  /** The same caches with another random-replacement seed. */
  public CacheConfig withSeed(long newSeed) {
    return new CacheConfig(context, pasid, iotlb, pagingStructure, newSeed);
  }

  /** True when at least one cache is enabled. */
  public boolean any() {
    return context.enabled() || pasid.enabled() || iotlb.enabled() || pagingStructure.enabled();
  }

  @Override
  public String toString() {
    return "context "
        + context
        + ", PASID "
        + pasid
        + ", IOTLB "
        + iotlb
        + ", paging-structure "
        + pagingStructure;
  }
}
