/**
 * The translation caches of a remapping unit (VT-d spec 6.2; digest 9.1, 9.2): context-cache,
 * PASID-cache, IOTLB and paging-structure caches, and their invalidation (spec 6.5). Design notes,
 * tag and invalidation tables: {@code docs/caches.md}.
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.cache.CacheConfig}: a {@link dev.vtdlab.hw.cache.CacheSpec} (entries,
 *       {@link dev.vtdlab.hw.cache.Replacement}: LRU, FIFO, seeded RANDOM) per cache and a seed;
 *       {@link dev.vtdlab.hw.cache.CacheConfig#NONE} (no caches: results identical to the uncached
 *       translator, reads included), {@link dev.vtdlab.hw.cache.CacheConfig#DEFAULT}.
 *   <li>{@link dev.vtdlab.hw.cache.TranslationCaches}: the translator's {@code CacheHooks} and the
 *       registers' {@code InvalidationTarget}; {@link dev.vtdlab.hw.cache.CacheCounters} per cache.
 *   <li>{@code ContextCache}, {@code PasidCache}, {@code Iotlb}, {@code PagingStructureCaches}: one
 *       class per cache, each with its tags and invalidation rules (spec Tables 17-19, 23, 24),
 *       over {@code TaggedCache}, a fully associative, allocation-free store.
 * </ul>
 *
 * <p>Glossary: tag = what an entry is looked up and invalidated by; negative entry = a cached fault
 * (CM = 1); IH = invalidation hint (leaves only changed: paging-structure entries may stay);
 * SS-only = PGTT 010b; FS = first stage; PSC = paging-structure cache.
 */
package dev.vtdlab.hw.cache;
