package dev.vtdlab.driver.domain;

import java.util.BitSet;

/**
 * Domain ids of one unit: 2^(4 + 2 * CAP.ND) values, the lowest free one handed out first and freed
 * ids reused (Linux's per-unit id allocator). Reserved (digest 9.2): DID 0 when CAP.CM = 1 (the
 * unit tags cached not-present entries with it; D18: software must not use it) and DID 1, Linux's
 * FLPT_DEFAULT_DID, which the driver gives to identity (pass-through) attachments. Thread-safe.
 */
public final class DomainIds {
  /** The DID tagging not-present entries cached under caching mode. */
  public static final int CACHING_MODE_DID = 0;

  /** The DID of identity (pass-through) attachments (Linux FLPT_DEFAULT_DID). */
  public static final int IDENTITY_DID = 1;

  private final int count;
  private final BitSet used = new BitSet();
  private final BitSet reserved = new BitSet();

  /**
   * @param domainIdBits the DID width, 4 + 2 * CAP.ND
   * @param cachingMode CAP.CM: reserve DID 0
   */
  public DomainIds(int domainIdBits, boolean cachingMode) {
    if (domainIdBits < 4 || domainIdBits > 16) {
      throw new IllegalArgumentException("domain ids are 4 to 16 bits, got " + domainIdBits);
    }
    this.count = 1 << domainIdBits;
    if (cachingMode) {
      reserved.set(CACHING_MODE_DID);
    }
    reserved.set(IDENTITY_DID);
    used.or(reserved);
  }

  /**
   * The lowest free id.
   *
   * @throws IllegalStateException when every id is in use
   */
  public synchronized int allocate() {
    int did = used.nextClearBit(0);
    if (did >= count) {
      throw new IllegalStateException("out of domain ids: all " + count + " are in use");
    }
    used.set(did);
    return did;
  }

  /**
   * Gives an id back.
   *
   * @throws IllegalArgumentException if the id is reserved or not allocated
   */
  public synchronized void free(int did) {
    if (did < 0 || did >= count || reserved.get(did) || !used.get(did)) {
      throw new IllegalArgumentException("domain id " + did + " is not allocated");
    }
    used.clear(did);
  }

  /** True when {@code did} is reserved (never allocated). */
  public boolean isReserved(int did) {
    return did >= 0 && did < count && reserved.get(did);
  }

  /** Number of ids (2^(4 + 2 * ND)). */
  public int count() {
    return count;
  }

  /** Ids in use, reserved ones included. */
  public synchronized int inUse() {
    return used.cardinality();
  }

  /** The reserved ids, e.g. "0, 1". */
  public String describeReserved() {
    return reserved.toString().replaceAll("[{}]", "");
  }
}
