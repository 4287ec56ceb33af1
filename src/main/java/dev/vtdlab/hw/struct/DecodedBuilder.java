package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Assembles a {@link Decoded} for an entry: fields word by word, summary lines and errors. */
final class DecodedBuilder {
  private final String structure;
  private final long[] words;
  private final List<Decoded.Field> fields = new ArrayList<>();
  private final List<Decoded.Field> summary = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  DecodedBuilder(String structure, long... words) {
    this.structure = structure;
    this.words = words.clone();
  }

  /** Adds every field of word {@code word}, numbered continuously (bit 64 = word 1 bit 0). */
  DecodedBuilder fields(int word, WordLayout layout, Function<BitField, String> meaning) {
    for (BitField f : layout.fields()) {
      fields.add(
          new Decoded.Field(
              f.name(),
              Words.range(f.hi() + Long.SIZE * word, f.lo() + Long.SIZE * word),
              f.get(words[word]),
              meaning.apply(f)));
    }
    return this;
  }

  DecodedBuilder summary(String name, String text) {
    summary.add(new Decoded.Field(name, "", 0, text));
    return this;
  }

  DecodedBuilder error(String text) {
    errors.add(text);
    return this;
  }

  /** Adds the reserved-bit message as an error when a reserved bit is set. */
  DecodedBuilder check(ReservedBits reserved) {
    if (reserved.any()) {
      errors.add(reserved.message());
    }
    return this;
  }

  /** Adds the invalid-programming message as an error when the entry is invalid. */
  DecodedBuilder check(ProgrammingCheck check) {
    if (check instanceof ProgrammingCheck.Invalid invalid) {
      errors.add(invalid.message());
    }
    return this;
  }

  Decoded build() {
    List<Long> raw = new ArrayList<>(words.length);
    for (long w : words) {
      raw.add(w);
    }
    return new Decoded(structure, raw, fields, summary, errors);
  }
}
