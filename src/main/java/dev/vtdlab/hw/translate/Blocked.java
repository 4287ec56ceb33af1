package dev.vtdlab.hw.translate;

/**
 * The scenario format's {@code blocked} result: a request blocked without a fault record. Not
 * produced by {@link DmaTranslator} since it follows spec 5.10 (abort-DMA mode, RTADDR.TTM = 11b
 * with ECAP.ADMS, is the recorded fault RTA.4; docs/spec-deviations.md row 10); kept so that code
 * matching on every {@link Translation} shape stays valid.
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
