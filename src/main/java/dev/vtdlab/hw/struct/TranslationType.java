package dev.vtdlab.hw.struct;

/**
 * The TT field of a legacy context entry (bits 3:2; VT-d spec 9.3, digest 3.2). Every encoding has
 * a constant; whether the unit can use it is {@link ContextEntry#invalidProgramming}'s question
 * (D19).
 */
public enum TranslationType {
  /**
   * 00b: untranslated requests are translated through the second-stage table at SSPTPTR;
   * translation requests and translated requests (ATS) are blocked.
   */
  UNTRANSLATED(0b00, "untranslated requests through the second stage; ATS blocked"),
  /** 01b: as 00b, and ATS translation and translated requests are allowed (needs ECAP.DT). */
  DEVICE_TLB(0b01, "untranslated requests through the second stage; ATS allowed (device-TLB)"),
  /** 10b: untranslated requests pass through (output = input); ATS blocked (needs ECAP.PT). */
  PASS_THROUGH(0b10, "pass-through for untranslated requests; ATS blocked"),
  /** 11b: reserved. */
  RESERVED(0b11, "reserved encoding");

  private static final TranslationType[] VALUES = values();

  private final int encoding;
  private final String meaning;

  TranslationType(int encoding, String meaning) {
    this.encoding = encoding;
    this.meaning = meaning;
  }

  /** The two-bit TT value. */
  public int encoding() {
    return encoding;
  }

  /** A short reading. */
  public String meaning() {
    return meaning;
  }

  /** True for 00b and 01b: the second-stage table at SSPTPTR translates untranslated requests. */
  public boolean usesSecondStage() {
    return this == UNTRANSLATED || this == DEVICE_TLB;
  }

  /** The type with this two-bit encoding. */
  public static TranslationType of(long encoding) {
    for (TranslationType t : VALUES) {
      if (t.encoding == encoding) {
        return t;
      }
    }
    throw new IllegalArgumentException("TT encoding " + encoding + " is not two bits");
  }
}
