package dev.vtdlab.hw.inval;

/**
 * What the translation caches implement so that invalidations reach them. Register-based (CCMD_REG,
 * IOTLB_REG) and queued (descriptor) invalidation both call it; the calls are made in order and
 * synchronously, and the invalidation is complete when the call returns.
 *
 * <p>Tag-matching rules are the cache's business (digest 9.1): a page-selective IOTLB invalidation
 * ({@link #iotlbPages}) in scalable mode also removes every first-stage, nested and pass-through
 * entry of the DID, whatever its address; {@link #pasidIotlbPages} does not remove
 * second-stage-only or pass-through entries; in scalable mode the context cache ignores the DID of
 * a context-cache invalidation. Unless IH = 1, IOTLB invalidations also invalidate the
 * paging-structure caches.
 *
 * <p>Ranges are start and last (inclusive) input addresses: {@code ADDR} with its low AM page bits
 * cleared, covering 2^AM pages. Device-TLB ranges use the S-bit size encoding ({@link
 * DeviceTlbRange}); an entire-address-space range is start 0, last -1 (all ones).
 */
public interface InvalidationTarget {

  /** Context-cache: every entry. */
  void contextCacheGlobal();

  /** Context-cache: entries of domain {@code did}. */
  void contextCacheDomain(int did);

  /**
   * Context-cache: entries of source id {@code sid} whose bits selected by {@link #sidMask(int)}
   * match.
   *
   * @param did the DID software programmed (legacy mode; ignored in scalable mode)
   * @param sid source id
   * @param functionMask FM: 0 compare all bits, 1 ignore bit 2, 2 ignore bits 2:1, 3 ignore 2:0
   */
  void contextCacheDevice(int did, int sid, int functionMask);

  /** PASID-cache: every entry. */
  void pasidCacheGlobal();

  /** PASID-cache: every PASID of {@code did}. */
  void pasidCacheDomain(int did);

  /** PASID-cache: PASID {@code pasid} of {@code did}. */
  void pasidCachePasid(int did, int pasid);

  /** IOTLB and paging-structure caches: everything. */
  void iotlbGlobal();

  /** IOTLB and paging-structure caches: entries of {@code did}. */
  void iotlbDomain(int did);

  /**
   * IOTLB page-selective within domain (type 2 G = 11 or IOTLB_REG IIRG = 11).
   *
   * @param ih invalidation hint: only leaf entries changed, paging-structure caches may be kept
   */
  void iotlbPages(int did, long iovaStart, long iovaLast, boolean ih);

  /** PASID-based IOTLB: every entry of {@code pasid} in {@code did} (type 6, G = 10). */
  void pasidIotlbPasid(int did, int pasid);

  /** PASID-based IOTLB page-selective within PASID (type 6, G = 11). */
  void pasidIotlbPages(int did, int pasid, long iovaStart, long iovaLast, boolean ih);

  /** Device-TLB of endpoint {@code sid}, requests without PASID (type 3). */
  void deviceTlb(int sid, long iovaStart, long iovaLast);

  /**
   * Device-TLB of endpoint {@code sid}, requests with PASID (type 8).
   *
   * @param allPasids G = 1: every PASID of the device ({@code pasid} is then not meaningful)
   */
  void pasidDeviceTlb(int sid, int pasid, boolean allPasids, long iovaStart, long iovaLast);

  /** Interrupt entry cache: every entry. */
  void interruptEntryCacheGlobal();

  /** Interrupt entry cache: 2^indexMask entries from {@code index}. */
  void interruptEntryCacheIndex(int index, int indexMask);

  /**
   * The SID bits a device-selective context-cache invalidation compares (digest 9.4): FM 0 ->
   * 0xFFFF, 1 -> 0xFFFB, 2 -> 0xFFF9, 3 -> 0xFFF8.
   */
  static int sidMask(int functionMask) {
    return switch (functionMask) {
      case 0 -> 0xFFFF;
      case 1 -> 0xFFFB;
      case 2 -> 0xFFF9;
      case 3 -> 0xFFF8;
      default ->
          throw new IllegalArgumentException("function mask " + functionMask + " is not 0..3");
    };
  }

  /** A target with no caches: every call does nothing. */
  static InvalidationTarget none() {
    return NoCaches.INSTANCE;
  }
}
