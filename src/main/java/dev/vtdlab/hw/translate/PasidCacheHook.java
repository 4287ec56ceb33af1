package dev.vtdlab.hw.translate;

/**
 * Where the translator gets PASID entries before reading the PASID directory and table: the hook of
 * a PASID cache (digest 9.1). {@link #NONE} caches nothing.
 *
 * <p>Looked up after the context entry (and the PASID checks SCT.6/7/9) with the requester and the
 * PASID used (the request's, or RID_PASID, D6). On a miss (null) the translator reads the directory
 * and PASID entries (2 structure reads), checks them and fills with a present, valid entry only.
 */
public interface PasidCacheHook {

  /** No PASID cache: every lookup misses, fills are ignored. */
  PasidCacheHook NONE =
      new PasidCacheHook() {
        @Override
        public CachedPasidEntry lookup(int sid, int pasid) {
          return null;
        }

        @Override
        public void fill(int sid, int pasid, CachedPasidEntry entry) {}
      };

  /** The cached PASID entry of ({@code sid}, {@code pasid}), or null on a miss. */
  CachedPasidEntry lookup(int sid, int pasid);

  /** Offers a present, valid PASID entry read for ({@code sid}, {@code pasid}). */
  void fill(int sid, int pasid, CachedPasidEntry entry);

  /** CM = 1 only, after {@link #lookup} missed: the cached fault, or null. Default: none. */
  default CachedFault lookupFault(int sid, int pasid) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a PASID-directory or PASID entry read for ({@code sid}, {@code
   * pasid}) (not present, reserved bits, invalid programming). Spec 6.2.3: tagged with DID 0.
   */
  default void fillFault(int sid, int pasid, CachedFault fault) {}
}
