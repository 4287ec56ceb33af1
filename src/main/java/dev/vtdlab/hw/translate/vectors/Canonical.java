package dev.vtdlab.hw.translate.vectors;

/** The canonical text of compared values (expected and actual alike). */
final class Canonical {
  private Canonical() {}

  /** "0x1f": lower case, no leading zeros. */
  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** "[0x..., 0x...]": the two FRCD qwords, low first. */
  static String frcd(long lo, long hi) {
    return "[" + hex(lo) + ", " + hex(hi) + "]";
  }
}
