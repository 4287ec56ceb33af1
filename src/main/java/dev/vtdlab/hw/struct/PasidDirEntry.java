package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A scalable-mode PASID-directory entry (64 bits; VT-d spec 9.5, digest 4.2): one per group of 64
 * PASIDs, pointing to a PASID table of 64 {@link PasidEntry PASID entries}.
 *
 * @param value the entry
 */
public record PasidDirEntry(long value) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 8;

  /** The directory index taken from a PASID: PASID bits 19:6 (digest 4.1). */
  public static final BitField PASID_DIRECTORY_INDEX = new BitField("directory index", 19, 6);

  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Fault processing disable (honoured when P = 0). Bit 1. */
  public static final BitField FPD = BitField.bit("FPD", 1);

  /** Scalable-mode PASID-table pointer: HPA of the PASID table. Bits 63:12. */
  public static final BitField SMPTBLPTR = new BitField("SMPTBLPTR", 63, 12);

  /** The entry: bits 11:2 reserved. */
  public static final WordLayout LAYOUT =
      new WordLayout("PASID-directory entry", P, FPD, SMPTBLPTR);

  private static final WordLayout[] LAYOUTS = {LAYOUT};
  private static final String NAME = "PASID-directory entry";

  /** The entry with every bit zero (not present). */
  public static final PasidDirEntry ZERO = new PasidDirEntry(0);

  /** The directory index of {@code pasid}: PASID[19:6]. */
  public static int index(int pasid) {
    Indexing.checkPasid(pasid);
    return (int) PASID_DIRECTORY_INDEX.get(pasid);
  }

  /** The HPA of the directory entry for {@code pasid}: PASIDDIRPTR + 8 x PASID[19:6]. */
  public static long address(long pasidDirectoryHpa, int pasid) {
    return pasidDirectoryHpa + (long) SIZE * index(pasid);
  }

  /** Reads the entry at {@code hpa} (one 8-byte access). */
  public static PasidDirEntry read(PhysicalMemory memory, long hpa) {
    return new PasidDirEntry(Words.read(memory, hpa, 1)[0]);
  }

  /** Writes the entry at {@code hpa}, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, value);
  }

  public boolean present() {
    return P.isSet(value);
  }

  public boolean fpd() {
    return FPD.isSet(value);
  }

  /** SMPTBLPTR: HPA of the PASID table. */
  public long smptblptr() {
    return Words.address(SMPTBLPTR, value);
  }

  public PasidDirEntry withPresent(boolean present) {
    return new PasidDirEntry(P.set(value, present));
  }

  public PasidDirEntry withFpd(boolean fpd) {
    return new PasidDirEntry(FPD.set(value, fpd));
  }

  /** The entry with SMPTBLPTR = {@code pasidTableHpa} (4 KiB aligned). */
  public PasidDirEntry withSmptblptr(long pasidTableHpa) {
    return new PasidDirEntry(Words.withAddress(SMPTBLPTR, value, pasidTableHpa, "PASID table HPA"));
  }

  /**
   * The reserved bits set (SPD.3): bits 11:2 and SMPTBLPTR bits at or above HAW (D23). Only
   * meaningful for a present entry.
   */
  public ReservedBits reservedBits(UnitConfig unit) {
    return new ReservedBits.Builder(NAME, FaultReason.SPD_3)
        .undefined(0, value, LAYOUT)
        .pointer(0, value, SMPTBLPTR, unit.haw())
        .build();
  }

  /** Every field with a reading and the reserved bits set. */
  public Decoded decode(UnitConfig unit) {
    DecodedBuilder b =
        new DecodedBuilder(NAME, value)
            .fields(
                0,
                LAYOUT,
                f ->
                    f == P
                        ? Texts.present(present())
                        : f == FPD
                            ? Texts.flag(fpd(), "qualified faults not recorded")
                            : "PASID table at " + Texts.hpa(smptblptr()));
    if (!present()) {
      return b.summary("present", Texts.NOT_PRESENT_FPD).build();
    }
    return b.summary("PASID table", "64 entries of 64 bytes at " + Texts.hpa(smptblptr()))
        .check(reservedBits(unit))
        .build();
  }

  @Override
  public String toString() {
    return Words.describe("PasidDirEntry", LAYOUTS, value);
  }
}
