package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;

/**
 * Where the translator gets context entries before reading the root and context tables: the hook of
 * a context cache (digest 9.1). {@link #NONE} caches nothing.
 *
 * <p>The translator asks {@code lookup...} first; on a miss (null) it reads the root and context
 * entries (2 structure reads), checks them, and calls {@code fill...} with a present, valid entry
 * only. Entries that fault are never filled. Implementations must be thread-safe when the
 * translator is used from several threads.
 */
public interface ContextCacheHook {

  /** No context cache: every lookup misses, fills are ignored. */
  ContextCacheHook NONE =
      new ContextCacheHook() {
        @Override
        public ContextEntry lookupLegacy(int sid) {
          return null;
        }

        @Override
        public void fillLegacy(int sid, ContextEntry entry) {}

        @Override
        public ScalableContextEntry lookupScalable(int sid) {
          return null;
        }

        @Override
        public void fillScalable(int sid, ScalableContextEntry entry) {}
      };

  /** The cached legacy context entry of requester {@code sid}, or null on a miss. */
  ContextEntry lookupLegacy(int sid);

  /** Offers a present, valid legacy context entry read for {@code sid}. */
  void fillLegacy(int sid, ContextEntry entry);

  /** The cached scalable-mode context entry of requester {@code sid}, or null on a miss. */
  ScalableContextEntry lookupScalable(int sid);

  /** Offers a present, valid scalable-mode context entry read for {@code sid}. */
  void fillScalable(int sid, ScalableContextEntry entry);

  /**
   * CM = 1 only, after {@link #lookupLegacy} missed: the cached fault of {@code sid} (its root or
   * context entry was not present or erroneous when read), or null. Default: none.
   */
  default CachedFault lookupFaultLegacy(int sid) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a root or context entry read for {@code sid} (not present,
   * reserved bits, invalid programming; never a read error). Spec 6.2.2: tagged with DID 0.
   */
  default void fillFaultLegacy(int sid, CachedFault fault) {}

  /**
   * CM = 1 only, after {@link #lookupScalable} missed: the cached fault of {@code sid}, or null.
   */
  default CachedFault lookupFaultScalable(int sid) {
    return null;
  }

  /**
   * CM = 1 only: offers the fault of a scalable-mode root or context entry read for {@code sid}.
   */
  default void fillFaultScalable(int sid, CachedFault fault) {}
}
