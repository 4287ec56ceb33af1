package dev.vtdlab.hw.fault;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Cap;
import java.util.ArrayList;
import java.util.List;

/**
 * The 128 bits of one fault recording register FRCD_REG[i] (VT-d spec 10.4.14 / 11.4.14; digest
 * 1.7) as written by primary fault logging: {@code lo} is bits 63:0, {@code hi} bits 127:64. The
 * words are the encoding; the accessors decode them. Contents per decision D22: FI = page of the
 * input address, T1 = 1 for read and execute, T2 = 0, AT = 00, PP/PV/PRIV/EXE only for requests
 * with PASID, F = 1; with VT-d spec 5.10 11.4.7.6 (docs/spec-deviations.md row 12) FI keeps only
 * bits (N-1):12 of the page, N = {@link #faultInfoWidth(Cap)}.
 *
 * @param lo FRCD bits 63:0 (FI)
 * @param hi FRCD bits 127:64 (SID ... F)
 */
public record FaultRecord(long lo, long hi) {

  /** Fault information: page-aligned faulting input address. FRCD bits 63:12. */
  public static final BitField FI = new BitField("FI", 63, 12);

  /** Source id (requester id) of the faulting request. FRCD bits 79:64. */
  public static final BitField SID = new BitField("SID", 15, 0);

  /** Type bit 2 (rev 3.x+; 0 for reads and writes). FRCD bit 92. */
  public static final BitField T2 = BitField.bit("T2", 28);

  /** Privilege-mode requested (valid with PP = 1). FRCD bit 93. */
  public static final BitField PRIV = BitField.bit("PRIV", 29);

  /** Execute requested (valid with PP = 1). FRCD bit 94. */
  public static final BitField EXE = BitField.bit("EXE", 30);

  /** PASID present. FRCD bit 95. */
  public static final BitField PP = BitField.bit("PP", 31);

  /** Fault reason (FaultReason code). FRCD bits 103:96. */
  public static final BitField FR = new BitField("FR", 39, 32);

  /** PASID value (valid with PP = 1). FRCD bits 123:104. */
  public static final BitField PV = new BitField("PV", 59, 40);

  /** PCIe address type: 00 untranslated, 01 translation request, 10 translated. FRCD 125:124. */
  public static final BitField AT = new BitField("AT", 61, 60);

  /** Type bit 1: 0 = write, 1 = read (D22: also execute). FRCD bit 126. */
  public static final BitField T1 = BitField.bit("T1", 62);

  /** Fault: set by hardware when the record is written; RW1C. FRCD bit 127. */
  public static final BitField F = BitField.bit("F", 63);

  /** FRCD bits 63:0; bits 11:0 reserved. */
  public static final WordLayout LO = new WordLayout("FRCD_REG low qword", FI);

  /** FRCD bits 127:64; bits 91:80 reserved. */
  public static final WordLayout HI =
      new WordLayout("FRCD_REG high qword", SID, T2, PRIV, EXE, PP, FR, PV, AT, T1, F);

  /**
   * A record from every field.
   *
   * @param fi page-aligned faulting input address (bits 11:0 must be 0)
   * @param sid requester id, 0..0xFFFF
   * @param pp PASID present
   * @param pv PASID value, 0..0xFFFFF
   * @param priv privilege-mode requested
   * @param exe execute requested
   * @param fr fault reason code, 0..0xFF
   * @param t1 type bit 1 (1 = read)
   * @param t2 type bit 2
   * @param at address type, 0..3
   * @param f fault bit
   * @throws IllegalArgumentException if a value does not fit its field
   */
  public static FaultRecord of(
      long fi,
      int sid,
      boolean pp,
      int pv,
      boolean priv,
      boolean exe,
      int fr,
      boolean t1,
      boolean t2,
      int at,
      boolean f) {
    if ((fi & ~FI.mask()) != 0) {
      throw new IllegalArgumentException(
          String.format("fault info 0x%x is not page aligned (FI is bits 63:12)", fi));
    }
    long h = SID.set(0, sid);
    h = T2.set(h, t2);
    h = PRIV.set(h, priv);
    h = EXE.set(h, exe);
    h = PP.set(h, pp);
    h = FR.set(h, fr);
    h = PV.set(h, pv);
    h = AT.set(h, at);
    h = T1.set(h, t1);
    h = F.set(h, f);
    return new FaultRecord(fi, h);
  }

  /** AW values 001b-011b (39-, 48-, 57-bit); 000b and 1xxb are never usable (D19). */
  private static final int SMALLEST_AW = 1;

  private static final int LARGEST_AW = 3;

  /** AGAW width = 30 + 9 x AW (digest 6.1). */
  private static final int WIDTH_AT_AW_ZERO = 30;

  private static final int BITS_PER_LEVEL = 9;

  /** FI starts at bit 12. */
  private static final int PAGE_SHIFT = 12;

  /**
   * N, the width of the address bits FI keeps (VT-d spec 5.10 11.4.7.6: "Hardware treats bits 63:N
   * as reserved (0), where N corresponds to the largest AGAW value supported"): 30 + 9 x the
   * largest AW 001b-011b in CAP.SAGAW (48 for the {@code legacy} and {@code qemu} presets, 57 for
   * {@code server}), 64 when SAGAW has none.
   */
  public static int faultInfoWidth(Cap cap) {
    for (int aw = LARGEST_AW; aw >= SMALLEST_AW; aw--) {
      if (cap.supportsAgaw(aw)) {
        return WIDTH_AT_AW_ZERO + BITS_PER_LEVEL * aw;
      }
    }
    return Long.SIZE;
  }

  /**
   * The record the hardware writes for a faulting untranslated request (D22), FI with every page
   * bit up to 63 ({@link #forRequest(FaultReason, int, long, boolean, boolean, int, boolean,
   * boolean, int)} with width 64).
   *
   * @param reason the fault reason
   * @param sid requester id
   * @param inputAddress the faulting input address (iova, gpa or gva); FI keeps its page
   * @param write true for a write request; reads and execute requests report T1 = 1
   * @param pasidPresent true for a request with PASID (a RID_PASID is not reported)
   * @param pasid the request's PASID (ignored without PASID)
   * @param privileged privilege-mode requested (ignored without PASID)
   * @param execute execute requested (ignored without PASID)
   */
  public static FaultRecord forRequest(
      FaultReason reason,
      int sid,
      long inputAddress,
      boolean write,
      boolean pasidPresent,
      int pasid,
      boolean privileged,
      boolean execute) {
    return forRequest(
        reason, sid, inputAddress, write, pasidPresent, pasid, privileged, execute, Long.SIZE);
  }

  /**
   * The record the hardware writes for a faulting untranslated request (D22; FI per VT-d spec 5.10
   * 11.4.7.6).
   *
   * @param reason the fault reason
   * @param sid requester id
   * @param inputAddress the faulting input address (iova, gpa or gva); FI keeps bits (N-1):12
   * @param write true for a write request; reads and execute requests report T1 = 1
   * @param pasidPresent true for a request with PASID (a RID_PASID is not reported)
   * @param pasid the request's PASID (ignored without PASID)
   * @param privileged privilege-mode requested (ignored without PASID)
   * @param execute execute requested (ignored without PASID)
   * @param fiWidth N, 13..64: bits 63:N of FI are 0 ({@link #faultInfoWidth(Cap)})
   */
  public static FaultRecord forRequest(
      FaultReason reason,
      int sid,
      long inputAddress,
      boolean write,
      boolean pasidPresent,
      int pasid,
      boolean privileged,
      boolean execute,
      int fiWidth) {
    if (fiWidth <= PAGE_SHIFT || fiWidth > Long.SIZE) {
      throw new IllegalArgumentException("FI width " + fiWidth + " is not in 13..64");
    }
    long below = fiWidth == Long.SIZE ? -1L : (1L << fiWidth) - 1;
    return of(
        inputAddress & FI.mask() & below,
        sid,
        pasidPresent,
        pasidPresent ? pasid : 0,
        pasidPresent && privileged,
        pasidPresent && execute,
        reason.code(),
        !write,
        false,
        0,
        true);
  }

  /** Page-aligned faulting input address (FI, bits 11:0 zero). */
  public long fi() {
    return lo & FI.mask();
  }

  public int sid() {
    return (int) SID.get(hi);
  }

  public boolean pp() {
    return PP.isSet(hi);
  }

  public int pv() {
    return (int) PV.get(hi);
  }

  public boolean priv() {
    return PRIV.isSet(hi);
  }

  public boolean exe() {
    return EXE.isSet(hi);
  }

  /** The FR code (may be a code {@link FaultReason} does not know when decoding raw words). */
  public int fr() {
    return (int) FR.get(hi);
  }

  public boolean t1() {
    return T1.isSet(hi);
  }

  public boolean t2() {
    return T2.isSet(hi);
  }

  public int at() {
    return (int) AT.get(hi);
  }

  public boolean f() {
    return F.isSet(hi);
  }

  /** True when {@link #fr()} is a code {@link FaultReason} defines. */
  public boolean hasKnownReason() {
    return known(fr());
  }

  /**
   * The fault reason.
   *
   * @throws IllegalArgumentException if the FR code is unknown (see {@link #hasKnownReason()})
   */
  public FaultReason reason() {
    return FaultReason.ofCode(fr());
  }

  /** True when the reason is known and qualified (suppressible by FPD, D17). */
  public boolean qualified() {
    return hasKnownReason() && reason().qualified();
  }

  /** The same record with F set or cleared. */
  public FaultRecord withF(boolean value) {
    return new FaultRecord(lo, F.set(hi, value));
  }

  /** The request type named by (T1, T2) as VirtualBox models it (digest 1.7). */
  public String requestType() {
    if (!t2()) {
      return t1() ? "read" : "write";
    }
    return t1() ? "AtomicOp" : "page request";
  }

  /** Every field by name, in FRCD bit order, with the reserved-bit problems. */
  public Decoded decode() {
    List<Decoded.Field> fields = new ArrayList<>();
    WordDecoding.addFields(fields, LO, lo, 0, f -> String.format("page 0x%x", fi()));
    WordDecoding.addFields(fields, HI, hi, 1, this::meaning);
    List<String> errors = new ArrayList<>();
    WordDecoding.checkReserved(errors, LO, lo, 0);
    WordDecoding.checkReserved(errors, HI, hi, 1);
    if (!hasKnownReason()) {
      errors.add(String.format("FR 0x%02x is not a known fault reason", fr()));
    }
    if (at() == 3) {
      errors.add("AT = 11b is reserved");
    }
    List<Decoded.Field> summary = new ArrayList<>();
    summary.add(new Decoded.Field("request", "", 0, requestType()));
    if (hasKnownReason()) {
      FaultReason r = reason();
      summary.add(
          new Decoded.Field(
              "reason", "", r.code(), r + (r.qualified() ? " (qualified)" : " (not qualified)")));
    }
    return new Decoded("fault record (FRCD_REG)", List.of(lo, hi), fields, summary, errors);
  }

  private String meaning(BitField f) {
    if (f == SID) {
      int s = sid();
      return String.format("%02x:%02x.%x", s >>> 8, (s >>> 3) & 0x1F, s & 7);
    }
    if (f == FR) {
      return hasKnownReason() ? reason().specName() : "unknown";
    }
    if (f == AT) {
      return switch (at()) {
        case 0 -> "untranslated";
        case 1 -> "translation request";
        case 2 -> "translated";
        default -> "reserved";
      };
    }
    if (f == T1) {
      return t1() ? "read" : "write";
    }
    return "";
  }

  private static boolean known(int code) {
    for (FaultReason r : FaultReason.values()) {
      if (r.code() == code) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    String reason = hasKnownReason() ? reason().specName() : "?";
    return String.format(
        "FRCD[F=%d FR=0x%02x %s SID=0x%04x FI=0x%x %s%s] lo=0x%016x hi=0x%016x",
        f() ? 1 : 0,
        fr(),
        reason,
        sid(),
        fi(),
        requestType(),
        pp()
            ? String.format(" PASID=0x%x%s%s", pv(), priv() ? " priv" : "", exe() ? " exe" : "")
            : "",
        lo,
        hi);
  }
}
