package dev.vtdlab.hw.cache;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.translate.CacheHooks;
import dev.vtdlab.hw.translate.ContextCacheHook;
import dev.vtdlab.hw.translate.IotlbHook;
import dev.vtdlab.hw.translate.PagingStructureCacheHook;
import dev.vtdlab.hw.translate.PasidCacheHook;
import java.util.ArrayList;
import java.util.List;

/**
 * All translation caches of one unit: the translator's {@link CacheHooks} ({@link #hooks()}) and
 * the registers' {@link InvalidationTarget} (this object). A cache of size 0 is absent: its hook is
 * the translator's {@code NONE} and invalidations skip it, so {@link CacheConfig#NONE} translates
 * exactly like the uncached translator.
 *
 * <p>Invalidation (spec 6.5; digest 9.1): context-cache and PASID-cache invalidations touch only
 * their cache (software follows them with IOTLB invalidations, spec 6.5.2.1-2); IOTLB invalidations
 * reach the IOTLB and the paging-structure caches with the tag rules of {@link Iotlb} and {@link
 * PagingStructureCaches}; device-TLB and interrupt-entry-cache invalidations have no cache here (no
 * ATS, no interrupt remapping) and are only counted by the registers.
 *
 * <p>Caching mode (CAP.CM = 1, spec 6.1; digest 9.2): the translator also offers faulting entries;
 * the context-cache keeps root/context faults (legacy ones tagged DID 0), the PASID-cache
 * PASID-directory/PASID entry faults (tagged DID 0) and the IOTLB second-stage-only walk faults
 * (tagged by the translation's DID, page and PASID). A structure that goes from not present to
 * present therefore keeps faulting until the matching invalidation, as on such a unit.
 *
 * <p>Thread-safe: each cache locks itself.
 */
public final class TranslationCaches implements InvalidationTarget {
  private final UnitConfig unit;
  private final CacheConfig config;
  private final ContextCache context;
  private final PasidCache pasid;
  private final Iotlb iotlb;
  private final PagingStructureCaches pagingStructure;
  private final CacheHooks hooks;

  /**
   * @param unit the unit (CAP.CM decides whether the translator offers faulting entries)
   * @param config sizes and policies
   */
  public TranslationCaches(UnitConfig unit, CacheConfig config) {
    if (unit == null || config == null) {
      throw new IllegalArgumentException("caches need a unit and a cache config");
    }
    this.unit = unit;
    this.config = config;
    long seed = config.seed();
    this.context = config.context().enabled() ? new ContextCache(config.context(), seed) : null;
    this.pasid = config.pasid().enabled() ? new PasidCache(config.pasid(), seed + 1) : null;
    this.iotlb = config.iotlb().enabled() ? new Iotlb(config.iotlb(), seed + 2) : null;
    this.pagingStructure =
        config.pagingStructure().enabled()
            ? new PagingStructureCaches(config.pagingStructure(), seed + 3)
            : null;
    this.hooks =
        config.any()
            ? new CacheHooks(
                context == null ? ContextCacheHook.NONE : context,
                pasid == null ? PasidCacheHook.NONE : pasid,
                iotlb == null ? IotlbHook.NONE : iotlb,
                pagingStructure == null ? PagingStructureCacheHook.NONE : pagingStructure)
            : CacheHooks.NONE;
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
    return hooks;
  }

  /** What invalidations call: this object. */
  public InvalidationTarget invalidationTarget() {
    return this;
  }

  // ---- counters

  /** Context-cache counters. */
  public CacheCounters contextCounters() {
    return context == null ? CacheCounters.off("context-cache") : context.counters();
  }

  /** PASID-cache counters. */
  public CacheCounters pasidCounters() {
    return pasid == null ? CacheCounters.off("PASID-cache") : pasid.counters();
  }

  /** IOTLB counters. */
  public CacheCounters iotlbCounters() {
    return iotlb == null ? CacheCounters.off("IOTLB") : iotlb.counters();
  }

  /** Paging-structure cache counters: PML5-cache, PML4-cache, PDPE-cache, PDE-cache. */
  public List<CacheCounters> pagingStructureCounters() {
    if (pagingStructure == null) {
      return List.of(
          CacheCounters.off("PML5-cache"),
          CacheCounters.off("PML4-cache"),
          CacheCounters.off("PDPE-cache"),
          CacheCounters.off("PDE-cache"));
    }
    return List.of(pagingStructure.counters());
  }

  /** Every cache's counters: context, PASID, IOTLB, then the paging-structure caches. */
  public List<CacheCounters> counters() {
    List<CacheCounters> all = new ArrayList<>();
    all.add(contextCounters());
    all.add(pasidCounters());
    all.add(iotlbCounters());
    all.addAll(pagingStructureCounters());
    return List.copyOf(all);
  }

  // ---- invalidation

  @Override
  public void contextCacheGlobal() {
    if (context != null) {
      context.global();
    }
  }

  @Override
  public void contextCacheDomain(int did) {
    if (context != null) {
      context.domain(did);
    }
  }

  @Override
  public void contextCacheDevice(int did, int sid, int functionMask) {
    if (context != null) {
      context.device(did, sid, functionMask);
    }
  }

  @Override
  public void pasidCacheGlobal() {
    if (pasid != null) {
      pasid.global();
    }
  }

  @Override
  public void pasidCacheDomain(int did) {
    if (pasid != null) {
      pasid.domain(did);
    }
  }

  @Override
  public void pasidCachePasid(int did, int pasidValue) {
    if (pasid != null) {
      pasid.pasid(did, pasidValue);
    }
  }

  @Override
  public void iotlbGlobal() {
    if (iotlb != null) {
      iotlb.global();
    }
    if (pagingStructure != null) {
      pagingStructure.global();
    }
  }

  @Override
  public void iotlbDomain(int did) {
    if (iotlb != null) {
      iotlb.domain(did);
    }
    if (pagingStructure != null) {
      pagingStructure.domain(did);
    }
  }

  @Override
  public void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih) {
    if (iotlb != null) {
      iotlb.pages(did, iovaStart, iovaLast);
    }
    if (pagingStructure != null) {
      pagingStructure.pages(did, iovaStart, iovaLast, ih);
    }
  }

  @Override
  public void pasidIotlbPasid(int did, int pasidValue) {
    if (iotlb != null) {
      iotlb.pasid(did, pasidValue);
    }
    if (pagingStructure != null) {
      pagingStructure.pasid(did, pasidValue);
    }
  }

  @Override
  public void pasidIotlbPages(int did, int pasidValue, long iovaStart, long iovaLast, boolean ih) {
    if (iotlb != null) {
      iotlb.pasidPages(did, pasidValue, iovaStart, iovaLast);
    }
    if (pagingStructure != null) {
      pagingStructure.pasidPages(did, pasidValue, iovaStart, iovaLast, ih);
    }
  }

  @Override
  public void deviceTlb(int sid, long iovaStart, long iovaLast) {}

  @Override
  public void pasidDeviceTlb(
      int sid, int pasidValue, boolean allPasids, long iovaStart, long iovaLast) {}

  @Override
  public void interruptEntryCacheGlobal() {}

  @Override
  public void interruptEntryCacheIndex(int index, int indexMask) {}

  @Override
  public String toString() {
    return "TranslationCaches[" + config + "]";
  }
}
