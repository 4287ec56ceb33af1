package dev.vtdlab.hw.translate;

/**
 * The translator's cache hook points: context cache, PASID cache, IOTLB and paging-structure caches
 * ({@link #NONE}: no caching, every structure and paging entry is read from memory).
 *
 * @param context context entries
 * @param pasid PASID entries
 * @param iotlb final translations
 * @param pagingStructure non-leaf paging entries of either stage
 */
public record CacheHooks(
    ContextCacheHook context,
    PasidCacheHook pasid,
    IotlbHook iotlb,
    PagingStructureCacheHook pagingStructure) {

  /** No caches. */
  public static final CacheHooks NONE =
      new CacheHooks(
          ContextCacheHook.NONE,
          PasidCacheHook.NONE,
          IotlbHook.NONE,
          PagingStructureCacheHook.NONE);

  public CacheHooks {
    if (context == null || pasid == null || iotlb == null || pagingStructure == null) {
      throw new IllegalArgumentException("every cache hook must be set (use the NONE constants)");
    }
  }

  /** Hooks without paging-structure caches. */
  public CacheHooks(ContextCacheHook context, PasidCacheHook pasid, IotlbHook iotlb) {
    this(context, pasid, iotlb, PagingStructureCacheHook.NONE);
  }
}
