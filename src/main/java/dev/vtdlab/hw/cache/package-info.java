/**
 * The translation caches of a remapping unit (VT-d spec 6.2; digest 9.1, 9.2): context-cache,
 * PASID-cache, IOTLB and paging-structure caches, and their invalidation (spec 6.5).
 *
 * <p>{@link dev.vtdlab.hw.cache.CacheConfig}: size and {@link dev.vtdlab.hw.cache.Replacement} of
 * each cache ({@link dev.vtdlab.hw.cache.CacheConfig#NONE}: no caches, results identical to the
 * uncached translator). {@link dev.vtdlab.hw.cache.TranslationCaches}: the translator's hooks and
 * the registers' invalidation target.
 */
package dev.vtdlab.hw.cache;
