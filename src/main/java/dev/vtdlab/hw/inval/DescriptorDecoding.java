package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Decoded} view of a descriptor with the spec's continuous bit numbering. */
final class DescriptorDecoding {
  private DescriptorDecoding() {}

  static String range(BitField f, int index) {
    int base = 64 * index;
    return f.hi() == f.lo()
        ? Integer.toString(base + f.lo())
        : (base + f.hi()) + ":" + (base + f.lo());
  }

  /**
   * The decoded descriptor: fields of qwords 0 and 1, the layout's reserved bits, reserved
   * encodings, and for a 256-bit descriptor the (reserved) qwords 2 and 3.
   */
  static Decoded decode(InvDescriptor d, long[] upper) {
    List<Decoded.Field> fields = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    add(fields, errors, d, d.qw0Layout(), d.qw0(), 0);
    add(fields, errors, d, d.qw1Layout(), d.qw1(), 1);
    List<Long> words = new ArrayList<>(List.of(d.qw0(), d.qw1()));
    for (int i = 0; i < upper.length; i++) {
      words.add(upper[i]);
      if (upper[i] != 0) {
        errors.add(String.format("reserved qword %d is not zero: 0x%016x", i + 2, upper[i]));
      }
    }
    String encoding = d.invalidEncoding();
    if (!encoding.isEmpty()) {
      errors.add(encoding);
    }
    List<Decoded.Field> summary = new ArrayList<>();
    String s = d.summary();
    if (!s.isEmpty()) {
      summary.add(new Decoded.Field("meaning", "", 0, s));
    }
    String what =
        d.name() + " (type " + d.type() + ", " + (upper.length == 0 ? 128 : 256) + "-bit)";
    return new Decoded(what, words, fields, summary, errors);
  }

  private static void add(
      List<Decoded.Field> fields,
      List<String> errors,
      InvDescriptor d,
      WordLayout layout,
      long word,
      int index) {
    for (BitField f : layout.fields()) {
      fields.add(new Decoded.Field(f.name(), range(f, index), f.get(word), d.fieldMeaning(f)));
    }
    long reserved = word & layout.reservedMask();
    if (reserved != 0) {
      errors.add(String.format("reserved bits set in qword %d: 0x%016x", index, reserved));
    }
  }
}
