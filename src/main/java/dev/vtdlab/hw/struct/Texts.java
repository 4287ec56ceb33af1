package dev.vtdlab.hw.struct;

/** Short readings shared by the decoders. */
final class Texts {
  private Texts() {}

  static final String NOT_PRESENT = "not present: hardware checks no other field";

  static final String NOT_PRESENT_FPD =
      "not present: hardware checks no other field (FPD still applies, D17)";

  static String present(boolean present) {
    return present ? "present" : "not present";
  }

  static String flag(boolean set, String whenSet) {
    return set ? whenSet : "";
  }

  static String hpa(long hpa) {
    return String.format("HPA 0x%x", hpa);
  }

  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** "0x2a (42)". */
  static String did(int did) {
    return "0x" + Integer.toHexString(did) + " (" + did + ")";
  }
}
