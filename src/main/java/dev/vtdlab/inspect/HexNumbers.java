package dev.vtdlab.inspect;

/**
 * Parses the numbers users give the inspector. Register values, addresses and IOVAs are hex, with
 * or without {@code 0x} (as Linux debugfs, sysfs and QEMU print them), with optional {@code _}
 * separators; at most 64 bits.
 */
public final class HexNumbers {
  private HexNumbers() {}

  /**
   * @param what what the value is, for the error message ("--iova", "RTADDR")
   * @param text the text to parse
   * @throws IllegalArgumentException naming {@code what} and the text when it is not hex
   */
  public static long parse(String what, String text) {
    String t = text.strip().replace("_", "");
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.isEmpty() || t.length() > 16) {
      throw new IllegalArgumentException(
          what + " value '" + text + "' is not a hex number of at most 64 bits");
    }
    try {
      return Long.parseUnsignedLong(t, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " value '" + text + "' is not a hex number of at most 64 bits", e);
    }
  }

  /** "0x" followed by at least one hex digit. */
  public static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** "0x" followed by 16 hex digits. */
  public static String hex64(long value) {
    return String.format("0x%016x", value);
  }
}
