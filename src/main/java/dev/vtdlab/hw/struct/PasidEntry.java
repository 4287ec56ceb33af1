package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A scalable-mode PASID-table entry (512 bits = 8 qwords; VT-d spec 9.6, digest 4.3): how requests
 * of one PASID are translated (PGTT), with which tables, domain id and controls. Rev 4.x names; the
 * rev 3.x names are in each field's doc (SLEE, SLADE, SLPTPTR, FLPM, FLPTPTR).
 *
 * <p>Which fields a PGTT uses: {@link Pgtt#usesFirstStage()} (FSPTPTR, FSPM, WPE, SRE, EAFE...) and
 * {@link Pgtt#usesSecondStage()} (SSPTPTR, AW, SSEE, SSADE). Unused fields are ignored, not
 * reserved (D8); capability-dependent fields are reserved without their capability for every PGTT
 * (D5). Checks: {@link #reservedBits} (SPT.3), {@link #invalidProgramming} (SPT.4).
 *
 * @param w0 qword 0 (bits 63:0): P, FPD, AW, SSEE, PGTT, SSADE, SSPTPTR
 * @param w1 qword 1 (bits 127:64): DID, PWSNP, PGSNP, CD, EMTE, EMT, PWT, PCD, PAT
 * @param w2 qword 2 (bits 191:128): SRE, ERE, FSPM, WPE, NXE, SMEP, EAFE, FSPTPTR
 * @param w3 qword 3 (bits 255:192): reserved
 * @param w4 qword 4 (bits 319:256): reserved
 * @param w5 qword 5 (bits 383:320): reserved
 * @param w6 qword 6 (bits 447:384): reserved
 * @param w7 qword 7 (bits 511:448): reserved
 */
public record PasidEntry(long w0, long w1, long w2, long w3, long w4, long w5, long w6, long w7) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 64;

  /** Entries per PASID table (one 4 KiB page). */
  public static final int ENTRIES = 64;

  /** First-stage levels for FSPM = 00b. */
  private static final int FIRST_STAGE_LEVELS_AT_FSPM_ZERO = 4;

  /** Number of qwords. */
  public static final int QWORDS = 8;

  /** The table index taken from a PASID: PASID bits 5:0 (digest 4.1). */
  public static final BitField PASID_TABLE_INDEX = new BitField("table index", 5, 0);

  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Fault processing disable (honoured when P = 0). Bit 1. */
  public static final BitField FPD = BitField.bit("FPD", 1);

  /** Second-stage adjusted guest address width, see {@link Agaw}. Bits 4:2. */
  public static final BitField AW = new BitField("AW", 4, 2);

  /** Second-stage execute enable (rev 3.x SLEE; needs ECAP.ERS, D5). Bit 5. */
  public static final BitField SSEE = BitField.bit("SSEE", 5);

  /** PASID-granular translation type, see {@link Pgtt}. Bits 8:6. */
  public static final BitField PGTT = new BitField("PGTT", 8, 6);

  /** Second-stage accessed/dirty enable (rev 3.x SLADE; needs ECAP.SSADS, D5). Bit 9. */
  public static final BitField SSADE = BitField.bit("SSADE", 9);

  /** Second-stage page-table pointer (rev 3.x SLPTPTR): HPA of the top table. Bits 63:12. */
  public static final BitField SSPTPTR = new BitField("SSPTPTR", 63, 12);

  /** Domain identifier (D18). Bits 79:64 (qword 1 bits 15:0). */
  public static final BitField DID = new BitField("DID", 15, 0);

  /** Page-walk snoop (needs ECAP.SMPWCS, D5). Bit 87 (qword 1 bit 23). */
  public static final BitField PWSNP = BitField.bit("PWSNP", 23);

  /** Page snoop: all accesses snooped (needs ECAP.SC, D5). Bit 88 (qword 1 bit 24). */
  public static final BitField PGSNP = BitField.bit("PGSNP", 24);

  /** Cache disable (needs ECAP.MTS, D5). Bit 89 (qword 1 bit 25). */
  public static final BitField CD = BitField.bit("CD", 25);

  /** Extended memory type enable (needs ECAP.MTS, D5). Bit 90 (qword 1 bit 26). */
  public static final BitField EMTE = BitField.bit("EMTE", 26);

  /** Extended memory type (needs ECAP.MTS, D5). Bits 93:91 (qword 1 bits 29:27). */
  public static final BitField EMT = new BitField("EMT", 29, 27);

  /** Page-level write-through of the first-stage root (needs MTS, D5). Bit 94 (qword 1 bit 30). */
  public static final BitField PWT = BitField.bit("PWT", 30);

  /** Page-level cache disable of the first-stage root (needs MTS, D5). Bit 95 (qword 1 bit 31). */
  public static final BitField PCD = BitField.bit("PCD", 31);

  /** Page-attribute table (needs ECAP.MTS, D5). Bits 127:96 (qword 1 bits 63:32). */
  public static final BitField PAT = new BitField("PAT", 63, 32);

  /** Supervisor request enable (needs ECAP.SRS, D5). Bit 128 (qword 2 bit 0). */
  public static final BitField SRE = BitField.bit("SRE", 0);

  /** Execute request enable (needs ECAP.ERS, D5). Bit 129 (qword 2 bit 1). */
  public static final BitField ERE = BitField.bit("ERE", 1);

  /**
   * First-stage paging mode (rev 3.x FLPM): 00b 4-level, 01b 5-level (needs CAP.FS5LP), 1xb
   * reserved. Bits 131:130 (qword 2 bits 3:2).
   */
  public static final BitField FSPM = new BitField("FSPM", 3, 2);

  /** Write-protect enable: supervisor writes honour R/W. Bit 132 (qword 2 bit 4). */
  public static final BitField WPE = BitField.bit("WPE", 4);

  /** No-execute enable (no capability, D5). Bit 133 (qword 2 bit 5). */
  public static final BitField NXE = BitField.bit("NXE", 5);

  /** Supervisor-mode execute prevention (needs ECAP.ERS, D5). Bit 134 (qword 2 bit 6). */
  public static final BitField SMEP = BitField.bit("SMEP", 6);

  /** Extended-accessed flag enable (needs ECAP.EAFS, D5). Bit 135 (qword 2 bit 7). */
  public static final BitField EAFE = BitField.bit("EAFE", 7);

  /**
   * First-stage page-table pointer (rev 3.x FLPTPTR): address of the top table, an HPA for PGTT
   * 001b and a GPA for 011b. Bits 191:140 (qword 2 bits 63:12).
   */
  public static final BitField FSPTPTR = new BitField("FSPTPTR", 63, 12);

  /** Qword 0: bits 11:10 reserved. */
  public static final WordLayout LAYOUT_W0 =
      new WordLayout("PASID entry qword 0", P, FPD, AW, SSEE, PGTT, SSADE, SSPTPTR);

  /** Qword 1: bits 86:80 reserved. */
  public static final WordLayout LAYOUT_W1 =
      new WordLayout("PASID entry qword 1", DID, PWSNP, PGSNP, CD, EMTE, EMT, PWT, PCD, PAT);

  /** Qword 2: bits 139:136 reserved. */
  public static final WordLayout LAYOUT_W2 =
      new WordLayout("PASID entry qword 2", SRE, ERE, FSPM, WPE, NXE, SMEP, EAFE, FSPTPTR);

  /** The layouts of qwords 0-7; qwords 3-7 have no field (reserved). */
  static final WordLayout[] LAYOUTS = {
    LAYOUT_W0,
    LAYOUT_W1,
    LAYOUT_W2,
    new WordLayout("PASID entry qword 3"),
    new WordLayout("PASID entry qword 4"),
    new WordLayout("PASID entry qword 5"),
    new WordLayout("PASID entry qword 6"),
    new WordLayout("PASID entry qword 7")
  };

  /** The entry with every bit zero (not present). */
  public static final PasidEntry ZERO = new PasidEntry(0, 0, 0, 0, 0, 0, 0, 0);

  /** The entry from its qwords, lowest first. */
  public static PasidEntry of(long... qwords) {
    if (qwords.length != QWORDS) {
      throw new IllegalArgumentException("a PASID entry has 8 qwords, got " + qwords.length);
    }
    long[] w = qwords;
    return new PasidEntry(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
  }

  /** The table index of {@code pasid}: PASID[5:0]. */
  public static int index(int pasid) {
    Indexing.checkPasid(pasid);
    return (int) PASID_TABLE_INDEX.get(pasid);
  }

  /** The HPA of the PASID entry for {@code pasid}: SMPTBLPTR + 64 x PASID[5:0]. */
  public static long address(long pasidTableHpa, int pasid) {
    return pasidTableHpa + (long) SIZE * index(pasid);
  }

  /** Reads the entry at {@code hpa} (one 64-byte access). */
  public static PasidEntry read(PhysicalMemory memory, long hpa) {
    return of(Words.read(memory, hpa, QWORDS));
  }

  /** Writes the entry at {@code hpa}: qwords 0 to 7, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, words());
  }

  /** The qwords, lowest first (a new array). */
  public long[] words() {
    return new long[] {w0, w1, w2, w3, w4, w5, w6, w7};
  }

  /** Qword {@code i} (0-7). */
  public long word(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      case 4 -> w4;
      case 5 -> w5;
      case 6 -> w6;
      case 7 -> w7;
      default -> throw new IndexOutOfBoundsException("PASID entry qword " + i + " (0-7)");
    };
  }

  /** The layout of qword {@code i} (0-7); qwords 3-7 have no field. */
  public static WordLayout layout(int i) {
    return LAYOUTS[i];
  }

  public boolean present() {
    return P.isSet(w0);
  }

  public boolean fpd() {
    return FPD.isSet(w0);
  }

  /** The AW value (0..7); see {@link Agaw}. */
  public int aw() {
    return (int) AW.get(w0);
  }

  public boolean ssee() {
    return SSEE.isSet(w0);
  }

  public Pgtt pgtt() {
    return Pgtt.of(PGTT.get(w0));
  }

  public boolean ssade() {
    return SSADE.isSet(w0);
  }

  /** SSPTPTR: HPA of the second-stage top table. */
  public long ssptptr() {
    return Words.address(SSPTPTR, w0);
  }

  public int did() {
    return (int) DID.get(w1);
  }

  public boolean pwsnp() {
    return PWSNP.isSet(w1);
  }

  public boolean pgsnp() {
    return PGSNP.isSet(w1);
  }

  public boolean cd() {
    return CD.isSet(w1);
  }

  public boolean emte() {
    return EMTE.isSet(w1);
  }

  public int emt() {
    return (int) EMT.get(w1);
  }

  public boolean pwt() {
    return PWT.isSet(w1);
  }

  public boolean pcd() {
    return PCD.isSet(w1);
  }

  /** The 32-bit PAT field. */
  public long pat() {
    return PAT.get(w1);
  }

  public boolean sre() {
    return SRE.isSet(w2);
  }

  public boolean ere() {
    return ERE.isSet(w2);
  }

  public int fspm() {
    return (int) FSPM.get(w2);
  }

  /** First-stage levels: 4 + FSPM (4 or 5 for the legal FSPM values). */
  public int firstStageLevels() {
    return FIRST_STAGE_LEVELS_AT_FSPM_ZERO + fspm();
  }

  public boolean wpe() {
    return WPE.isSet(w2);
  }

  public boolean nxe() {
    return NXE.isSet(w2);
  }

  public boolean smep() {
    return SMEP.isSet(w2);
  }

  public boolean eafe() {
    return EAFE.isSet(w2);
  }

  /** FSPTPTR: address of the first-stage top table (HPA for PGTT 001b, GPA for 011b). */
  public long fsptptr() {
    return Words.address(FSPTPTR, w2);
  }

  public PasidEntry withPresent(boolean present) {
    return withWord(0, P.set(w0, present));
  }

  public PasidEntry withFpd(boolean fpd) {
    return withWord(0, FPD.set(w0, fpd));
  }

  public PasidEntry withAw(int aw) {
    return withWord(0, AW.set(w0, aw));
  }

  public PasidEntry withSsee(boolean ssee) {
    return withWord(0, SSEE.set(w0, ssee));
  }

  public PasidEntry withPgtt(Pgtt pgtt) {
    return withWord(0, PGTT.set(w0, pgtt.encoding()));
  }

  public PasidEntry withSsade(boolean ssade) {
    return withWord(0, SSADE.set(w0, ssade));
  }

  /** The entry with SSPTPTR = {@code secondStageTableHpa} (4 KiB aligned). */
  public PasidEntry withSsptptr(long secondStageTableHpa) {
    return withWord(
        0, Words.withAddress(SSPTPTR, w0, secondStageTableHpa, "second-stage table HPA"));
  }

  public PasidEntry withDid(int did) {
    return withWord(1, DID.set(w1, did));
  }

  public PasidEntry withPwsnp(boolean pwsnp) {
    return withWord(1, PWSNP.set(w1, pwsnp));
  }

  public PasidEntry withPgsnp(boolean pgsnp) {
    return withWord(1, PGSNP.set(w1, pgsnp));
  }

  public PasidEntry withCd(boolean cd) {
    return withWord(1, CD.set(w1, cd));
  }

  public PasidEntry withEmte(boolean emte) {
    return withWord(1, EMTE.set(w1, emte));
  }

  public PasidEntry withEmt(int emt) {
    return withWord(1, EMT.set(w1, emt));
  }

  public PasidEntry withPwt(boolean pwt) {
    return withWord(1, PWT.set(w1, pwt));
  }

  public PasidEntry withPcd(boolean pcd) {
    return withWord(1, PCD.set(w1, pcd));
  }

  public PasidEntry withPat(long pat) {
    return withWord(1, PAT.set(w1, pat));
  }

  public PasidEntry withSre(boolean sre) {
    return withWord(2, SRE.set(w2, sre));
  }

  public PasidEntry withEre(boolean ere) {
    return withWord(2, ERE.set(w2, ere));
  }

  public PasidEntry withFspm(int fspm) {
    return withWord(2, FSPM.set(w2, fspm));
  }

  public PasidEntry withWpe(boolean wpe) {
    return withWord(2, WPE.set(w2, wpe));
  }

  public PasidEntry withNxe(boolean nxe) {
    return withWord(2, NXE.set(w2, nxe));
  }

  public PasidEntry withSmep(boolean smep) {
    return withWord(2, SMEP.set(w2, smep));
  }

  public PasidEntry withEafe(boolean eafe) {
    return withWord(2, EAFE.set(w2, eafe));
  }

  /** The entry with FSPTPTR = {@code firstStageTableAddress} (an HPA or, nested, a GPA). */
  public PasidEntry withFsptptr(long firstStageTableAddress) {
    return withWord(
        2, Words.withAddress(FSPTPTR, w2, firstStageTableAddress, "first-stage table address"));
  }

  /** The entry with qword {@code i} replaced (0-7). */
  public PasidEntry withWord(int i, long value) {
    long[] w = words();
    w[i] = value;
    return of(w);
  }

  /**
   * The reserved bits set (SPT.3), for every PGTT: bits 11:10, 86:80, 139:136, 511:192; DID bits
   * above the CAP.ND width (D18); the capability-dependent fields of D5 without their capability
   * (SSEE, ERE, SMEP: ERS; SRE: SRS; SSADE: SSADS; PWSNP: SMPWCS; PGSNP: SC; EAFE: EAFS; CD, EMTE,
   * EMT, PWT, PCD, PAT: MTS). Pointer bits at or above HAW (D23) only in the pointers the PGTT uses
   * (SSPTPTR for 010b/011b, FSPTPTR for 001b/011b; D8). Only meaningful for a present entry.
   */
  public ReservedBits reservedBits(UnitConfig unit) {
    return PasidEntryChecks.reservedBits(this, unit);
  }

  /**
   * Invalid programming (SPT.4, D19), in this order: PGTT reserved; PGTT without its capability
   * (FSTS, SSTS, NEST, PT); AW not usable in CAP.SAGAW (PGTT 010b/011b only, D8); FSPM = 1xb or
   * FSPM = 01b without CAP.FS5LP (PGTT 001b/011b only); for PGTT 011b, FSPTPTR at or above 2^min(30
   * + 9 x AW, MGAW) (VT-d spec 5.10 Table 30 SPT.4.4, docs/spec-deviations.md row 7; D13 had
   * SFS.5). Only meaningful for a present entry without reserved bits set.
   */
  public ProgrammingCheck invalidProgramming(UnitConfig unit) {
    return PasidEntryChecks.invalidProgramming(this, unit);
  }

  /**
   * Every field with a reading (unused ones marked ignored), the translation summary and errors.
   */
  public Decoded decode(UnitConfig unit) {
    return PasidEntryChecks.decode(this, unit);
  }

  @Override
  public String toString() {
    return Words.describe("PasidEntry", LAYOUTS, words());
  }
}
