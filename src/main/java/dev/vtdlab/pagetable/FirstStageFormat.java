package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * First-stage entries: x86-64 IA-32e paging as VT-d uses it (digest 5.2, D11, D23, D24), 4 levels
 * (48-bit) or 5 levels (57-bit). PML5E/PML4E at levels 5/4, PDPE at 3, PDE at 2, PTE at 1.
 *
 * <p>Reserved (in a present entry): PS in a PML5E/PML4E; PS = 1 in a PDPE without CAP.FS1GP; bits
 * 29:13 of a 1 GiB leaf and 20:13 of a 2 MiB leaf; address bits 51:HAW; XD when NXE = 0 and the D11
 * option {@code xd_reserved_without_nxe} is on. G, EA (without EAFE), 11:8 and 62:52 are ignored.
 */
public final class FirstStageFormat extends LayoutFormat {
  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Read/write: 0 = writes not allowed through this entry. Bit 1. */
  public static final BitField RW = BitField.bit("R/W", 1);

  /** User/supervisor: 0 = user-privilege requests not allowed. Bit 2. */
  public static final BitField US = BitField.bit("U/S", 2);

  /** Page-level write-through (memory type, with ECAP.MTS). Bit 3. */
  public static final BitField PWT = BitField.bit("PWT", 3);

  /** Page-level cache disable (memory type, with ECAP.MTS). Bit 4. */
  public static final BitField PCD = BitField.bit("PCD", 4);

  /** Accessed. Bit 5. */
  public static final BitField A = BitField.bit("A", 5);

  /** Dirty (leaves only; ignored in non-leaf entries). Bit 6. */
  public static final BitField D = BitField.bit("D", 6);

  /** Page size: 1 = this PDE/PDPE maps a 2 MiB / 1 GiB page. Bit 7 of a PDE/PDPE. */
  public static final BitField PS = BitField.bit("PS", 7);

  /** Page attribute table bit of a 4 KiB leaf (PTE). Bit 7. */
  public static final BitField PAT = BitField.bit("PAT", 7);

  /** Global: ignored by VT-d (leaves only). Bit 8. */
  public static final BitField G = BitField.bit("G", 8);

  /** Extended accessed: set with A when EAFE = 1, otherwise ignored. Bit 10. */
  public static final BitField EA = BitField.bit("EA", 10);

  /** Page attribute table bit of a 2 MiB / 1 GiB leaf. Bit 12. */
  public static final BitField PAT_LARGE = BitField.bit("PAT", 12);

  /** Execute disable: blocks execute with NXE = 1 (D11). Bit 63. */
  public static final BitField XD = BitField.bit("XD", 63);

  /** Ignored in a non-leaf entry. Bit 6. */
  static final BitField IGNORED_6 = BitField.bit(IGNORED, 6);

  /** Ignored in a non-leaf entry. Bits 9:8. */
  static final BitField IGNORED_9_8 = new BitField(IGNORED, 9, 8);

  /** Ignored in a leaf. Bit 9. */
  static final BitField IGNORED_9 = BitField.bit(IGNORED, 9);

  /** Ignored. Bit 11. */
  static final BitField IGNORED_11 = BitField.bit(IGNORED, 11);

  /** Ignored (no protection keys in VT-d, D24). Bits 62:52. */
  static final BitField IGNORED_62_52 = new BitField(IGNORED, 62, 52);

  private final long presentMask = P.mask();
  private final long xdMask;
  private final long accessedMask;

  /**
   * @param config a first-stage config
   */
  public FirstStageFormat(FormatConfig config) {
    super(
        checkStage(config),
        PS,
        byLevel(2, config.levels(), level -> tableLayout(config, level)),
        byLevel(1, 3, level -> leafLayout(config, level)));
    this.xdMask = config.nxe() ? XD.mask() : 0;
    this.accessedMask = A.mask() | (config.extendedAccessed() ? EA.mask() : 0);
  }

  private static FormatConfig checkStage(FormatConfig config) {
    if (config.stage() != Stage.FIRST_STAGE) {
      throw new IllegalArgumentException("not a first-stage config: " + config);
    }
    return config;
  }

  private static boolean xdDefined(FormatConfig config) {
    return config.nxe() || !config.xdReservedWithoutNxe();
  }

  private static WordLayout tableLayout(FormatConfig config, int level) {
    List<BitField> f =
        new ArrayList<>(List.of(P, RW, US, PWT, PCD, A, IGNORED_6, IGNORED_9_8, EA, IGNORED_11));
    if (level <= 3) {
      f.add(PS);
    }
    f.add(addressField(config.haw(), 1));
    f.add(IGNORED_62_52);
    if (xdDefined(config)) {
      f.add(XD);
    }
    return new WordLayout("first-stage " + name(level) + " (non-leaf)", f.toArray(new BitField[0]));
  }

  private static WordLayout leafLayout(FormatConfig config, int level) {
    List<BitField> f = new ArrayList<>(List.of(P, RW, US, PWT, PCD, A, D, G, IGNORED_9, EA));
    f.add(IGNORED_11);
    if (level == 1) {
      f.add(PAT);
    } else {
      f.add(PS);
      f.add(PAT_LARGE);
    }
    f.add(addressField(config.haw(), level));
    f.add(IGNORED_62_52);
    if (xdDefined(config)) {
      f.add(XD);
    }
    return new WordLayout("first-stage " + name(level) + " (leaf)", f.toArray(new BitField[0]));
  }

  private static String name(int level) {
    return switch (level) {
      case 1 -> "PTE";
      case 2 -> "PDE";
      case 3 -> "PDPE";
      case 4 -> "PML4E";
      case 5 -> "PML5E";
      default -> throw new IllegalArgumentException("no first-stage level " + level);
    };
  }

  @Override
  public boolean isValidInput(long iova) {
    int unused = 64 - inputWidth();
    return (iova << unused) >> unused == iova;
  }

  /** Both ends canonical and on the same side of the non-canonical hole. */
  @Override
  public boolean isValidInputRange(long start, long last) {
    return super.isValidInputRange(start, last) && ((start ^ last) >>> (inputWidth() - 1)) == 0;
  }

  @Override
  public void checkInputRange(long start, long last) {
    if (Long.compareUnsigned(start, last) > 0) {
      throw new IllegalArgumentException(
          String.format("iova range 0x%x..0x%x ends before it starts", start, last));
    }
    int width = inputWidth();
    for (long iova : new long[] {start, last}) {
      if (!isValidInput(iova)) {
        throw new IllegalArgumentException(
            String.format(
                "iova 0x%x is not canonical for a %d-bit first-stage table"
                    + " (bits 63:%d must all equal bit %d)",
                iova, width, width - 1, width - 1));
      }
    }
    if (!isValidInputRange(start, last)) {
      throw new IllegalArgumentException(
          String.format(
              "iova range 0x%x..0x%x crosses the non-canonical hole of a %d-bit first-stage table",
              start, last, width));
    }
  }

  @Override
  public long inputAddress(long indexBits) {
    int unused = 64 - inputWidth();
    return (indexBits << unused) >> unused;
  }

  @Override
  public boolean isPresent(long entry, int level) {
    return (entry & presentMask) != 0;
  }

  @Override
  public int rights(long entry, int level) {
    int rights = Rights.READ;
    if ((entry & RW.mask()) != 0) {
      rights |= Rights.WRITE;
    }
    if ((entry & US.mask()) != 0) {
      rights |= Rights.USER;
    }
    if ((entry & xdMask) == 0) {
      rights |= Rights.EXECUTE;
    }
    return rights;
  }

  /** P | R/W | U/S | A and the table address (digest 10.3). */
  @Override
  public long encodeTable(long tableAddress) {
    checkOutput(tableAddress, PageSize.SIZE_4K, "table address");
    return P.mask() | RW.mask() | US.mask() | A.mask() | tableAddress;
  }

  /**
   * P | U/S | A, R/W and D when writable, PS for a large page, XD when {@link Prot#NO_EXECUTE} and
   * NXE = 1 (digest 10.3, 5.4: A and D preset so the hardware never writes back).
   */
  @Override
  public long encodeLeaf(long outputAddress, PageSize size, int prot) {
    Prot.check(prot);
    if (!supportsLeaf(size)) {
      throw new IllegalArgumentException(
          size.label() + " pages are not supported by this " + config().label() + " table");
    }
    checkOutput(outputAddress, size, "output address");
    long e = P.mask() | US.mask() | A.mask() | outputAddress;
    if ((prot & Prot.WRITE) != 0) {
      e |= RW.mask() | D.mask();
    }
    if (size != PageSize.SIZE_4K) {
      e |= PS.mask();
    }
    if ((prot & Prot.NO_EXECUTE) != 0) {
      e |= xdMask;
    }
    return e;
  }

  @Override
  public long childLeaf(long leafEntry, int level, long childOutputAddress) {
    long flags = leafEntry & ~leafAddressMask(level);
    if (level - 1 == 1) {
      boolean pat = PAT_LARGE.isSet(flags);
      flags &= ~(PS.mask() | PAT_LARGE.mask());
      if (pat) {
        flags |= PAT.mask();
      }
    }
    return flags | (childOutputAddress & leafAddressMask(level - 1));
  }

  @Override
  public long accessedMask(int level) {
    return accessedMask;
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
    if (field == P) {
      return set ? "present" : "not present";
    }
    if (field == RW) {
      return set ? "writable" : "read-only";
    }
    if (field == US) {
      return set ? "user" : "supervisor only";
    }
    if (field == A) {
      return set ? "accessed" : "";
    }
    if (field == D) {
      return set ? "dirty" : "";
    }
    if (field == PS) {
      return set ? "large page" : "next table";
    }
    if (field == G) {
      return "ignored by VT-d";
    }
    if (field == EA) {
      return config().extendedAccessed() ? (set ? "extended accessed" : "") : "ignored (EAFE = 0)";
    }
    if (field == XD) {
      if (!config().nxe()) {
        return "ignored (NXE = 0, D11)";
      }
      return set ? "not executable" : "executable";
    }
    return "";
  }

  @Override
  String reservedReason(int bit, int level, boolean leaf) {
    if (bit == XD.lo()) {
      return "XD = 1 with NXE = 0 (option xd_reserved_without_nxe, D11)";
    }
    return "reserved in a " + name(level) + " (D24)";
  }
}
