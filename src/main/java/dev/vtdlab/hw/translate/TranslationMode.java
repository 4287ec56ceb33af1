package dev.vtdlab.hw.translate;

/**
 * How a request was translated: the legacy context entry's TT or the PASID entry's PGTT (digest
 * 3.2, 4.3).
 */
public enum TranslationMode {
  /** Legacy mode, TT = 00b/01b: second-stage table at the context entry's SSPTPTR. */
  LEGACY("legacy second stage"),
  /** Legacy mode, TT = 10b: pass-through (D9). */
  LEGACY_PASS_THROUGH("legacy pass-through"),
  /** Scalable mode, PGTT = 001b: first stage only. */
  FIRST_STAGE("first stage"),
  /** Scalable mode, PGTT = 010b: second stage only. */
  SECOND_STAGE("second stage"),
  /** Scalable mode, PGTT = 011b: nested, first stage over second stage (D13). */
  NESTED("nested"),
  /** Scalable mode, PGTT = 100b: pass-through (D9). */
  PASS_THROUGH("pass-through"),
  /**
   * GSTS.TES = 0: DMA is not remapped, output = input (digest 7.1); only a whole unit ({@code
   * dev.vtdlab.hw.RemappingUnit}) produces it, through {@link Translated#untranslated}.
   */
  UNTRANSLATED("translation disabled");

  private final String label;

  TranslationMode(String label) {
    this.label = label;
  }

  /** A short name, e.g. "nested". */
  public String label() {
    return label;
  }

  /** True in scalable mode (TTM = 01b). */
  public boolean scalable() {
    return this != LEGACY && this != LEGACY_PASS_THROUGH && this != UNTRANSLATED;
  }
}
