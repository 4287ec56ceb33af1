package dev.vtdlab.hw.cache;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.translate.CacheHooks;

/**
 * All translation caches of one unit: the translator's {@link CacheHooks} and the registers' {@link
 * InvalidationTarget}.
 */
public final class TranslationCaches {
  private final UnitConfig unit;
  private final CacheConfig config;

  /**
   * @param unit the unit (CAP.CM decides whether faulting entries are cached)
   * @param config sizes and policies
   */
  public TranslationCaches(UnitConfig unit, CacheConfig config) {
    if (unit == null || config == null) {
      throw new IllegalArgumentException("caches need a unit and a cache config");
    }
    this.unit = unit;
    this.config = config;
  }

  /** The configuration. */
  public CacheConfig config() {
    return config;
  }

  /** The unit. */
  public UnitConfig unit() {
    return unit;
  }

  /** The translator's hook points. */
  public CacheHooks hooks() {
    return CacheHooks.NONE;
  }

  /** What invalidations call. */
  public InvalidationTarget invalidationTarget() {
    return InvalidationTarget.none();
  }
}
