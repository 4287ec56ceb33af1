package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The machinery both formats share: one {@link WordLayout} per level for non-leaf entries and one
 * per level for leaves, built by the format from its named fields; reserved masks, address masks,
 * {@link #isLeaf} and {@link #describe} derived from them. The subclasses say what the fields are
 * and what they mean; this class never asks which stage it is.
 */
abstract class LayoutFormat implements PageTableFormat {
  /** Name of the address field in every layout. */
  static final String ADDRESS = "ADDR";

  /** Name of ignored fields in every layout (software may use them). */
  static final String IGNORED = "IGN";

  private static final int MAX_LEVEL = 5;

  private final FormatConfig config;
  private final String[] entryNames;
  private final BitField ps;
  private final long psMask;
  private final long presentMask;
  private final WordLayout[] tableLayouts = new WordLayout[MAX_LEVEL + 1];
  private final WordLayout[] leafLayouts = new WordLayout[MAX_LEVEL + 1];
  private final boolean[] leafAllowed = new boolean[MAX_LEVEL + 1];
  private final long[] tableReserved = new long[MAX_LEVEL + 1];
  private final long[] leafReserved = new long[MAX_LEVEL + 1];
  private final long[] leafAddressMask = new long[MAX_LEVEL + 1];
  private final long tableAddressMask;

  /**
   * @param config the config (checked to be of the format's stage with {@link #requireStage})
   * @param entryNames the entry name per level (index = level, 1..5)
   * @param ps the page-size field (bit 7 in both formats)
   * @param presentMask the bits of which any one set makes an entry present
   * @param tables non-leaf layout per level (index = level; used for 2..levels)
   * @param leaves leaf layout per level (index = level; levels 1..3, used where leaves are allowed)
   */
  LayoutFormat(
      FormatConfig config,
      String[] entryNames,
      BitField ps,
      long presentMask,
      WordLayout[] tables,
      WordLayout[] leaves) {
    this.config = config;
    this.entryNames = entryNames;
    this.ps = ps;
    this.psMask = ps.mask();
    this.presentMask = presentMask;
    for (int level = 1; level <= config.levels(); level++) {
      if (level >= 2) {
        tableLayouts[level] = tables[level];
        tableReserved[level] = tables[level].reservedMask();
      }
      leafAllowed[level] = config.leafAllowedAt(level);
      if (level <= 3) {
        leafLayouts[level] = leaves[level];
        leafReserved[level] = leaves[level].reservedMask();
        leafAddressMask[level] = leaves[level].field(ADDRESS).mask();
      }
    }
    this.tableAddressMask = addressField(config.haw(), 1).mask();
  }

  /** Returns {@code config} when it is of {@code stage}; throws otherwise. */
  static FormatConfig requireStage(FormatConfig config, Stage stage) {
    if (config.stage() != stage) {
      throw new IllegalArgumentException("not a " + stage.label() + " config: " + config);
    }
    return config;
  }

  /** The name of {@code stage}'s entry at {@code level}, from {@code names} (index = level). */
  static String levelName(String[] names, Stage stage, int level) {
    if (level < 1 || level >= names.length) {
      throw new IllegalArgumentException("no " + stage.label() + " level " + level);
    }
    return names[level];
  }

  /** A layout named e.g. "first-stage PDE (leaf)" with {@code fields} in bit order. */
  static WordLayout layout(
      Stage stage, String[] names, int level, boolean leaf, List<BitField> fields) {
    return new WordLayout(
        stage.label() + " " + levelName(names, stage, level) + (leaf ? " (leaf)" : " (non-leaf)"),
        fields.toArray(new BitField[0]));
  }

  /** The address field of an entry whose address starts at {@code level}'s page size (D23). */
  static BitField addressField(int haw, int level) {
    return new BitField(ADDRESS, haw - 1, PageTableFormat.levelShift(level));
  }

  /** Layouts indexed by level, filled for {@code from..to}. */
  static WordLayout[] byLevel(int from, int to, java.util.function.IntFunction<WordLayout> make) {
    WordLayout[] out = new WordLayout[MAX_LEVEL + 1];
    for (int level = from; level <= to; level++) {
      out[level] = make.apply(level);
    }
    return out;
  }

  @Override
  public final FormatConfig config() {
    return config;
  }

  @Override
  public final String entryName(int level) {
    return levelName(entryNames, config.stage(), level);
  }

  @Override
  public final boolean isPresent(long entry, int level) {
    return (entry & presentMask) != 0;
  }

  /** Checks the order of the range, then the stage's own bounds ({@link #checkInputBounds}). */
  @Override
  public final void checkInputRange(long start, long last) {
    if (Long.compareUnsigned(start, last) > 0) {
      throw new IllegalArgumentException(
          String.format("iova range 0x%x..0x%x ends before it starts", start, last));
    }
    checkInputBounds(start, last);
  }

  /** Checks that an ordered range {@code start..last} lies within the stage's input addresses. */
  abstract void checkInputBounds(long start, long last);

  /**
   * Checks {@code prot}, the page size and the output address, then encodes {@link #leafBits}, the
   * address and PS for a large page.
   */
  @Override
  public final long encodeLeaf(long outputAddress, PageSize size, int prot) {
    Prot.check(prot);
    if (!supportsLeaf(size)) {
      throw new IllegalArgumentException(
          size.label() + " pages are not supported by this " + config.label() + " table");
    }
    checkLeafProt(prot);
    checkOutput(outputAddress, size, "output address");
    long e = outputAddress | leafBits(prot);
    if (size != PageSize.SIZE_4K) {
      e |= psMask;
    }
    return e;
  }

  /** Rejects a {@code prot} the config cannot encode; by default every valid one is accepted. */
  void checkLeafProt(int prot) {}

  /** The flag bits of a leaf with {@code prot} (everything but the address and PS). */
  abstract long leafBits(int prot);

  /** Copies the flags of a large leaf to a child one level down, with PS cleared at level 1. */
  @Override
  public final long childLeaf(long leafEntry, int level, long childOutputAddress) {
    long flags = leafEntry & ~leafAddressMask[level];
    if (level - 1 == 1) {
      flags = smallLeafFlags(flags & ~psMask);
    }
    return flags | (childOutputAddress & leafAddressMask[level - 1]);
  }

  /** The flags of a large leaf (PS already cleared) as a 4 KiB leaf's; by default the same bits. */
  long smallLeafFlags(long largeLeafFlags) {
    return largeLeafFlags;
  }

  @Override
  public final boolean isLeaf(long entry, int level) {
    return level == 1 || ((entry & psMask) != 0 && leafAllowed[level]);
  }

  @Override
  public final long address(long entry, int level) {
    return isLeaf(entry, level) ? entry & leafAddressMask[level] : entry & tableAddressMask;
  }

  @Override
  public final long reservedBits(long entry, int level) {
    if (level == 1) {
      return entry & leafReserved[1];
    }
    if ((entry & psMask) != 0) {
      return leafAllowed[level]
          ? entry & leafReserved[level]
          : entry & (tableReserved[level] | psMask);
    }
    return entry & tableReserved[level];
  }

  @Override
  public final long attributes(long leafEntry, int level) {
    return leafEntry & ~leafAddressMask[level];
  }

  /** Checks the table address (4 KiB aligned, below 2^HAW) and adds {@link #tableBits}. */
  @Override
  public final long encodeTable(long tableAddress) {
    checkOutput(tableAddress, PageSize.SIZE_4K, "table address");
    return tableBits() | tableAddress;
  }

  /** The flag bits of a non-leaf entry (everything but the address). */
  abstract long tableBits();

  /** The layout that applies to {@code entry} at {@code level}: leaf or non-leaf. */
  public final WordLayout layout(long entry, int level) {
    checkLevel(level);
    return isLeaf(entry, level) ? leafLayouts[level] : tableLayouts[level];
  }

  final void checkLevel(int level) {
    if (level < 1 || level > config.levels()) {
      throw new IllegalArgumentException(
          "level "
              + level
              + " does not exist in a "
              + config.label()
              + " table (1.."
              + config.levels()
              + ")");
    }
  }

  /** Checks a table or page address for encoding: aligned and below 2^HAW. */
  final void checkOutput(long address, PageSize size, String what) {
    if ((address & size.offsetMask()) != 0) {
      throw new IllegalArgumentException(
          String.format("%s 0x%x is not %s aligned", what, address, size.label()));
    }
    if ((address >>> config.haw()) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s 0x%x is beyond the host address width (HAW %d bits)",
              what, address, config.haw()));
    }
  }

  /** A short reading of a field's value, e.g. "writable"; empty when there is nothing to say. */
  abstract String meaning(BitField field, long entry, int level);

  /**
   * Why a reserved bit that is neither an address bit at or above HAW, a misplaced PS nor a low
   * address bit of a large leaf is reserved; e.g. "SNP needs ECAP.SC (D10)".
   */
  abstract String reservedReason(int bit, int level, boolean leaf);

  @Override
  public final Decoded describe(long entry, int level) {
    WordLayout layout = layout(entry, level);
    boolean leaf = isLeaf(entry, level);
    List<Decoded.Field> fields = new ArrayList<>();
    for (BitField f : layout.fields()) {
      String meaning;
      if (f.name().equals(ADDRESS)) {
        meaning = String.format("0x%x", entry & f.mask());
      } else if (f.name().equals(IGNORED)) {
        meaning = "ignored";
      } else if (f == ps) {
        meaning = f.isSet(entry) ? "large page" : "next table";
      } else {
        meaning = meaning(f, entry, level);
      }
      fields.add(new Decoded.Field(f.name(), f.range(), f.get(entry), meaning));
    }
    List<Decoded.Field> summary = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    boolean present = isPresent(entry, level);
    summary.add(new Decoded.Field("present", "", present ? 1 : 0, present ? "yes" : "no"));
    if (present) {
      long reserved = reservedBits(entry, level);
      if (leaf) {
        PageSize size = PageSize.ofLevel(level);
        summary.add(
            new Decoded.Field(
                "page", "", address(entry, level), String.format("0x%x", address(entry, level))));
        summary.add(new Decoded.Field("page size", "", size.bytes(), size.label()));
      } else {
        summary.add(
            new Decoded.Field(
                "next table",
                "",
                address(entry, level),
                String.format("0x%x", address(entry, level))));
      }
      int rights = rights(entry, level);
      summary.add(new Decoded.Field("rights", "", rights, Rights.toString(rights)));
      describeReserved(reserved, level, leaf, errors);
    }
    return new Decoded(
        config.stage().label() + " " + entryName(level) + " (level " + level + ")",
        List.of(entry),
        fields,
        summary,
        errors);
  }

  private void describeReserved(long reserved, int level, boolean leaf, List<String> errors) {
    int bit = 0;
    while (bit < 64) {
      if ((reserved & (1L << bit)) == 0) {
        bit++;
        continue;
      }
      String reason = reason(bit, level, leaf);
      int hi = bit;
      while (hi + 1 < 64
          && (reserved & (1L << (hi + 1))) != 0
          && reason(hi + 1, level, leaf).equals(reason)) {
        hi++;
      }
      String range = hi == bit ? "bit " + bit + " is" : "bits " + hi + ":" + bit + " are";
      errors.add("reserved " + range + " set: " + reason);
      bit = hi + 1;
    }
  }

  private String reason(int bit, int level, boolean leaf) {
    if (bit >= config.haw() && bit <= 51) {
      return "address bit at or above HAW " + config.haw() + " (D23)";
    }
    long b = 1L << bit;
    if (b == psMask && !leaf) {
      return level <= 3
          ? "PS = 1 but " + PageSize.ofLevel(level).label() + " pages are not supported here"
          : "PS must be 0 in a " + entryName(level);
    }
    if (leaf && bit >= 12 && bit < PageTableFormat.levelShift(level)) {
      return "low address bit of a " + PageSize.ofLevel(level).label() + " page must be 0";
    }
    return reservedReason(bit, level, leaf);
  }
}
