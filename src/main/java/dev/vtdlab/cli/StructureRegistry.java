package dev.vtdlab.cli;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.inval.InvDescriptors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structures {@code vtdlab decode} knows: one registration per structure (name, description,
 * number of 64-bit words, whether it needs --level, and the decoder). To add one, add a line to
 * {@link #STRUCTURES}.
 */
public final class StructureRegistry {

  /** Paging levels accepted by --level: 1 = leaf table (PTE) .. 5 = PML5. */
  public static final int MIN_LEVEL = 1;

  public static final int MAX_LEVEL = 5;

  /**
   * One decodable structure.
   *
   * @param name the command-line name, for example "sm-context"
   * @param description one line for the help
   * @param minWords fewest words accepted; missing words up to {@code maxWords} are zero
   * @param maxWords the structure's size in 64-bit words
   * @param needsLevel true when --level is required (paging entries)
   * @param decoder the decoder, given exactly {@code maxWords} words
   */
  public record Structure(
      String name,
      String description,
      int minWords,
      int maxWords,
      boolean needsLevel,
      StructureDecoder decoder) {}

  private static final Map<String, Structure> STRUCTURES = new LinkedHashMap<>();

  // One line per structure: name, description, fewest and most qwords, needs --level, decoder.
  static {
    add("root", "legacy root entry (lo hi)", 2, 2, false, EntryDecoders::root);
    add("sm-root", "scalable-mode root entry (lo hi)", 2, 2, false, EntryDecoders::smRoot);
    add("context", "legacy context entry (lo hi)", 2, 2, false, EntryDecoders::context);
    add("sm-context", "scalable-mode context entry", 1, 4, false, EntryDecoders::smContext);
    add("pasid-dir", "PASID-directory entry", 1, 1, false, EntryDecoders::pasidDir);
    add("pasid-entry", "PASID-table entry", 1, 8, false, EntryDecoders::pasidEntry);
    add(
        "fs-pte",
        "first-stage paging entry (x86-64 format)",
        1,
        1,
        true,
        PagingDecoders::firstStage);
    add(
        "ss-pte",
        "second-stage paging entry (VT-d format)",
        1,
        1,
        true,
        PagingDecoders::secondStage);
    add("cap", "CAP_REG value", 1, 1, false, EntryDecoders::cap);
    add("ecap", "ECAP_REG value", 1, 1, false, EntryDecoders::ecap);
    add("frcd", "fault recording register (lo hi)", 2, 2, false, RecordDecoders::faultRecord);
    add("inv", "invalidation descriptor, by its type field", 2, 4, false, RecordDecoders.of("inv"));
    add("inv-cc", "context-cache invalidate descriptor (type 1)", 2, 4, false, inv("inv-cc"));
    add("inv-iotlb", "IOTLB invalidate descriptor (type 2)", 2, 4, false, inv("inv-iotlb"));
    add("inv-devtlb", "device-TLB invalidate descriptor (type 3)", 2, 4, false, inv("inv-devtlb"));
    add("inv-iec", "interrupt-entry-cache invalidate (type 4)", 2, 4, false, inv("inv-iec"));
    add("inv-wait", "invalidation wait descriptor (type 5)", 2, 4, false, inv("inv-wait"));
    add("inv-piotlb", "PASID-based IOTLB invalidate (type 6)", 2, 4, false, inv("inv-piotlb"));
    add("inv-pc", "PASID-cache invalidate descriptor (type 7)", 2, 4, false, inv("inv-pc"));
    add(
        "inv-pdevtlb",
        "PASID-based device-TLB invalidate (type 8)",
        2,
        4,
        false,
        inv("inv-pdevtlb"));
    add("inv-pgr", "page group response descriptor (type 9)", 2, 4, false, inv("inv-pgr"));
    if (!names().containsAll(InvDescriptors.NAMES.keySet())) {
      throw new IllegalStateException("a descriptor of InvDescriptors.NAMES is not registered");
    }
  }

  private StructureRegistry() {}

  private static StructureDecoder inv(String name) {
    return RecordDecoders.of(name);
  }

  private static void add(
      String name,
      String description,
      int minWords,
      int maxWords,
      boolean needsLevel,
      StructureDecoder decoder) {
    STRUCTURES.put(name, new Structure(name, description, minWords, maxWords, needsLevel, decoder));
  }

  /** The registered structures in registration order. */
  public static List<Structure> structures() {
    return List.copyOf(STRUCTURES.values());
  }

  /** The registered names, in registration order. */
  public static List<String> names() {
    return List.copyOf(STRUCTURES.keySet());
  }

  /**
   * The structure with this name.
   *
   * @throws IllegalArgumentException naming the known structures when there is none
   */
  public static Structure get(String name) {
    Structure s = STRUCTURES.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown structure '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return s;
  }

  /**
   * Decodes {@code words} as structure {@code name}: checks the number of words and --level, pads
   * missing words with zero, and runs the decoder.
   *
   * @throws IllegalArgumentException for an unknown structure, a wrong number of words, a missing,
   *     unused or out-of-range level
   */
  public static Decoded decode(String name, List<Long> words, DecodeOptions options) {
    return decode(get(name), words, options);
  }

  /** As {@link #decode(String, List, DecodeOptions)} for a given structure. */
  public static Decoded decode(Structure s, List<Long> words, DecodeOptions options) {
    String name = s.name();
    int n = words.size();
    if (n < s.minWords() || n > s.maxWords()) {
      String expected =
          s.minWords() == s.maxWords()
              ? s.maxWords() + (s.maxWords() == 1 ? " value" : " qwords (lowest first)")
              : s.minWords() + " to " + s.maxWords() + " qwords (lowest first)";
      throw new IllegalArgumentException(
          "structure '" + name + "' takes " + expected + ", got " + n);
    }
    if (s.needsLevel() && options.level().isEmpty()) {
      throw new IllegalArgumentException(
          "structure '"
              + name
              + "' needs --level N ("
              + MIN_LEVEL
              + " = leaf table .. "
              + MAX_LEVEL
              + ")");
    }
    if (!s.needsLevel() && options.level().isPresent()) {
      throw new IllegalArgumentException("structure '" + name + "' takes no --level");
    }
    if (s.needsLevel()) {
      int level = options.level().getAsInt();
      if (level < MIN_LEVEL || level > MAX_LEVEL) {
        throw new IllegalArgumentException(
            "--level " + level + " out of range (" + MIN_LEVEL + ".." + MAX_LEVEL + ")");
      }
    }
    List<Long> padded = new ArrayList<>(words);
    padded.addAll(Collections.nCopies(s.maxWords() - n, 0L));
    return s.decoder().decode(List.copyOf(padded), options);
  }

  /** The names, for picocli's completion candidates and the help text. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
