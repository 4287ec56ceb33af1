package dev.vtdlab.driver.device;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;

/**
 * Who issues a DMA: a source id, with or without a PASID prefix.
 *
 * @param sid the requester id
 * @param hasPasid true for requests with PASID
 * @param pasid the PASID (meaningful with {@code hasPasid})
 */
public record Requester(SourceId sid, boolean hasPasid, int pasid) {

  /** Requests without PASID. */
  public static Requester of(SourceId sid) {
    return new Requester(sid, false, 0);
  }

  /** Requests with {@code pasid} (user privilege, no execute). */
  public static Requester withPasid(SourceId sid, int pasid) {
    return new Requester(sid, true, pasid);
  }

  /** The untranslated request for {@code address}. */
  public DmaRequest request(long address, Access access) {
    return hasPasid
        ? DmaRequest.withPasid(sid, pasid, address, access, false)
        : DmaRequest.withoutPasid(sid, address, access);
  }

  @Override
  public String toString() {
    return sid + (hasPasid ? " PASID " + pasid : "");
  }
}
