package dev.vtdlab.bits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The defined fields of one 64-bit structure word, in bit order. The reserved mask is derived from
 * the fields (every bit no field covers), never typed as a literal. Fields must not overlap.
 */
public final class WordLayout {
  private final String name;
  private final List<BitField> fields;
  private final long definedMask;

  /**
   * @param name the structure word, for messages (for example "context entry qword 1")
   * @param fields the defined fields; order does not matter, they are kept sorted by low bit
   * @throws IllegalArgumentException if two fields overlap
   */
  public WordLayout(String name, BitField... fields) {
    this.name = name;
    List<BitField> sorted = new ArrayList<>(List.of(fields));
    sorted.sort((a, b) -> Integer.compare(a.lo(), b.lo()));
    long seen = 0;
    for (BitField f : sorted) {
      if ((seen & f.mask()) != 0) {
        throw new IllegalArgumentException("field " + f + " overlaps another field of " + name);
      }
      seen |= f.mask();
    }
    this.fields = Collections.unmodifiableList(sorted);
    this.definedMask = seen;
  }

  public String name() {
    return name;
  }

  /** Fields in ascending bit order. */
  public List<BitField> fields() {
    return fields;
  }

  /** Bits covered by a defined field. */
  public long definedMask() {
    return definedMask;
  }

  /** Bits that no field covers: reserved (must be zero). */
  public long reservedMask() {
    return ~definedMask;
  }

  /** The field with this name. */
  public BitField field(String fieldName) {
    for (BitField f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no field " + fieldName + " in " + name);
  }
}
