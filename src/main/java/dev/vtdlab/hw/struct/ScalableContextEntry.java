package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A scalable-mode context entry (256 bits; VT-d spec 9.4, digest 3.3): one per devfn, pointing to
 * the device's PASID directory and saying how requests without PASID are treated (RID_PASID,
 * RID_PRIV). Capability-dependent fields are reserved without their capability (D5). Checks: {@link
 * #reservedBits} (SCT.3), then {@link #invalidProgramming} (SCT.4: PRE without DTE, RID_PASID
 * beyond the PDTS limit; VT-d spec 5.10 Table 30, docs/spec-deviations.md rows 3 and 5, where D19
 * said SCT.4 is never raised).
 *
 * @param w0 qword 0 (bits 63:0): P, FPD, DTE, PASIDE, PRE, PDTS, PASIDDIRPTR
 * @param w1 qword 1 (bits 127:64): RID_PASID, RID_PRIV
 * @param w2 qword 2 (bits 191:128): reserved
 * @param w3 qword 3 (bits 255:192): reserved
 */
public record ScalableContextEntry(long w0, long w1, long w2, long w3) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 32;

  /** Entries per context table (one half of the devfn space). */
  public static final int ENTRIES = 128;

  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Fault processing disable (honoured when P = 0). Bit 1. */
  public static final BitField FPD = BitField.bit("FPD", 1);

  /** Device-TLB enable: ATS requests allowed (needs ECAP.DT, D5). Bit 2. */
  public static final BitField DTE = BitField.bit("DTE", 2);

  /** PASID enable: requests with PASID allowed (needs ECAP.PASID, D5). Bit 3. */
  public static final BitField PASIDE = BitField.bit("PASIDE", 3);

  /** Page request enable (needs ECAP.PRS, D5). Bit 4. */
  public static final BitField PRE = BitField.bit("PRE", 4);

  /** PASID directory size: 2^(PDTS + 7) entries. Bits 11:9. */
  public static final BitField PDTS = new BitField("PDTS", 11, 9);

  /** PASID directory pointer: HPA of the PASID directory. Bits 63:12. */
  public static final BitField PASIDDIRPTR = new BitField("PASIDDIRPTR", 63, 12);

  /**
   * PASID for requests without PASID (needs ECAP.RPS, D5; PASID 0 without it, D6). Bits 83:64
   * (qword 1 bits 19:0).
   */
  public static final BitField RID_PASID = new BitField("RID_PASID", 19, 0);

  /**
   * Privilege of requests without PASID, 1 = supervisor (needs ECAP.RPRIVS, D5). Bit 84 (qword 1
   * bit 20).
   */
  public static final BitField RID_PRIV = BitField.bit("RID_PRIV", 20);

  /** Qword 0: bits 8:5 reserved. */
  public static final WordLayout LAYOUT_W0 =
      new WordLayout(
          "scalable-mode context entry qword 0", P, FPD, DTE, PASIDE, PRE, PDTS, PASIDDIRPTR);

  /** Qword 1: bits 127:85 reserved. */
  public static final WordLayout LAYOUT_W1 =
      new WordLayout("scalable-mode context entry qword 1", RID_PASID, RID_PRIV);

  /** Qword 2: reserved. */
  public static final WordLayout LAYOUT_W2 = new WordLayout("scalable-mode context entry qword 2");

  /** Qword 3: reserved. */
  public static final WordLayout LAYOUT_W3 = new WordLayout("scalable-mode context entry qword 3");

  private static final WordLayout[] LAYOUTS = {LAYOUT_W0, LAYOUT_W1, LAYOUT_W2, LAYOUT_W3};
  private static final String NAME = "scalable-mode context entry";

  /** Directory entries at PDTS = 0: 2^7. */
  private static final int PDTS_BASE_LG2 = 7;

  /** The entry with every bit zero (not present). */
  public static final ScalableContextEntry ZERO = new ScalableContextEntry(0, 0, 0, 0);

  /**
   * The HPA of the context entry for {@code devfn} in the context table of its half (LCTP or UCTP,
   * see {@link ScalableRootEntry#contextTable}): table + 32 x (devfn & 0x7F) (digest 3.1, 12.3).
   */
  public static long address(long contextTableHpa, int devfn) {
    Indexing.checkDevfn(devfn);
    return contextTableHpa + (long) SIZE * (devfn % ENTRIES);
  }

  /** Reads the entry at {@code hpa} (one 32-byte access). */
  public static ScalableContextEntry read(PhysicalMemory memory, long hpa) {
    long[] w = Words.read(memory, hpa, 4);
    return new ScalableContextEntry(w[0], w[1], w[2], w[3]);
  }

  /** Writes the entry at {@code hpa}: qwords 0 to 3, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, w0, w1, w2, w3);
  }

  public boolean present() {
    return P.isSet(w0);
  }

  public boolean fpd() {
    return FPD.isSet(w0);
  }

  public boolean dte() {
    return DTE.isSet(w0);
  }

  public boolean pasidEnable() {
    return PASIDE.isSet(w0);
  }

  public boolean pre() {
    return PRE.isSet(w0);
  }

  public int pdts() {
    return (int) PDTS.get(w0);
  }

  /** Number of PASID-directory entries: 2^(PDTS + 7) (128 .. 16384). */
  public int pasidDirectoryEntries() {
    return 1 << (PDTS_BASE_LG2 + pdts());
  }

  /** PASIDDIRPTR: HPA of the PASID directory. */
  public long pasiddirptr() {
    return Words.address(PASIDDIRPTR, w0);
  }

  /** The RID_PASID field as written. */
  public int ridPasid() {
    return (int) RID_PASID.get(w1);
  }

  /** The RID_PRIV field as written (true = supervisor). */
  public boolean ridPriv() {
    return RID_PRIV.isSet(w1);
  }

  /**
   * The PASID used for requests without PASID (D6): RID_PASID when ECAP.RPS = 1, else 0 (the field
   * is then reserved, D5).
   */
  public int effectiveRidPasid(UnitConfig unit) {
    return unit.ecap().ridPasid() ? ridPasid() : 0;
  }

  /**
   * True when requests without PASID are supervisor requests (D6): RID_PRIV = 1 and ECAP.RPRIVS =
   * 1; user otherwise.
   */
  public boolean effectiveRidPriv(UnitConfig unit) {
    return unit.ecap().ridPriv() && ridPriv();
  }

  /**
   * The PASID limit (exclusive) of the PASID directory: 2^(PDTS + 7) x 64 (VT-d spec 5.10 Table 30
   * SCT.7 and SCT.4.2). A request PASID at or above it faults SCT.7; a RID_PASID at or above it
   * makes the entry invalid (SCT.4). ECAP.PSS is a separate limit (SGN.10), not folded in as D6 did
   * (docs/spec-deviations.md rows 3 and 4).
   */
  public int pasidLimit() {
    return pasidDirectoryEntries() * PasidEntry.ENTRIES;
  }

  public ScalableContextEntry withPresent(boolean present) {
    return new ScalableContextEntry(P.set(w0, present), w1, w2, w3);
  }

  public ScalableContextEntry withFpd(boolean fpd) {
    return new ScalableContextEntry(FPD.set(w0, fpd), w1, w2, w3);
  }

  public ScalableContextEntry withDte(boolean dte) {
    return new ScalableContextEntry(DTE.set(w0, dte), w1, w2, w3);
  }

  public ScalableContextEntry withPasidEnable(boolean paside) {
    return new ScalableContextEntry(PASIDE.set(w0, paside), w1, w2, w3);
  }

  public ScalableContextEntry withPre(boolean pre) {
    return new ScalableContextEntry(PRE.set(w0, pre), w1, w2, w3);
  }

  public ScalableContextEntry withPdts(int pdts) {
    return new ScalableContextEntry(PDTS.set(w0, pdts), w1, w2, w3);
  }

  /** The entry with PASIDDIRPTR = {@code pasidDirectoryHpa} (4 KiB aligned). */
  public ScalableContextEntry withPasiddirptr(long pasidDirectoryHpa) {
    return new ScalableContextEntry(
        Words.withAddress(PASIDDIRPTR, w0, pasidDirectoryHpa, "PASID directory HPA"), w1, w2, w3);
  }

  public ScalableContextEntry withRidPasid(int ridPasid) {
    return new ScalableContextEntry(w0, RID_PASID.set(w1, ridPasid), w2, w3);
  }

  public ScalableContextEntry withRidPriv(boolean supervisor) {
    return new ScalableContextEntry(w0, RID_PRIV.set(w1, supervisor), w2, w3);
  }

  /**
   * The reserved bits set (SCT.3): bits 8:5, 127:85, 255:128; PASIDDIRPTR bits at or above HAW
   * (D23); DTE without ECAP.DT, PASIDE without ECAP.PASID, PRE without ECAP.PRS, RID_PASID without
   * ECAP.RPS, RID_PRIV without ECAP.RPRIVS (D5). Only meaningful for a present entry.
   */
  public ReservedBits reservedBits(UnitConfig unit) {
    Ecap ecap = unit.ecap();
    return new ReservedBits.Builder(NAME, FaultReason.SCT_3)
        .undefined(0, w0, LAYOUT_W0)
        .pointer(0, w0, PASIDDIRPTR, unit.haw())
        .requires(0, w0, DTE, ecap, Ecap.DT)
        .requires(0, w0, PASIDE, ecap, Ecap.PASID)
        .requires(0, w0, PRE, ecap, Ecap.PRS)
        .undefined(1, w1, LAYOUT_W1)
        .requires(1, w1, RID_PASID, ecap, Ecap.RPS)
        .requires(1, w1, RID_PRIV, ecap, Ecap.RPRIVS)
        .undefined(2, w2, LAYOUT_W2)
        .undefined(3, w3, LAYOUT_W3)
        .build();
  }

  /**
   * Invalid programming (SCT.4; VT-d spec 5.10 Table 30, docs/spec-deviations.md rows 3 and 5),
   * checked in this order: PRE = 1 with DTE = 0 (SCT.4.1); the RID_PASID used for requests without
   * PASID ({@link #effectiveRidPasid}) at or above {@link #pasidLimit()} (SCT.4.2). Both apply to
   * every request through the entry, with or without PASID. Only meaningful for a present entry
   * without reserved bits set (PRE and DTE are reserved without ECAP.PRS / ECAP.DT, D5).
   */
  public ProgrammingCheck invalidProgramming(UnitConfig unit) {
    if (pre() && !dte()) {
      return Words.invalid(
          InvalidProgramming.CONTEXT_PRE_WITHOUT_DTE,
          NAME,
          "PRE (bit 4) = 1 with DTE (bit 2) = 0 is an illegal combination");
    }
    int ridPasid = effectiveRidPasid(unit);
    if (ridPasid >= pasidLimit()) {
      return Words.invalid(
          InvalidProgramming.RID_PASID_BEYOND_PDTS,
          NAME,
          "RID_PASID 0x"
              + Integer.toHexString(ridPasid)
              + " is at or above the PDTS limit 0x"
              + Integer.toHexString(pasidLimit())
              + " = 2^(PDTS "
              + pdts()
              + " + 7) x 64");
    }
    return ProgrammingCheck.VALID;
  }

  /**
   * Every field with a reading, PASID range and RID_PASID/RID_PRIV use, reserved bits and invalid
   * programming.
   */
  public Decoded decode(UnitConfig unit) {
    DecodedBuilder b =
        new DecodedBuilder(NAME, w0, w1, w2, w3)
            .fields(0, LAYOUT_W0, this::meaning)
            .fields(1, LAYOUT_W1, this::meaning);
    if (!present()) {
      return b.summary("present", Texts.NOT_PRESENT_FPD).build();
    }
    long limit = Math.min(pasidLimit(), 1L << unit.ecap().pasidBits());
    b.summary(
        "PASID directory",
        pasidDirectoryEntries() + " entries of 8 bytes at " + Texts.hpa(pasiddirptr()));
    b.summary(
        "PASIDs",
        "0x0-0x"
            + Long.toHexString(limit - 1)
            + " (PDTS limit SCT.7, ECAP.PSS limit SGN.10)"
            + (pasidEnable() ? "" : "; requests with PASID blocked (PASIDE = 0)"));
    b.summary(
        "without PASID",
        "PASID 0x"
            + Integer.toHexString(effectiveRidPasid(unit))
            + ", "
            + (effectiveRidPriv(unit) ? "supervisor" : "user")
            + " (D6)");
    return b.check(reservedBits(unit)).check(invalidProgramming(unit)).build();
  }

  private String meaning(BitField f) {
    if (f == P) {
      return Texts.present(present());
    }
    if (f == FPD) {
      return Texts.flag(fpd(), "qualified faults not recorded");
    }
    if (f == DTE) {
      return dte() ? "ATS requests allowed" : "ATS requests blocked";
    }
    if (f == PASIDE) {
      return pasidEnable() ? "requests with PASID allowed" : "requests with PASID blocked";
    }
    if (f == PRE) {
      return pre() ? "page requests allowed" : "page requests blocked";
    }
    if (f == PDTS) {
      return pasidDirectoryEntries() + " directory entries";
    }
    if (f == PASIDDIRPTR) {
      return "PASID directory at " + Texts.hpa(pasiddirptr());
    }
    if (f == RID_PASID) {
      return "PASID for requests without PASID";
    }
    return ridPriv() ? "supervisor" : "user";
  }

  @Override
  public String toString() {
    return Words.describe("ScalableContextEntry", LAYOUTS, w0, w1, w2, w3);
  }
}
