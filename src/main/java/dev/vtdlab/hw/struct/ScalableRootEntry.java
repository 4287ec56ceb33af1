package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A scalable-mode root entry (128 bits; VT-d spec 9.2, digest 2.3): two halves, the lower (LP,
 * LCTP) for devfn 0x00-0x7F and the upper (UP, UCTP) for devfn 0x80-0xFF, each pointing to a
 * context table of 128 {@link ScalableContextEntry scalable-mode context entries}. Decision D4:
 * only the half selected by the request's devfn is checked.
 *
 * @param lo qword 0 (bits 63:0): LP and LCTP
 * @param hi qword 1 (bits 127:64): UP and UCTP
 */
public record ScalableRootEntry(long lo, long hi) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 16;

  /** Lower present (devfn 0x00-0x7F). Bit 0. */
  public static final BitField LP = BitField.bit("LP", 0);

  /** Lower scalable-mode context-table pointer (HPA). Bits 63:12. */
  public static final BitField LCTP = new BitField("LCTP", 63, 12);

  /** Upper present (devfn 0x80-0xFF). Bit 64 (qword 1 bit 0). */
  public static final BitField UP = BitField.bit("UP", 0);

  /** Upper scalable-mode context-table pointer (HPA). Bits 127:76 (qword 1 bits 63:12). */
  public static final BitField UCTP = new BitField("UCTP", 63, 12);

  /** Qword 0: bits 11:1 reserved. */
  public static final WordLayout LAYOUT_LO =
      new WordLayout("scalable-mode root entry qword 0", LP, LCTP);

  /** Qword 1: bits 75:65 reserved. */
  public static final WordLayout LAYOUT_HI =
      new WordLayout("scalable-mode root entry qword 1", UP, UCTP);

  private static final WordLayout[] LAYOUTS = {LAYOUT_LO, LAYOUT_HI};
  private static final String NAME = "scalable-mode root entry";
  private static final String LOWER = NAME + " (lower half)";
  private static final String UPPER = NAME + " (upper half)";

  /** The entry with every bit zero (neither half present). */
  public static final ScalableRootEntry ZERO = new ScalableRootEntry(0, 0);

  /** The HPA of the root entry for {@code bus}: RTA + 16 x bus (the same as legacy mode). */
  public static long address(long rootTableHpa, int bus) {
    return RootEntry.address(rootTableHpa, bus);
  }

  /** True when {@code devfn} selects the upper half (devfn >= 0x80, digest 3.1). */
  public static boolean upperHalf(int devfn) {
    Indexing.checkDevfn(devfn);
    return devfn >= ScalableContextEntry.ENTRIES;
  }

  /** Reads the entry at {@code hpa} (one 16-byte access). */
  public static ScalableRootEntry read(PhysicalMemory memory, long hpa) {
    long[] w = Words.read(memory, hpa, 2);
    return new ScalableRootEntry(w[0], w[1]);
  }

  /** Writes the entry at {@code hpa}: qword 0 then qword 1, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, lo, hi);
  }

  public boolean lp() {
    return LP.isSet(lo);
  }

  /** LCTP: HPA of the context table for devfn 0x00-0x7F. */
  public long lctp() {
    return Words.address(LCTP, lo);
  }

  public boolean up() {
    return UP.isSet(hi);
  }

  /** UCTP: HPA of the context table for devfn 0x80-0xFF. */
  public long uctp() {
    return Words.address(UCTP, hi);
  }

  /** LP or UP, as {@code devfn} selects. */
  public boolean present(int devfn) {
    return upperHalf(devfn) ? up() : lp();
  }

  /** LCTP or UCTP, as {@code devfn} selects: the HPA of the context table holding devfn. */
  public long contextTable(int devfn) {
    return upperHalf(devfn) ? uctp() : lctp();
  }

  public ScalableRootEntry withLp(boolean present) {
    return new ScalableRootEntry(LP.set(lo, present), hi);
  }

  /** The entry with LCTP = {@code contextTableHpa} (4 KiB aligned). */
  public ScalableRootEntry withLctp(long contextTableHpa) {
    return new ScalableRootEntry(
        Words.withAddress(LCTP, lo, contextTableHpa, "context table HPA"), hi);
  }

  public ScalableRootEntry withUp(boolean present) {
    return new ScalableRootEntry(lo, UP.set(hi, present));
  }

  /** The entry with UCTP = {@code contextTableHpa} (4 KiB aligned). */
  public ScalableRootEntry withUctp(long contextTableHpa) {
    return new ScalableRootEntry(
        lo, Words.withAddress(UCTP, hi, contextTableHpa, "context table HPA"));
  }

  /**
   * The reserved bits set (SRT.3) in the half {@code devfn} selects (D4): bits 11:1 (lower) or
   * 75:65 (upper), and the pointer's bits at or above HAW (D23). The other half is not looked at.
   * Only meaningful when that half is present.
   */
  public ReservedBits reservedBits(UnitConfig unit, int devfn) {
    boolean upper = upperHalf(devfn);
    int word = upper ? 1 : 0;
    long value = upper ? hi : lo;
    return new ReservedBits.Builder(upper ? UPPER : LOWER, FaultReason.SRT_3)
        .undefined(word, value, upper ? LAYOUT_HI : LAYOUT_LO)
        .pointer(word, value, upper ? UCTP : LCTP, unit.haw())
        .build();
  }

  /** Both halves with a reading; the reserved bits of each present half. */
  public Decoded decode(UnitConfig unit) {
    DecodedBuilder b =
        new DecodedBuilder(NAME, lo, hi)
            .fields(0, LAYOUT_LO, f -> f == LP ? Texts.present(lp()) : Texts.hpa(lctp()))
            .fields(1, LAYOUT_HI, f -> f == UP ? Texts.present(up()) : Texts.hpa(uctp()));
    b.summary("devfn 0x00-0x7f", half(lp(), lctp()));
    b.summary("devfn 0x80-0xff", half(up(), uctp()));
    if (lp()) {
      b.check(reservedBits(unit, 0));
    }
    if (up()) {
      b.check(reservedBits(unit, ScalableContextEntry.ENTRIES));
    }
    return b.build();
  }

  private static String half(boolean present, long table) {
    return present
        ? "context table at " + Texts.hpa(table) + ", 128 entries of 32 bytes"
        : Texts.NOT_PRESENT;
  }

  @Override
  public String toString() {
    return Words.describe("ScalableRootEntry", LAYOUTS, lo, hi);
  }
}
