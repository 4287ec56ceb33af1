package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A legacy-mode root entry (128 bits; VT-d spec 9.1, digest 2.2): one per PCI bus, pointing to the
 * bus's context table of 256 legacy {@link ContextEntry context entries}.
 *
 * @param lo qword 0 (bits 63:0): P and CTP
 * @param hi qword 1 (bits 127:64): reserved
 */
public record RootEntry(long lo, long hi) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 16;

  /** Number of entries in the root table (one per bus). */
  public static final int ENTRIES = 256;

  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Context-table pointer: 4 KiB-aligned HPA of the bus's context table. Bits 63:12. */
  public static final BitField CTP = new BitField("CTP", 63, 12);

  /** Qword 0: bits 11:1 reserved. */
  public static final WordLayout LAYOUT_LO = new WordLayout("root entry qword 0", P, CTP);

  /** Qword 1: bits 127:64 reserved. */
  public static final WordLayout LAYOUT_HI = new WordLayout("root entry qword 1");

  private static final WordLayout[] LAYOUTS = {LAYOUT_LO, LAYOUT_HI};
  private static final String NAME = "legacy root entry";

  /** The entry with every bit zero (not present). */
  public static final RootEntry ZERO = new RootEntry(0, 0);

  /** The HPA of the root entry for {@code bus}: RTA + 16 x bus (digest 2.1, 12.3). */
  public static long address(long rootTableHpa, int bus) {
    Indexing.checkBus(bus);
    return rootTableHpa + (long) SIZE * bus;
  }

  /** Reads the entry at {@code hpa} (one 16-byte access). */
  public static RootEntry read(PhysicalMemory memory, long hpa) {
    long[] w = Words.read(memory, hpa, 2);
    return new RootEntry(w[0], w[1]);
  }

  /** Writes the entry at {@code hpa}: qword 0 then qword 1, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, lo, hi);
  }

  /** P. */
  public boolean present() {
    return P.isSet(lo);
  }

  /** CTP: the HPA of the context table. */
  public long ctp() {
    return Words.address(CTP, lo);
  }

  public RootEntry withPresent(boolean present) {
    return new RootEntry(P.set(lo, present), hi);
  }

  /** The entry with CTP = {@code contextTableHpa} (4 KiB aligned). */
  public RootEntry withCtp(long contextTableHpa) {
    return new RootEntry(Words.withAddress(CTP, lo, contextTableHpa, "context table HPA"), hi);
  }

  /**
   * The reserved bits set (LRT.3): bits 11:1 and 127:64, and CTP bits at or above HAW (D23). Only
   * meaningful for a present entry.
   */
  public ReservedBits reservedBits(UnitConfig unit) {
    return new ReservedBits.Builder(NAME, FaultReason.LRT_3)
        .undefined(0, lo, LAYOUT_LO)
        .pointer(0, lo, CTP, unit.haw())
        .undefined(1, hi, LAYOUT_HI)
        .build();
  }

  /** Every field with a reading, the context table address, and the reserved bits set. */
  public Decoded decode(UnitConfig unit) {
    DecodedBuilder b =
        new DecodedBuilder(NAME, lo, hi)
            .fields(0, LAYOUT_LO, f -> f == P ? Texts.present(present()) : Texts.hpa(ctp()));
    if (!present()) {
      return b.summary("present", Texts.NOT_PRESENT).build();
    }
    return b.summary("context table", Texts.hpa(ctp()) + ", 256 entries of 16 bytes")
        .check(reservedBits(unit))
        .build();
  }

  @Override
  public String toString() {
    return Words.describe("RootEntry", LAYOUTS, lo, hi);
  }
}
