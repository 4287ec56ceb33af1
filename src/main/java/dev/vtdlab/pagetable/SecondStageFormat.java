package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Second-stage entries: the VT-d second-stage format (digest 6.2, D10, D23), 3 levels (39-bit), 4
 * (48-bit) or 5 (57-bit). SL-PML5E/SL-PML4E at levels 5/4, SL-PDPE at 3, SL-PDE at 2, SL-PTE at 1.
 * There is no present bit: an entry is present when R or W is set, or X when SLEE = 1.
 *
 * <p>Reserved (in a present entry, D10): bit 62 everywhere; bit 11 (SNP) in non-leaf entries and in
 * leaves without ECAP.SC; PS in an SL-PML5E/SL-PML4E, and PS = 1 at level 3 / 2 without CAP.SSLPS
 * bit 35 / 34; address bits 20:12 of a 2 MiB leaf and 29:12 of a 1 GiB leaf; address bits 51:HAW.
 * Ignored: 6:3 in non-leaf entries, bit 7 of an SL-PTE, 8/9 (A/D without SLADE), 10, 61:52, 63.
 */
public final class SecondStageFormat extends LayoutFormat {
  /** Read: reads allowed (and present). Bit 0. */
  public static final BitField R = BitField.bit("R", 0);

  /** Write: writes allowed (and present). Bit 1. */
  public static final BitField W = BitField.bit("W", 1);

  /** Execute: consulted only when SLEE = 1 (execute requests, D1). Bit 2. */
  public static final BitField X = BitField.bit("X", 2);

  /** Extended memory type of a leaf (with ECAP.MTS). Bits 5:3. */
  public static final BitField EMT = new BitField("EMT", 5, 3);

  /** Ignore PAT (leaf, with ECAP.MTS). Bit 6. */
  public static final BitField IPAT = BitField.bit("IPAT", 6);

  /** Page size: 1 = this SL-PDE/SL-PDPE maps a 2 MiB / 1 GiB page. Bit 7. */
  public static final BitField PS = BitField.bit("PS", 7);

  /** Accessed (used with SLADE = 1, ignored otherwise). Bit 8. */
  public static final BitField A = BitField.bit("A", 8);

  /** Dirty (leaves; used with SLADE = 1, ignored otherwise). Bit 9. */
  public static final BitField D = BitField.bit("D", 9);

  /** Snoop behaviour of the access (leaves; needs ECAP.SC, else reserved, D10). Bit 11. */
  public static final BitField SNP = BitField.bit("SNP", 11);

  /** Ignored in a non-leaf entry (EMT/IPAT positions). Bits 6:3. */
  static final BitField IGNORED_6_3 = new BitField(IGNORED, 6, 3);

  /** Ignored in an SL-PTE (PS position, D10). Bit 7. */
  static final BitField IGNORED_7 = BitField.bit(IGNORED, 7);

  /** Ignored in a non-leaf entry. Bits 10:9. */
  static final BitField IGNORED_10_9 = new BitField(IGNORED, 10, 9);

  /** Ignored. Bit 10. */
  static final BitField IGNORED_10 = BitField.bit(IGNORED, 10);

  /** Ignored. Bits 61:52. */
  static final BitField IGNORED_61_52 = new BitField(IGNORED, 61, 52);

  /** Ignored. Bit 63. (Bit 62 is reserved, D10.) */
  static final BitField IGNORED_63 = BitField.bit(IGNORED, 63);

  private final long presentMask;
  private final boolean executeEnable;

  /**
   * @param config a second-stage config
   */
  public SecondStageFormat(FormatConfig config) {
    super(
        checkStage(config),
        PS,
        byLevel(2, config.levels(), level -> tableLayout(config, level)),
        byLevel(1, 3, level -> leafLayout(config, level)));
    this.executeEnable = config.executeEnable();
    this.presentMask = R.mask() | W.mask() | (executeEnable ? X.mask() : 0);
  }

  private static FormatConfig checkStage(FormatConfig config) {
    if (config.stage() != Stage.SECOND_STAGE) {
      throw new IllegalArgumentException("not a second-stage config: " + config);
    }
    return config;
  }

  private static WordLayout tableLayout(FormatConfig config, int level) {
    List<BitField> f = new ArrayList<>(List.of(R, W, X, IGNORED_6_3, A, IGNORED_10_9));
    if (level <= 3) {
      f.add(PS);
    }
    f.add(addressField(config.haw(), 1));
    f.add(IGNORED_61_52);
    f.add(IGNORED_63);
    return new WordLayout(
        "second-stage " + name(level) + " (non-leaf)", f.toArray(new BitField[0]));
  }

  private static WordLayout leafLayout(FormatConfig config, int level) {
    List<BitField> f = new ArrayList<>(List.of(R, W, X, EMT, IPAT, A, D, IGNORED_10));
    f.add(level == 1 ? IGNORED_7 : PS);
    if (config.snoopControl()) {
      f.add(SNP);
    }
    f.add(addressField(config.haw(), level));
    f.add(IGNORED_61_52);
    f.add(IGNORED_63);
    return new WordLayout("second-stage " + name(level) + " (leaf)", f.toArray(new BitField[0]));
  }

  private static String name(int level) {
    return switch (level) {
      case 1 -> "SL-PTE";
      case 2 -> "SL-PDE";
      case 3 -> "SL-PDPE";
      case 4 -> "SL-PML4E";
      case 5 -> "SL-PML5E";
      default -> throw new IllegalArgumentException("no second-stage level " + level);
    };
  }

  @Override
  public boolean isValidInput(long iova) {
    return (iova >>> inputWidth()) == 0;
  }

  @Override
  public void checkInputRange(long start, long last) {
    if (Long.compareUnsigned(start, last) > 0) {
      throw new IllegalArgumentException(
          String.format("iova range 0x%x..0x%x ends before it starts", start, last));
    }
    if (!isValidInput(last)) {
      throw new IllegalArgumentException(
          String.format(
              "iova range 0x%x..0x%x goes beyond the %d-bit input width of a %s table",
              start, last, inputWidth(), config().label()));
    }
  }

  @Override
  public long inputAddress(long indexBits) {
    return indexBits;
  }

  @Override
  public boolean isPresent(long entry, int level) {
    return (entry & presentMask) != 0;
  }

  @Override
  public int rights(long entry, int level) {
    int rights = Rights.USER;
    if ((entry & R.mask()) != 0) {
      rights |= Rights.READ;
      if (!executeEnable || (entry & X.mask()) != 0) {
        rights |= Rights.EXECUTE;
      }
    }
    if ((entry & W.mask()) != 0) {
      rights |= Rights.WRITE;
    }
    return rights;
  }

  /** R | W and the table address (digest 10.3). */
  @Override
  public long encodeTable(long tableAddress) {
    checkOutput(tableAddress, PageSize.SIZE_4K, "table address");
    return R.mask() | W.mask() | tableAddress;
  }

  /**
   * R and W per {@code prot}, PS for a large page, SNP when {@link Prot#SNOOP} (needs ECAP.SC), X
   * when SLEE = 1 and not {@link Prot#NO_EXECUTE} (digest 10.3; Linux never uses SLEE, so with SLEE
   * = 0 this is exactly Linux's leaf).
   */
  @Override
  public long encodeLeaf(long outputAddress, PageSize size, int prot) {
    Prot.check(prot);
    if (!supportsLeaf(size)) {
      throw new IllegalArgumentException(
          size.label() + " pages are not supported by this " + config().label() + " table");
    }
    if ((prot & Prot.SNOOP) != 0 && !config().snoopControl()) {
      throw new IllegalArgumentException(
          "SNOOP needs ECAP.SC: without it SNP (bit 11) is a reserved bit (D10)");
    }
    checkOutput(outputAddress, size, "output address");
    long e = outputAddress;
    if ((prot & Prot.READ) != 0) {
      e |= R.mask();
    }
    if ((prot & Prot.WRITE) != 0) {
      e |= W.mask();
    }
    if (size != PageSize.SIZE_4K) {
      e |= PS.mask();
    }
    if ((prot & Prot.SNOOP) != 0) {
      e |= SNP.mask();
    }
    if (executeEnable && (prot & Prot.NO_EXECUTE) == 0) {
      e |= X.mask();
    }
    return e;
  }

  @Override
  public long childLeaf(long leafEntry, int level, long childOutputAddress) {
    long flags = leafEntry & ~leafAddressMask(level);
    if (level - 1 == 1) {
      flags &= ~PS.mask();
    }
    return flags | (childOutputAddress & leafAddressMask(level - 1));
  }

  @Override
  public long accessedMask(int level) {
    return A.mask();
  }

  @Override
  public long dirtyMask(int level) {
    return D.mask();
  }

  @Override
  public String entryName(int level) {
    return name(level);
  }

  @Override
  String meaning(BitField field, long entry, int level) {
    boolean set = field.isSet(entry);
    if (field == R) {
      return set ? "readable" : "";
    }
    if (field == W) {
      return set ? "writable" : "";
    }
    if (field == X) {
      return executeEnable ? (set ? "executable" : "not executable") : "ignored (SLEE = 0)";
    }
    if (field == EMT) {
      return "memory type (with ECAP.MTS)";
    }
    if (field == PS) {
      return set ? "large page" : "next table";
    }
    if (field == A) {
      return set ? "accessed (with SLADE)" : "";
    }
    if (field == D) {
      return set ? "dirty (with SLADE)" : "";
    }
    if (field == SNP) {
      return set ? "snoop" : "";
    }
    return "";
  }

  @Override
  String reservedReason(int bit, int level, boolean leaf) {
    if (bit == SNP.lo()) {
      return leaf
          ? "SNP needs ECAP.SC (D10)"
          : "bit 11 (SNP) is reserved in a non-leaf entry (D10)";
    }
    return "reserved in a " + name(level) + " (D10)";
  }
}
