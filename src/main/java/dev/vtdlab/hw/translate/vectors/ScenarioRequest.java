package dev.vtdlab.hw.translate.vectors;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import java.util.List;

/**
 * One request of a scenario with its expected result.
 *
 * @param id the request id ("r0", ...)
 * @param request the DMA request
 * @param note what it checks, in words
 * @param tags its tags
 * @param expect the expected result
 */
public record ScenarioRequest(
    String id, DmaRequest request, String note, List<String> tags, Expectation expect) {
  public ScenarioRequest {
    tags = List.copyOf(tags);
  }

  /** Builds the request (D3: exec and privileged need a PASID). */
  static DmaRequest request(
      int sid, boolean hasPasid, int pasid, long address, Access access, boolean privileged) {
    SourceId s = new SourceId(sid);
    if (hasPasid) {
      return DmaRequest.withPasid(s, pasid, address, access, privileged);
    }
    if (privileged) {
      throw new IllegalArgumentException("a request without PASID cannot be privileged (D3)");
    }
    return DmaRequest.withoutPasid(s, address, access);
  }
}
