package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/**
 * A legacy-mode context entry (128 bits; VT-d spec 9.3, digest 3.2): one per devfn of a bus, naming
 * the device's domain (DID) and its second-stage table (SSPTPTR, rev 3.x SLPTPTR) or pass-through.
 *
 * @param lo qword 0 (bits 63:0): P, FPD, TT, SSPTPTR
 * @param hi qword 1 (bits 127:64): AW, AVAIL, DID
 */
public record ContextEntry(long lo, long hi) {
  /** Size of an entry in bytes. */
  public static final int SIZE = 16;

  /** Entries per context table (one per devfn). */
  public static final int ENTRIES = 256;

  /** Present. Bit 0. */
  public static final BitField P = BitField.bit("P", 0);

  /** Fault processing disable: qualified faults are not recorded (honoured when P = 0). Bit 1. */
  public static final BitField FPD = BitField.bit("FPD", 1);

  /** Translation type, see {@link TranslationType}. Bits 3:2. */
  public static final BitField TT = new BitField("TT", 3, 2);

  /**
   * Second-stage page-table pointer (rev 3.x SLPTPTR): HPA of the top table. Ignored for TT = 10b
   * (D8). Bits 63:12.
   */
  public static final BitField SSPTPTR = new BitField("SSPTPTR", 63, 12);

  /** Adjusted guest address width, see {@link Agaw}. Bits 66:64 (qword 1 bits 2:0). */
  public static final BitField AW = new BitField("AW", 2, 0);

  /** Available to software, ignored by hardware. Bits 70:67 (qword 1 bits 6:3). */
  public static final BitField AVAIL = new BitField("AVAIL", 6, 3);

  /**
   * Domain identifier; bits above the CAP.ND width are reserved (D18). Bits 87:72 (qword 1 bits
   * 23:8).
   */
  public static final BitField DID = new BitField("DID", 23, 8);

  /** Qword 0: bits 11:4 reserved. */
  public static final WordLayout LAYOUT_LO =
      new WordLayout("legacy context entry qword 0", P, FPD, TT, SSPTPTR);

  /** Qword 1: bits 71 and 127:88 reserved. */
  public static final WordLayout LAYOUT_HI =
      new WordLayout("legacy context entry qword 1", AW, AVAIL, DID);

  private static final WordLayout[] LAYOUTS = {LAYOUT_LO, LAYOUT_HI};
  private static final String NAME = "legacy context entry";

  /** The entry with every bit zero (not present). */
  public static final ContextEntry ZERO = new ContextEntry(0, 0);

  /** The HPA of the context entry for {@code devfn}: CTP + 16 x devfn (digest 3.1, 12.3). */
  public static long address(long contextTableHpa, int devfn) {
    Indexing.checkDevfn(devfn);
    return contextTableHpa + (long) SIZE * devfn;
  }

  /** Reads the entry at {@code hpa} (one 16-byte access). */
  public static ContextEntry read(PhysicalMemory memory, long hpa) {
    long[] w = Words.read(memory, hpa, 2);
    return new ContextEntry(w[0], w[1]);
  }

  /** Writes the entry at {@code hpa}: qword 0 then qword 1, little-endian. */
  public void write(WritableMemory memory, long hpa) {
    Words.write(memory, hpa, lo, hi);
  }

  public boolean present() {
    return P.isSet(lo);
  }

  public boolean fpd() {
    return FPD.isSet(lo);
  }

  public TranslationType translationType() {
    return TranslationType.of(TT.get(lo));
  }

  /** SSPTPTR: HPA of the second-stage top table. */
  public long ssptptr() {
    return Words.address(SSPTPTR, lo);
  }

  /** The AW value (0..7); see {@link Agaw} for levels and width. */
  public int aw() {
    return (int) AW.get(hi);
  }

  public int avail() {
    return (int) AVAIL.get(hi);
  }

  public int did() {
    return (int) DID.get(hi);
  }

  public ContextEntry withPresent(boolean present) {
    return new ContextEntry(P.set(lo, present), hi);
  }

  public ContextEntry withFpd(boolean fpd) {
    return new ContextEntry(FPD.set(lo, fpd), hi);
  }

  public ContextEntry withTranslationType(TranslationType type) {
    return new ContextEntry(TT.set(lo, type.encoding()), hi);
  }

  /** The entry with SSPTPTR = {@code secondStageTableHpa} (4 KiB aligned). */
  public ContextEntry withSsptptr(long secondStageTableHpa) {
    return new ContextEntry(
        Words.withAddress(SSPTPTR, lo, secondStageTableHpa, "second-stage table HPA"), hi);
  }

  public ContextEntry withAw(int aw) {
    return new ContextEntry(lo, AW.set(hi, aw));
  }

  public ContextEntry withAvail(int avail) {
    return new ContextEntry(lo, AVAIL.set(hi, avail));
  }

  public ContextEntry withDid(int did) {
    return new ContextEntry(lo, DID.set(hi, did));
  }

  /**
   * The reserved bits set (LCT.3): bits 11:4, 71, 127:88; DID bits at or above the CAP.ND width
   * (D18); SSPTPTR bits at or above HAW (D23) unless TT = 10b, where SSPTPTR is ignored (D8). Only
   * meaningful for a present entry.
   */
  public ReservedBits reservedBits(UnitConfig unit) {
    ReservedBits.Builder b =
        new ReservedBits.Builder(NAME, FaultReason.LCT_3).undefined(0, lo, LAYOUT_LO);
    if (translationType() != TranslationType.PASS_THROUGH) {
      b.pointer(0, lo, SSPTPTR, unit.haw());
    }
    return b.undefined(1, hi, LAYOUT_HI).domainId(1, hi, DID, unit.cap()).build();
  }

  /**
   * Invalid programming (LCT.4, D19, D9), checked in this order: TT = 11b; TT = 01b without
   * ECAP.DT; TT = 10b without ECAP.PT; AW not usable in CAP.SAGAW; TT = 10b with AW not the largest
   * usable value. Only meaningful for a present entry without reserved bits set.
   */
  public ProgrammingCheck invalidProgramming(UnitConfig unit) {
    TranslationType tt = translationType();
    Cap cap = unit.cap();
    Ecap ecap = unit.ecap();
    if (tt == TranslationType.RESERVED) {
      return Words.invalid(InvalidProgramming.TT_RESERVED, NAME, ttText(tt) + " is reserved");
    }
    if (tt == TranslationType.DEVICE_TLB && !ecap.deviceTlb()) {
      return Words.invalid(
          InvalidProgramming.TT_DEVICE_TLB_UNSUPPORTED, NAME, ttText(tt) + " needs ECAP.DT = 1");
    }
    if (tt == TranslationType.PASS_THROUGH && !ecap.passThrough()) {
      return Words.invalid(
          InvalidProgramming.TT_PASS_THROUGH_UNSUPPORTED, NAME, ttText(tt) + " needs ECAP.PT = 1");
    }
    if (!Agaw.usable(cap, aw())) {
      return Words.invalid(
          InvalidProgramming.CONTEXT_AW_UNSUPPORTED,
          NAME,
          "AW = " + Agaw.describe(aw()) + " is not in CAP.SAGAW (" + Agaw.describeSagaw(cap) + ")");
    }
    if (tt == TranslationType.PASS_THROUGH && !Agaw.largestUsable(cap, aw())) {
      return Words.invalid(
          InvalidProgramming.PASS_THROUGH_AW_NOT_LARGEST,
          NAME,
          ttText(tt)
              + " needs AW = the largest CAP.SAGAW value ("
              + Agaw.describeSagaw(cap)
              + "), not "
              + Agaw.describe(aw())
              + " (D9)");
    }
    return ProgrammingCheck.VALID;
  }

  private static String ttText(TranslationType tt) {
    return "TT = " + Words.binary(tt.encoding(), 2);
  }

  /** Every field with a reading, the translation summary, reserved bits and invalid programming. */
  public Decoded decode(UnitConfig unit) {
    TranslationType tt = translationType();
    DecodedBuilder b =
        new DecodedBuilder(NAME, lo, hi)
            .fields(0, LAYOUT_LO, f -> meaning(f, tt))
            .fields(1, LAYOUT_HI, f -> meaning(f, tt));
    if (!present()) {
      return b.summary("present", Texts.NOT_PRESENT_FPD).build();
    }
    if (tt.usesSecondStage()) {
      b.summary(
          "translation",
          "second stage, "
              + Agaw.levels(aw())
              + "-level ("
              + Agaw.widthBits(aw())
              + "-bit), top table at "
              + Texts.hpa(ssptptr()));
    } else if (tt == TranslationType.PASS_THROUGH) {
      b.summary("translation", "pass-through (output = input)");
    }
    b.summary("domain", "DID " + Texts.did(did()));
    return b.check(reservedBits(unit)).check(invalidProgramming(unit)).build();
  }

  private String meaning(BitField f, TranslationType tt) {
    if (f == P) {
      return Texts.present(present());
    }
    if (f == FPD) {
      return Texts.flag(fpd(), "qualified faults not recorded");
    }
    if (f == TT) {
      return tt.meaning();
    }
    if (f == SSPTPTR) {
      return tt == TranslationType.PASS_THROUGH
          ? "ignored (TT = 10b)"
          : "second-stage table at " + Texts.hpa(ssptptr());
    }
    if (f == AW) {
      return Agaw.describe(aw());
    }
    if (f == AVAIL) {
      return "software use, ignored";
    }
    return "domain " + Texts.did(did());
  }

  @Override
  public String toString() {
    return Words.describe("ContextEntry", LAYOUTS, lo, hi);
  }
}
