package dev.vtdlab.hw.regs;

import dev.vtdlab.hw.cap.Ecap;

/** RTADDR_REG.TTM, bits 11:10 (VT-d spec 11.4.5; digest 2.1). */
public enum TranslationTableMode {
  /** 00b: legacy root and context entries. */
  LEGACY(0),
  /** 01b: scalable-mode root and context entries, PASID tables; needs ECAP.SMTS. */
  SCALABLE(1),
  /** 10b: reserved; translation faults RTA.1. */
  RESERVED(2),
  /** 11b: abort-DMA mode (every request blocked); needs ECAP.ADMS. */
  ABORT_DMA(3);

  private final int value;

  TranslationTableMode(int value) {
    this.value = value;
  }

  /** The TTM field value. */
  public int value() {
    return value;
  }

  /** The mode with this TTM value (0..3). */
  public static TranslationTableMode of(int ttm) {
    return values()[ttm & 3];
  }

  /**
   * True when a unit with these capabilities supports the mode. Translation with an unsupported
   * mode faults RTA.1 (the translator decides; the register file latches TTM as written).
   */
  public boolean supportedBy(Ecap ecap) {
    return switch (this) {
      case LEGACY -> true;
      case SCALABLE -> ecap.scalableMode();
      case RESERVED -> false;
      case ABORT_DMA -> ecap.abortDma();
    };
  }
}
