package dev.vtdlab.hw.translate;

/**
 * Where the translator gets final translations before walking the page tables: the hook of an IOTLB
 * (spec 6.2.1 Table 17, 6.2.4; digest 9.1). {@link #NONE} caches nothing.
 *
 * <p>Tags (spec 5.10 Table 17): lookups use the source id, the PASID used in scalable mode
 * (RID_PASID for requests without PASID) and the input address; invalidations use the DID (the
 * context entry's in legacy mode, the PASID entry's in scalable mode), the PASID, the kind of
 * mapping ({@link CachedTranslation#mode()}) and the address. Every call carries all of them.
 *
 * <p>Looked up once the domain id is known (after the context entry in legacy mode, after the PASID
 * entry and the SPT.5/SPT.6 checks in scalable mode). A hit skips the walk; the translator still
 * checks the request's rights and the output address. {@code fill...} is called after a successful
 * walk (and its A/D updates) with the page the input address falls in; pass-through translations
 * are never offered.
 */
public interface IotlbHook {

  /** No IOTLB: every lookup misses, fills are ignored. */
  IotlbHook NONE =
      new IotlbHook() {
        @Override
        public CachedTranslation lookupLegacy(int sid, int did, long iova) {
          return null;
        }

        @Override
        public void fillLegacy(int sid, int did, long iova, CachedTranslation translation) {}

        @Override
        public CachedTranslation lookup(int sid, int did, int pasid, long address) {
          return null;
        }

        @Override
        public void fill(
            int sid, int did, int pasid, long address, CachedTranslation translation) {}
      };

  /** Legacy mode: the translation of {@code iova} for requester {@code sid}, or null. */
  CachedTranslation lookupLegacy(int sid, int did, long iova);

  /** Legacy mode: offers the translation of the page holding {@code iova} (domain {@code did}). */
  void fillLegacy(int sid, int did, long iova, CachedTranslation translation);

  /**
   * Scalable mode: the translation of {@code address} for ({@code sid}, {@code pasid}), or null.
   * {@code pasid} is the PASID used (RID_PASID for requests without PASID).
   */
  CachedTranslation lookup(int sid, int did, int pasid, long address);

  /** Scalable mode: offers the translation of the page holding {@code address}. */
  void fill(int sid, int did, int pasid, long address, CachedTranslation translation);

  /** CM = 1 only, after {@link #lookupLegacy} missed: a cached fault of the page, or null. */
  default CachedFault lookupFaultLegacy(int sid, int did, long iova) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a legacy second-stage walk of {@code iova} (an entry not
   * present or with reserved bits). Spec 6.2.4.1: tagged as a translation would be.
   */
  default void fillFaultLegacy(int sid, int did, long iova, CachedFault fault) {}

  /** CM = 1 only, after {@link #lookup} missed: a cached fault of the page, or null. */
  default CachedFault lookupFault(int sid, int did, int pasid, long address) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a second-stage-only walk (PGTT = 010b) of {@code address}.
   * First-stage and nested faults are never cached (spec 6.2.4.1: CM does not apply to the first
   * stage; this model also keeps nested faults out).
   */
  default void fillFault(int sid, int did, int pasid, long address, CachedFault fault) {}
}
