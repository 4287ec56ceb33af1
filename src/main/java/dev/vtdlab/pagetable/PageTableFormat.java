package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.bits.Decoded;

/**
 * The format contract: everything the shared walker and engine need to know about one stage's
 * 64-bit paging entries. Two implementations, {@link FirstStageFormat} (x86-64 IA-32e paging,
 * digest 5) and {@link SecondStageFormat} (VT-d second stage, digest 6); stage differences are
 * methods here, never branches in shared code.
 *
 * <p>Levels: 1 = leaf table (PTE), 2 = PD, 3 = PDPT, 4 = PML4, 5 = PML5; the top table is at level
 * {@link #levels()}. Every method with an {@code entry} parameter takes the raw 64-bit entry as
 * read from memory; every address is the full byte address (not a frame number). Methods are pure
 * functions of the config and their arguments, and allocation-free except {@link #describe}.
 *
 * <p>Address spaces: a first-stage table maps IOVA/GVA to GPA (nested) or HPA; a second-stage table
 * maps IOVA/GPA to HPA. This room only says "input" and "output".
 */
public interface PageTableFormat {

  /** Number of index bits per level (512 entries of 8 bytes per 4 KiB table). */
  int INDEX_BITS = 9;

  /** Entries per table. */
  int ENTRIES_PER_TABLE = 1 << INDEX_BITS;

  /** Bytes per entry. */
  int ENTRY_BYTES = 8;

  /** The format for a config: first- or second-stage by {@link FormatConfig#stage()}. */
  static PageTableFormat of(FormatConfig config) {
    return switch (config.stage()) {
      case FIRST_STAGE -> new FirstStageFormat(config);
      case SECOND_STAGE -> new SecondStageFormat(config);
    };
  }

  /** Lowest input bit indexed at {@code level}: 12 + 9 (level - 1). */
  static int levelShift(int level) {
    return 12 + INDEX_BITS * (level - 1);
  }

  /** Bytes of input space one entry at {@code level} covers (4 KiB, 2 MiB, 1 GiB, ...). */
  static long entrySpan(int level) {
    return 1L << levelShift(level);
  }

  /** The config this format was built from. */
  FormatConfig config();

  /** The stage. */
  default Stage stage() {
    return config().stage();
  }

  /** Number of levels; the top table is at this level. */
  default int levels() {
    return config().levels();
  }

  /** Input address width in bits (39, 48 or 57). */
  default int inputWidth() {
    return config().inputWidth();
  }

  /**
   * True when the table can translate {@code iova}: first stage, canonical for the width (bits
   * 63:width-1 all equal, digest 5.1); second stage, below 2^width (digest 6.1).
   */
  boolean isValidInput(long iova);

  /**
   * True when every address of {@code start..last} (inclusive) is a valid input. The first stage
   * also refuses a range spanning the non-canonical hole.
   */
  default boolean isValidInputRange(long start, long last) {
    return Long.compareUnsigned(start, last) <= 0 && isValidInput(start) && isValidInput(last);
  }

  /**
   * Checks that every address of {@code start..last} is a valid input.
   *
   * @throws IllegalArgumentException naming the problem (beyond the width, not canonical, across
   *     the non-canonical hole, last before start)
   */
  void checkInputRange(long start, long last);

  /**
   * The input address whose low {@link #inputWidth()} bits are those of {@code indexBits}: the
   * first stage sign-extends bit width-1 (the canonical form); the second stage returns the bits
   * unchanged. Used to name the address of an entry found by scanning tables.
   */
  long inputAddress(long indexBits);

  /** Index (0..511) of {@code iova}'s entry in its table at {@code level} (digest 5.1, 12.1). */
  default int index(long iova, int level) {
    return (int) (iova >>> levelShift(level)) & (ENTRIES_PER_TABLE - 1);
  }

  /**
   * True when the entry is present: first stage P = 1; second stage R or W (or X when SLEE = 1,
   * D10).
   */
  boolean isPresent(long entry, int level);

  /**
   * True when a present entry maps a page: always at level 1; at levels 2 and 3 when PS = 1 and
   * that page size is allowed by the config (otherwise PS = 1 is a reserved bit, see {@link
   * #reservedBits}).
   */
  boolean isLeaf(long entry, int level);

  /**
   * The address field of the entry: the page base of a leaf, or the next table's address. Reserved
   * bits are not part of it.
   */
  long address(long entry, int level);

  /**
   * The reserved bits that are set in a present entry (zero when it is valid): D10 (second stage),
   * D24 and D11 (first stage), D23 (bits 51:HAW), including PS at a level where that page size is
   * not allowed and the low address bits of a large leaf. Derived from the field layouts.
   */
  long reservedBits(long entry, int level);

  /**
   * The rights a present entry grants, as {@link Rights} bits; a walker ANDs them over the path.
   * First stage: read always, write iff R/W, user iff U/S, execute unless XD with NXE = 1. Second
   * stage: read iff R, write iff W, execute iff R (and X when SLEE = 1), user always (D12).
   */
  int rights(long entry, int level);

  /** True when a leaf of this size may be written (4 KiB always; 2 MiB / 1 GiB per config). */
  default boolean supportsLeaf(PageSize size) {
    return config().leafAllowedAt(size.leafLevel());
  }

  /**
   * A non-leaf entry pointing at the table at {@code tableAddress}, bit-exactly as Linux writes it
   * (digest 10.3): first stage P | R/W | U/S | A; second stage R | W.
   *
   * @throws IllegalArgumentException if the address is not 4 KiB aligned or not below 2^HAW
   */
  long encodeTable(long tableAddress);

  /**
   * A leaf mapping {@code outputAddress} with a page of {@code size}, bit-exactly as Linux writes
   * it (digest 10.3); see {@link Prot} for the bits.
   *
   * @throws IllegalArgumentException if the size is not allowed, the address is misaligned or not
   *     below 2^HAW, or {@code prot} is invalid or asks for what the config cannot express (SNOOP
   *     without ECAP.SC)
   */
  long encodeLeaf(long outputAddress, PageSize size, int prot);

  /**
   * One leaf of the next lower level cut from a large leaf: same attributes, smaller page at {@code
   * childOutputAddress} (used to split a large page). Moves bits whose position differs between
   * large leaves and PTEs (first-stage PAT bit 12 to bit 7; PS cleared in a PTE).
   *
   * @param leafEntry a valid leaf at {@code level} (2 or 3)
   * @param level the level of {@code leafEntry}
   * @param childOutputAddress the child page's base, aligned to the child's size
   */
  long childLeaf(long leafEntry, int level, long childOutputAddress);

  /**
   * The bits of a leaf other than its output address: equal attributes mean equal permissions,
   * memory type and software bits, so that adjacent leaves may be shown as one run.
   */
  long attributes(long leafEntry, int level);

  /**
   * The bits a walker sets when it uses an entry (accessed): first stage A (bit 5), plus EA (bit
   * 10) when EAFE = 1; second stage A (bit 8, used only with SLADE).
   */
  long accessedMask(int level);

  /** The bit a walker sets in a leaf on a write: first stage D (bit 6); second stage D (bit 9). */
  long dirtyMask(int level);

  /** The spec's name of an entry at {@code level}, e.g. "PTE", "PDPE", "SL-PML4E". */
  String entryName(int level);

  /**
   * Every named field of the entry with its value, a summary (present or not, the page base and
   * size of a leaf or the next table's address, the rights it grants) and each set reserved bit
   * named as an error.
   */
  Decoded describe(long entry, int level);
}
