package dev.vtdlab.bits;

import java.util.List;

/**
 * A structure decoded for people: its raw words, every named field with its value, and the problems
 * found (reserved bits set, invalid encodings), each named. Used by {@code decode}, the inspector
 * and {@code toString()} of entries.
 *
 * @param structure what was decoded, for example "first-stage PTE (level 1)"
 * @param words the raw 64-bit words, lowest address first
 * @param fields every named field, in bit order
 * @param summary derived facts (output address, page size, ...) as name/value pairs
 * @param errors problems, each a sentence naming the bits; empty when the structure is valid
 */
public record Decoded(
    String structure,
    List<Long> words,
    List<Field> fields,
    List<Field> summary,
    List<String> errors) {

  public Decoded {
    words = List.copyOf(words);
    fields = List.copyOf(fields);
    summary = List.copyOf(summary);
    errors = List.copyOf(errors);
  }

  /**
   * One decoded field.
   *
   * @param name spec mnemonic
   * @param bits bit range as "hi:lo" in the structure's continuous numbering
   * @param value the field value (shifted down)
   * @param meaning a short reading of the value, may be empty
   */
  public record Field(String name, String bits, long value, String meaning) {}

  /** Aligned, human-readable text: one line per field, then the summary and the errors. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(structure).append('\n');
    for (int i = 0; i < words.size(); i++) {
      sb.append(String.format("  raw[%d]  0x%016x%n", i, words.get(i)));
    }
    int width = 4;
    for (Field f : fields) {
      width = Math.max(width, f.name().length());
    }
    for (Field f : summary) {
      width = Math.max(width, f.name().length());
    }
    for (Field f : fields) {
      sb.append(
          String.format(
              "  %-" + width + "s  %-7s  0x%-14x %s%n",
              f.name(),
              f.bits(),
              f.value(),
              f.meaning()));
    }
    for (Field f : summary) {
      sb.append(String.format("  %-" + width + "s  %s%n", f.name(), f.meaning()));
    }
    for (String e : errors) {
      sb.append("  ERROR: ").append(e).append('\n');
    }
    return sb.toString();
  }
}
