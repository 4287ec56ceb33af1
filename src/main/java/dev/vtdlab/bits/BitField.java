package dev.vtdlab.bits;

/**
 * One named field of a structure word: bits {@code hi..lo} (inclusive) of a 64-bit value. The name
 * is the VT-d specification mnemonic (for example {@code P}, {@code SLPTPTR}, {@code DID}).
 *
 * @param name the spec mnemonic of the field
 * @param hi the highest bit of the field (0..63)
 * @param lo the lowest bit of the field (0..hi)
 */
public record BitField(String name, int hi, int lo) {

  public BitField {
    if (lo < 0 || hi > 63 || lo > hi) {
      throw new IllegalArgumentException(
          "bad bit range " + hi + ":" + lo + " for field " + name + " (need 63 >= hi >= lo >= 0)");
    }
  }

  /** A one-bit field. */
  public static BitField bit(String name, int bit) {
    return new BitField(name, bit, bit);
  }

  /** Number of bits in the field. */
  public int width() {
    return hi - lo + 1;
  }

  /** The field's bits in place (not shifted down). */
  public long mask() {
    return width() == 64 ? -1L : ((1L << width()) - 1) << lo;
  }

  /** The field value, shifted down to bit 0. */
  public long get(long word) {
    return (word & mask()) >>> lo;
  }

  /** True when any bit of the field is set. */
  public boolean isSet(long word) {
    return (word & mask()) != 0;
  }

  /**
   * The word with this field replaced by {@code value}.
   *
   * @throws IllegalArgumentException if the value does not fit in the field
   */
  public long set(long word, long value) {
    long max = width() == 64 ? -1L : (1L << width()) - 1;
    if (width() < 64 && (value & ~max) != 0) {
      throw new IllegalArgumentException(
          "value 0x" + Long.toHexString(value) + " does not fit field " + name + " " + range());
    }
    return (word & ~mask()) | (value << lo);
  }

  /** The word with a one-bit field set or cleared. */
  public long set(long word, boolean value) {
    return set(word, value ? 1 : 0);
  }

  /** "63:12" or "7" for a single bit. */
  public String range() {
    return hi == lo ? Integer.toString(lo) : hi + ":" + lo;
  }

  @Override
  public String toString() {
    return name + "[" + range() + "]";
  }
}
