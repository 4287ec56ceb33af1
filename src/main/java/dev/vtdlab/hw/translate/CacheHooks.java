package dev.vtdlab.hw.translate;

/**
 * The translator's cache hook points: context cache, PASID cache and IOTLB ({@link #NONE}: no
 * caching, every structure and paging entry is read from memory). Paging-structure caches are not a
 * hook yet; see the package documentation.
 *
 * @param context context entries
 * @param pasid PASID entries
 * @param iotlb final translations
 */
public record CacheHooks(ContextCacheHook context, PasidCacheHook pasid, IotlbHook iotlb) {

  /** No caches. */
  public static final CacheHooks NONE =
      new CacheHooks(ContextCacheHook.NONE, PasidCacheHook.NONE, IotlbHook.NONE);

  public CacheHooks {
    if (context == null || pasid == null || iotlb == null) {
      throw new IllegalArgumentException("every cache hook must be set (use the NONE constants)");
    }
  }
}
