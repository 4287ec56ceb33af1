package dev.vtdlab.hw.translate;

import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.WalkPath;

/**
 * Where the translator gets non-leaf paging entries before a walk: the hook of the paging-structure
 * caches (VT-d spec 6.2.5, 6.2.7). {@link #NONE} caches nothing.
 *
 * <p>Lookups return the deepest cached entry for the address (PDE before PDPE before PML4E before
 * PML5E), or null; the walk then starts one level below it. Tags (spec Table 17, 19): second stage
 * by DID and the input-address bits above the entry's level (legacy and scalable alike; in nested
 * translation the input is a GPA: the final GPA or the GPA of a first-stage table entry); first
 * stage by DID, PASID and the input-address bits (nested first-stage entries are flagged: their
 * table addresses are GPAs).
 *
 * <p>Fills offer a walk's path: every non-leaf entry it fetched and found valid (the levels from
 * {@link WalkPath#startLevel()} down to just above where it stopped). Second-stage walks are
 * offered as soon as they end; first-stage walks only after a successful translation and its A/D
 * updates (spec 6.2.5: A and EA are set before a first-stage entry is cached).
 */
public interface PagingStructureCacheHook {

  /** No paging-structure caches. */
  PagingStructureCacheHook NONE =
      new PagingStructureCacheHook() {
        @Override
        public CachedTableEntry lookupSecondStage(int did, long address, int topLevel) {
          return null;
        }

        @Override
        public void fillSecondStage(
            int did, long address, PageTableFormat format, WalkPath path, CachedTableEntry from) {}

        @Override
        public CachedTableEntry lookupFirstStage(
            int did, int pasid, long address, int topLevel, boolean nested) {
          return null;
        }

        @Override
        public void fillFirstStage(
            int did,
            int pasid,
            long address,
            boolean nested,
            PageTableFormat format,
            WalkPath path,
            CachedTableEntry from) {}
      };

  /**
   * The deepest cached second-stage non-leaf entry of domain {@code did} for {@code address}, of a
   * level below {@code topLevel} + 1 (the table's top), or null.
   */
  CachedTableEntry lookupSecondStage(int did, long address, int topLevel);

  /**
   * Offers the non-leaf entries of a second-stage walk of {@code address}.
   *
   * @param from the cached entry the walk started from, or null for a walk from the top
   */
  void fillSecondStage(
      int did, long address, PageTableFormat format, WalkPath path, CachedTableEntry from);

  /** The deepest cached first-stage non-leaf entry of ({@code did}, {@code pasid}), or null. */
  CachedTableEntry lookupFirstStage(int did, int pasid, long address, int topLevel, boolean nested);

  /** Offers the non-leaf entries of a successful first-stage walk (nested: table GPAs). */
  void fillFirstStage(
      int did,
      int pasid,
      long address,
      boolean nested,
      PageTableFormat format,
      WalkPath path,
      CachedTableEntry from);
}
