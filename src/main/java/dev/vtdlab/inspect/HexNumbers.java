package dev.vtdlab.inspect;

/**
 * Parses the numbers users give the inspector, at most 64 bits, {@code _} separators allowed. On
 * the command line, as in {@code decode}: {@code 0x} hex or decimal ({@link #parseNumber}). In
 * register files: hex with or without {@code 0x}, as Linux debugfs, sysfs and QEMU print them
 * ({@link #parse}).
 */
public final class HexNumbers {
  private HexNumbers() {}

  /**
   * A command-line number: {@code 0x} hex or unsigned decimal.
   *
   * @param what the option, for the error message ("--iova")
   * @param text the text to parse
   * @throws IllegalArgumentException naming {@code what} and the text
   */
  public static long parseNumber(String what, String text) {
    String t = text.strip().replace("_", "");
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return parse(what, t);
    }
    try {
      return Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what
              + " value '"
              + text
              + "' is not a 64-bit number (hex needs 0x, as in 0x"
              + t
              + "; otherwise decimal)",
          e);
    }
  }

  /**
   * A hex number, {@code 0x} optional.
   *
   * @param what what the value is, for the error message ("RTADDR")
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
