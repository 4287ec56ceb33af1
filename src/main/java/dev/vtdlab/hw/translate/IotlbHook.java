package dev.vtdlab.hw.translate;

/**
 * Where the translator gets final translations before walking the page tables: the hook of an IOTLB
 * (digest 9.1; tagged by domain id, PASID in scalable mode, and input address). {@link #NONE}
 * caches nothing.
 *
 * <p>Looked up once the domain id is known (after the context entry in legacy mode, after the PASID
 * entry and the SPT.5/SPT.6 checks in scalable mode). A hit skips the walk; the translator still
 * checks the request's rights and the output address. {@code fill...} is called after a successful
 * walk (and its A/D updates) with the page the input address falls in.
 */
public interface IotlbHook {

  /** No IOTLB: every lookup misses, fills are ignored. */
  IotlbHook NONE =
      new IotlbHook() {
        @Override
        public CachedTranslation lookupLegacy(int did, long iova) {
          return null;
        }

        @Override
        public void fillLegacy(int did, long iova, CachedTranslation translation) {}

        @Override
        public CachedTranslation lookup(int did, int pasid, long address) {
          return null;
        }

        @Override
        public void fill(int did, int pasid, long address, CachedTranslation translation) {}
      };

  /** Legacy mode: the translation of {@code iova} in domain {@code did}, or null on a miss. */
  CachedTranslation lookupLegacy(int did, long iova);

  /** Legacy mode: offers the translation of the page holding {@code iova}. */
  void fillLegacy(int did, long iova, CachedTranslation translation);

  /**
   * Scalable mode: the translation of {@code address} for ({@code did}, {@code pasid}), or null on
   * a miss. {@code pasid} is the PASID used (RID_PASID for requests without PASID).
   */
  CachedTranslation lookup(int did, int pasid, long address);

  /** Scalable mode: offers the translation of the page holding {@code address}. */
  void fill(int did, int pasid, long address, CachedTranslation translation);

  /** CM = 1 only, after {@link #lookupLegacy} missed: a cached fault of the page, or null. */
  default CachedFault lookupFaultLegacy(int did, long iova) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a legacy second-stage walk of {@code iova} (an entry not
   * present or with reserved bits). Spec 6.2.4.1: tagged as a translation would be (DID and page).
   */
  default void fillFaultLegacy(int did, long iova, CachedFault fault) {}

  /** CM = 1 only, after {@link #lookup} missed: a cached fault of the page, or null. */
  default CachedFault lookupFault(int did, int pasid, long address) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a second-stage-only walk (PGTT = 010b) of {@code address}.
   * First-stage and nested faults are never cached (spec 6.2.4.1: CM does not apply to the first
   * stage; this model also keeps nested faults out).
   */
  default void fillFault(int did, int pasid, long address, CachedFault fault) {}
}
