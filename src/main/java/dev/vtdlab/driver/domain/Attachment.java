package dev.vtdlab.driver.domain;

import dev.vtdlab.addr.SourceId;

/**
 * A (device, PASID) pair a domain is attached to: its cache tag (the DID is the domain's). PASID 0
 * stands for requests without PASID (legacy mode, or RID_PASID = 0 in scalable mode).
 *
 * @param sid the device
 * @param pasid the PASID, 0 for requests without PASID
 */
public record Attachment(SourceId sid, int pasid) implements Comparable<Attachment> {

  @Override
  public int compareTo(Attachment o) {
    int c = sid.compareTo(o.sid);
    return c != 0 ? c : Integer.compare(pasid, o.pasid);
  }

  @Override
  public String toString() {
    return sid + (pasid == 0 ? "" : " PASID " + pasid);
  }
}
