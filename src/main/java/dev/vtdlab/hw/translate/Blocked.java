package dev.vtdlab.hw.translate;

/**
 * RTADDR.TTM = 11b on a unit with ECAP.ADMS: abort-DMA mode blocks every DMA request without a
 * fault record (digest 2.1).
 *
 * @param request the request
 */
public record Blocked(DmaRequest request) implements Translation {

  @Override
  public Reads reads() {
    return Reads.NONE;
  }

  @Override
  public String resultWord() {
    return "blocked";
  }
}
