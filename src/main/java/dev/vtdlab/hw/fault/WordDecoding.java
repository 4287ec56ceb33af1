package dev.vtdlab.hw.fault;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.List;

/** Helpers to decode multi-word structures with the spec's continuous bit numbering. */
final class WordDecoding {
  private WordDecoding() {}

  /** The field's range in continuous numbering: word {@code index} starts at bit 64 * index. */
  static String range(BitField f, int index) {
    int base = 64 * index;
    return f.hi() == f.lo()
        ? Integer.toString(base + f.lo())
        : (base + f.hi()) + ":" + (base + f.lo());
  }

  /** Adds every field of {@code layout} read from {@code word}, with a meaning from {@code m}. */
  static void addFields(
      List<Decoded.Field> out,
      WordLayout layout,
      long word,
      int index,
      java.util.function.Function<BitField, String> meaning) {
    for (BitField f : layout.fields()) {
      out.add(new Decoded.Field(f.name(), range(f, index), f.get(word), meaning.apply(f)));
    }
  }

  /** Adds an error naming the reserved bits of word {@code index} when any is set. */
  static void checkReserved(List<String> errors, WordLayout layout, long word, int index) {
    long set = word & layout.reservedMask();
    if (set != 0) {
      errors.add(
          String.format("reserved bits set in %s (qword %d): 0x%016x", layout.name(), index, set));
    }
  }
}
