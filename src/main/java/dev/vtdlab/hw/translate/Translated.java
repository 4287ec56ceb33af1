package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.pagetable.Rights;
import java.util.List;
import java.util.OptionalInt;

/**
 * A successful translation (digest 7.5): the output address with the page offset, the page size,
 * what this requester may do through the translation, the domain and PASID used, the mode and the
 * reads made. Cheap to build: the visited entries are kept compactly and listed on demand.
 */
public final class Translated implements Translation {
  private final DmaRequest request;
  private final long hpa;
  private final PageSize pageSize;
  private final int rights;
  private final int did;
  private final boolean pasidUsed;
  private final int pasid;
  private final TranslationMode mode;
  private final int structureReads;
  private final int walkReads;
  private final Trail.Snapshot trail;
  private final boolean fromCache;

  Translated(
      DmaRequest request,
      long hpa,
      PageSize pageSize,
      int rights,
      int did,
      boolean pasidUsed,
      int pasid,
      TranslationMode mode,
      int structureReads,
      int walkReads,
      Trail.Snapshot trail,
      boolean fromCache) {
    this.request = request;
    this.hpa = hpa;
    this.pageSize = pageSize;
    this.rights = rights;
    this.did = did;
    this.pasidUsed = pasidUsed;
    this.pasid = pasid;
    this.mode = mode;
    this.structureReads = structureReads;
    this.walkReads = walkReads;
    this.trail = trail;
    this.fromCache = fromCache;
  }

  /**
   * The result of a request while GSTS.TES = 0 (digest 7.1): not remapped, output = input, a 4 KiB
   * page, read and write, DID 0, no PASID used, nothing read ({@link
   * TranslationMode#UNTRANSLATED}).
   */
  public static Translated untranslated(DmaRequest request) {
    return new Translated(
        request,
        request.address(),
        PageSize.SIZE_4K,
        Rights.READ | Rights.WRITE,
        0,
        false,
        0,
        TranslationMode.UNTRANSLATED,
        0,
        0,
        Trail.Snapshot.EMPTY,
        false);
  }

  @Override
  public DmaRequest request() {
    return request;
  }

  /** The output host-physical address of the request's address, page offset included. */
  public long hpa() {
    return hpa;
  }

  /** The page size (nested: the smaller of the two stages' leaves; pass-through: 4 KiB). */
  public PageSize pageSize() {
    return pageSize;
  }

  /** The page's host-physical base address. */
  public long pageHpa() {
    return hpa & ~pageSize.offsetMask();
  }

  /**
   * What this requester (same SID, PASID and privilege) may do through this translation, as {@link
   * Rights} bits READ, WRITE and EXECUTE (execute only for requests with PASID and ERE = 1).
   */
  public int rights() {
    return rights;
  }

  /** The scenario format's {@code perm}: "rw-", "r--", "r-x", ... */
  public String perm() {
    return permString(rights);
  }

  static String permString(int rights) {
    return new String(
        new char[] {
          (rights & Rights.READ) != 0 ? 'r' : '-',
          (rights & Rights.WRITE) != 0 ? 'w' : '-',
          (rights & Rights.EXECUTE) != 0 ? 'x' : '-'
        });
  }

  /** The domain id of the context entry (legacy) or PASID entry (scalable) used. */
  public int did() {
    return did;
  }

  /**
   * The PASID whose PASID entry was used: the request's PASID, or RID_PASID for a scalable-mode
   * request without PASID (D6); empty in legacy mode.
   */
  public OptionalInt pasid() {
    return pasidUsed ? OptionalInt.of(pasid) : OptionalInt.empty();
  }

  /** The mode: legacy TT or scalable PGTT. */
  public TranslationMode mode() {
    return mode;
  }

  @Override
  public Reads reads() {
    return structureReads == 0 && walkReads == 0
        ? Reads.NONE
        : new Reads(structureReads, walkReads);
  }

  /** True when the final translation came from the IOTLB hook rather than a walk. */
  public boolean fromCache() {
    return fromCache;
  }

  /**
   * Every entry read, in order (empty when the translator's {@link
   * TranslatorOptions#recordEntries()} is off).
   */
  public List<VisitedEntry> entries() {
    return trail.entries();
  }

  @Override
  public String resultWord() {
    return "ok";
  }

  @Override
  public String toString() {
    return String.format(
        "%s -> 0x%x (%s page, %s, %s, DID %d%s, %s)",
        request,
        hpa,
        pageSize.label(),
        perm(),
        mode.label(),
        did,
        pasidUsed ? ", PASID 0x" + Integer.toHexString(pasid) : "",
        reads());
  }
}
