package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.SourceId;

/**
 * One untranslated DMA request (no ATS, no page request): requester id, optional PASID prefix,
 * input address and access. Build one with {@link #withoutPasid} or {@link #withPasid}.
 *
 * <p>D3: privilege and execute-requested are fields of the PASID prefix, so a request without PASID
 * is never privileged and never an execute request (its privilege in scalable mode comes from the
 * context entry's RID_PRIV, D6).
 */
public final class DmaRequest {
  /** Largest PASID value (20 bits). */
  public static final int MAX_PASID = (1 << 20) - 1;

  private final SourceId sid;
  private final boolean hasPasid;
  private final int pasid;
  private final long address;
  private final Access access;
  private final boolean privileged;

  private DmaRequest(
      SourceId sid, boolean hasPasid, int pasid, long address, Access access, boolean privileged) {
    if (sid == null || access == null) {
      throw new IllegalArgumentException("a DMA request needs a source id and an access type");
    }
    this.sid = sid;
    this.hasPasid = hasPasid;
    this.pasid = pasid;
    this.address = address;
    this.access = access;
    this.privileged = privileged;
  }

  /**
   * A request without PASID (D3: user privilege, read or write).
   *
   * @param sid requester id
   * @param iova input address
   * @param access {@link Access#READ} or {@link Access#WRITE}
   * @throws IllegalArgumentException for {@link Access#EXECUTE} (only requests with PASID carry
   *     execute-requested, D3)
   */
  public static DmaRequest withoutPasid(SourceId sid, long iova, Access access) {
    if (access == Access.EXECUTE) {
      throw new IllegalArgumentException(
          "an execute request needs a PASID prefix (D3); use withPasid");
    }
    return new DmaRequest(sid, false, 0, iova, access, false);
  }

  /**
   * A request with PASID.
   *
   * @param sid requester id
   * @param pasid the PASID, 0..0xFFFFF
   * @param address input address (IOVA or GVA)
   * @param access read, write or execute
   * @param privileged the prefix's privilege-mode-requested bit (supervisor)
   * @throws IllegalArgumentException if the PASID is not 20 bits
   */
  public static DmaRequest withPasid(
      SourceId sid, int pasid, long address, Access access, boolean privileged) {
    if (pasid < 0 || pasid > MAX_PASID) {
      throw new IllegalArgumentException(
          "PASID 0x" + Integer.toHexString(pasid) + " out of range (20 bits)");
    }
    return new DmaRequest(sid, true, pasid, address, access, privileged);
  }

  /** The requester id. */
  public SourceId sid() {
    return sid;
  }

  /** True for a request with PASID. */
  public boolean hasPasid() {
    return hasPasid;
  }

  /**
   * The request's PASID.
   *
   * @throws IllegalStateException for a request without PASID
   */
  public int pasid() {
    if (!hasPasid) {
      throw new IllegalStateException("request without PASID");
    }
    return pasid;
  }

  /** PASID or 0; only for code that has checked {@link #hasPasid()}. */
  int pasidBits() {
    return pasid;
  }

  /** The input address (IOVA, GVA or GPA as the translation sees it). */
  public long address() {
    return address;
  }

  /** The access type. */
  public Access access() {
    return access;
  }

  /** The PASID prefix's privilege bit (always false without PASID). */
  public boolean privileged() {
    return privileged;
  }

  /** "00:02.0 pasid 0x5 write 0x1000 (supervisor)". */
  @Override
  public String toString() {
    return sid
        + (hasPasid ? " pasid 0x" + Integer.toHexString(pasid) : "")
        + " "
        + access.label()
        + " 0x"
        + Long.toHexString(address)
        + (privileged ? " (supervisor)" : "");
  }
}
