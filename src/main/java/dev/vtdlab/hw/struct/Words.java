package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Helpers shared by the entry records: memory access, address fields, masks and text. */
final class Words {
  private Words() {}

  /**
   * Reads {@code qwords} little-endian qwords at {@code hpa} as one memory access (an entry fetch
   * counts once, D2).
   *
   * @throws dev.vtdlab.mem.MemoryAccessException when the bytes cannot be read
   */
  static long[] read(PhysicalMemory memory, long hpa, int qwords) {
    byte[] bytes = new byte[qwords * Long.BYTES];
    memory.readBytes(hpa, bytes, 0, bytes.length);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long[] words = new long[qwords];
    for (int i = 0; i < qwords; i++) {
      words[i] = buf.getLong();
    }
    return words;
  }

  /** Writes the qwords little-endian, lowest address first, one 64-bit write each. */
  static void write(WritableMemory memory, long hpa, long... words) {
    for (int i = 0; i < words.length; i++) {
      memory.write64(hpa + (long) i * Long.BYTES, words[i]);
    }
  }

  /** The bits of field {@code f} at or above word bit {@code bit} (0 when {@code bit} >= 64). */
  static long bitsAtOrAbove(BitField f, int bit) {
    return bit >= Long.SIZE ? 0 : f.mask() & (-1L << bit);
  }

  /** The address held by a 4 KiB-aligned pointer field (field value shifted up to its place). */
  static long address(BitField pointer, long word) {
    return word & pointer.mask();
  }

  /**
   * The word with pointer field {@code pointer} holding {@code address}.
   *
   * @throws IllegalArgumentException when the address is not aligned or does not fit the field
   */
  static long withAddress(BitField pointer, long word, long address, String space) {
    if ((address & ~pointer.mask()) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s 0x%x does not fit %s %s (must be %d-byte aligned and below 2^%d)",
              space,
              address,
              pointer.name(),
              pointer.range(),
              1L << pointer.lo(),
              pointer.hi() + 1));
    }
    return (word & ~pointer.mask()) | address;
  }

  /**
   * The set bits of {@code mask} as ranges in the structure's continuous numbering, highest first,
   * for example "bits 87:80, 71" (word 1 of a 128-bit entry).
   */
  static String bitList(long mask, int word) {
    StringBuilder sb = new StringBuilder();
    int bit = Long.SIZE - 1;
    while (bit >= 0) {
      if ((mask & (1L << bit)) == 0) {
        bit--;
        continue;
      }
      int hi = bit;
      while (bit >= 0 && (mask & (1L << bit)) != 0) {
        bit--;
      }
      int lo = bit + 1;
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(range(hi + Long.SIZE * word, lo + Long.SIZE * word));
    }
    return (Long.bitCount(mask) > 1 ? "bits " : "bit ") + sb;
  }

  /** "hi:lo", or "lo" for one bit. */
  static String range(int hi, int lo) {
    return hi == lo ? Integer.toString(lo) : hi + ":" + lo;
  }

  /** "0x0000000123456001". */
  static String hex64(long value) {
    return String.format("0x%016x", value);
  }

  /**
   * "Type[P=0x1 CTP=0x123456 | raw 0x... 0x...]": every named field (value shifted down) and the
   * raw words, lowest first.
   */
  static String describe(String type, WordLayout[] layouts, long... words) {
    StringBuilder sb = new StringBuilder(type).append('[');
    String sep = "";
    for (int i = 0; i < layouts.length; i++) {
      for (BitField f : layouts[i].fields()) {
        sb.append(sep).append(f.name()).append("=0x").append(Long.toHexString(f.get(words[i])));
        sep = " ";
      }
    }
    sb.append(sep.isEmpty() ? "raw" : " | raw");
    for (long w : words) {
      sb.append(' ').append(hex64(w));
    }
    return sb.append(']').toString();
  }

  /** An invalid-programming outcome whose message names the structure, the fault and the detail. */
  static ProgrammingCheck invalid(InvalidProgramming reason, String structure, String detail) {
    return new ProgrammingCheck.Invalid(
        reason, "invalid " + structure + " (" + reason.fault().specName() + "): " + detail);
  }

  /** {@code value} as {@code digits} binary digits with a "b" suffix, for example "010b". */
  static String binary(long value, int digits) {
    StringBuilder sb = new StringBuilder(Long.toBinaryString(value));
    while (sb.length() < digits) {
      sb.insert(0, '0');
    }
    return sb.append('b').toString();
  }
}
