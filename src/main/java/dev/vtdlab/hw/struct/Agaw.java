package dev.vtdlab.hw.struct;

import dev.vtdlab.hw.cap.Cap;

/**
 * The AW (adjusted guest address width) encoding of legacy context entries and PASID entries
 * (digest 3.2, 4.3, 6.1): AW = n selects a (2 + n)-level second-stage table translating 30 + 9n
 * bits. The unit supports AW = n when CAP.SAGAW bit n is set; 000b (2-level) and 1xxb (6-level and
 * reserved values) are never usable (decision D19).
 */
public final class Agaw {
  /** The smallest usable AW: 001b, 39-bit, 3-level. */
  public static final int MIN_USABLE = 1;

  /** The largest usable AW: 011b, 57-bit, 5-level. */
  public static final int MAX_USABLE = 3;

  private static final int LEVELS_AT_AW_ZERO = 2;
  private static final int WIDTH_AT_AW_ZERO = 30;
  private static final int BITS_PER_LEVEL = 9;

  private Agaw() {}

  /** Number of second-stage levels for AW value {@code aw}: 2 + aw. */
  public static int levels(int aw) {
    return LEVELS_AT_AW_ZERO + aw;
  }

  /** Input width in bits for AW value {@code aw}: 30 + 9 * aw. */
  public static int widthBits(int aw) {
    return WIDTH_AT_AW_ZERO + BITS_PER_LEVEL * aw;
  }

  /** True when AW value {@code aw} is 001b-011b and set in CAP.SAGAW. */
  public static boolean usable(Cap cap, int aw) {
    return aw >= MIN_USABLE && aw <= MAX_USABLE && cap.supportsAgaw(aw);
  }

  /** True when {@code aw} is usable and no larger AW value is (decision D9, pass-through). */
  public static boolean largestUsable(Cap cap, int aw) {
    if (!usable(cap, aw)) {
      return false;
    }
    for (int larger = aw + 1; larger <= MAX_USABLE; larger++) {
      if (usable(cap, larger)) {
        return false;
      }
    }
    return true;
  }

  /** "010b: 48-bit, 4-level" or "100b: reserved". */
  public static String describe(int aw) {
    String bits = Words.binary(aw, 3);
    if (aw < MIN_USABLE - 1 || aw > MAX_USABLE + 1) {
      return bits + ": reserved";
    }
    String text = bits + ": " + widthBits(aw) + "-bit, " + levels(aw) + "-level";
    return aw < MIN_USABLE || aw > MAX_USABLE ? text + " (never supported, D19)" : text;
  }

  /** The CAP.SAGAW values as "39-bit, 48-bit". */
  public static String describeSagaw(Cap cap) {
    StringBuilder sb = new StringBuilder();
    for (int aw = MIN_USABLE; aw <= MAX_USABLE; aw++) {
      if (cap.supportsAgaw(aw)) {
        sb.append(sb.length() == 0 ? "" : ", ").append(widthBits(aw)).append("-bit");
      }
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
