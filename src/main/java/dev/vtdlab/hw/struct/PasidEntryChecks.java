package dev.vtdlab.hw.struct;

import static dev.vtdlab.hw.struct.PasidEntry.AW;
import static dev.vtdlab.hw.struct.PasidEntry.CD;
import static dev.vtdlab.hw.struct.PasidEntry.DID;
import static dev.vtdlab.hw.struct.PasidEntry.EAFE;
import static dev.vtdlab.hw.struct.PasidEntry.EMT;
import static dev.vtdlab.hw.struct.PasidEntry.EMTE;
import static dev.vtdlab.hw.struct.PasidEntry.ERE;
import static dev.vtdlab.hw.struct.PasidEntry.FPD;
import static dev.vtdlab.hw.struct.PasidEntry.FSPM;
import static dev.vtdlab.hw.struct.PasidEntry.FSPTPTR;
import static dev.vtdlab.hw.struct.PasidEntry.NXE;
import static dev.vtdlab.hw.struct.PasidEntry.P;
import static dev.vtdlab.hw.struct.PasidEntry.PAT;
import static dev.vtdlab.hw.struct.PasidEntry.PCD;
import static dev.vtdlab.hw.struct.PasidEntry.PGSNP;
import static dev.vtdlab.hw.struct.PasidEntry.PGTT;
import static dev.vtdlab.hw.struct.PasidEntry.PWSNP;
import static dev.vtdlab.hw.struct.PasidEntry.PWT;
import static dev.vtdlab.hw.struct.PasidEntry.SMEP;
import static dev.vtdlab.hw.struct.PasidEntry.SRE;
import static dev.vtdlab.hw.struct.PasidEntry.SSADE;
import static dev.vtdlab.hw.struct.PasidEntry.SSEE;
import static dev.vtdlab.hw.struct.PasidEntry.SSPTPTR;
import static dev.vtdlab.hw.struct.PasidEntry.WPE;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import java.util.List;

/** The checks and the decoder of {@link PasidEntry} (kept apart to keep the record short). */
final class PasidEntryChecks {
  private PasidEntryChecks() {}

  private static final String NAME = "PASID entry";

  /** FSPM = 01b: 5-level first stage. */
  private static final int FSPM_5_LEVEL = 1;

  /** Page offset bits of a 4 KiB page. */
  private static final int PAGE_OFFSET_BITS = 12;

  /** Index bits per paging level. */
  private static final int BITS_PER_LEVEL = 9;

  /** Fields that need an ECAP bit (D5), by qword, in bit order. */
  private record Needs(int word, BitField field, BitField capability) {}

  private static final List<Needs> CAPABILITY_FIELDS =
      List.of(
          new Needs(0, SSEE, Ecap.ERS),
          new Needs(0, SSADE, Ecap.SSADS),
          new Needs(1, PWSNP, Ecap.SMPWCS),
          new Needs(1, PGSNP, Ecap.SC),
          new Needs(1, CD, Ecap.MTS),
          new Needs(1, EMTE, Ecap.MTS),
          new Needs(1, EMT, Ecap.MTS),
          new Needs(1, PWT, Ecap.MTS),
          new Needs(1, PCD, Ecap.MTS),
          new Needs(1, PAT, Ecap.MTS),
          new Needs(2, SRE, Ecap.SRS),
          new Needs(2, ERE, Ecap.ERS),
          new Needs(2, SMEP, Ecap.ERS),
          new Needs(2, EAFE, Ecap.EAFS));

  static ReservedBits reservedBits(PasidEntry e, UnitConfig unit) {
    Pgtt pgtt = e.pgtt();
    Ecap ecap = unit.ecap();
    ReservedBits.Builder b = new ReservedBits.Builder(NAME, FaultReason.SPT_3);
    for (int i = 0; i < PasidEntry.QWORDS; i++) {
      b.undefined(i, e.word(i), PasidEntry.layout(i));
      if (i == 0 && pgtt.usesSecondStage()) {
        b.pointer(0, e.w0(), SSPTPTR, unit.haw());
      }
      if (i == 1) {
        b.domainId(1, e.w1(), DID, unit.cap());
      }
      if (i == 2 && pgtt.usesFirstStage()) {
        b.pointer(2, e.w2(), FSPTPTR, unit.haw());
      }
      for (Needs n : CAPABILITY_FIELDS) {
        if (n.word() == i) {
          b.requires(i, e.word(i), n.field(), ecap, n.capability());
        }
      }
    }
    return b.build();
  }

  static ProgrammingCheck invalidProgramming(PasidEntry e, UnitConfig unit) {
    Pgtt pgtt = e.pgtt();
    Cap cap = unit.cap();
    if (pgtt.reserved()) {
      return Words.invalid(InvalidProgramming.PGTT_RESERVED, NAME, pgttText(pgtt) + " is reserved");
    }
    if (!pgtt.supportedBy(unit.ecap())) {
      return Words.invalid(
          InvalidProgramming.PGTT_UNSUPPORTED,
          NAME,
          pgttText(pgtt)
              + " ("
              + pgtt.meaning()
              + ") needs ECAP."
              + pgtt.capability().name()
              + " = 1");
    }
    if (pgtt.usesSecondStage() && !Agaw.usable(cap, e.aw())) {
      return Words.invalid(
          InvalidProgramming.PASID_AW_UNSUPPORTED,
          NAME,
          "AW = "
              + Agaw.describe(e.aw())
              + " is not in CAP.SAGAW ("
              + Agaw.describeSagaw(cap)
              + ")");
    }
    if (pgtt.usesFirstStage() && e.fspm() > FSPM_5_LEVEL) {
      return Words.invalid(
          InvalidProgramming.FSPM_RESERVED,
          NAME,
          "FSPM = " + Words.binary(e.fspm(), 2) + " is reserved");
    }
    if (pgtt.usesFirstStage() && e.fspm() == FSPM_5_LEVEL && !cap.firstStage5Level()) {
      return Words.invalid(
          InvalidProgramming.FSPM_5LEVEL_UNSUPPORTED, NAME, "FSPM = 01b needs CAP.FS5LP = 1");
    }
    if (pgtt == Pgtt.NESTED) {
      // VT-d spec 5.10 Table 30 SPT.4.4 (docs/spec-deviations.md row 7; D13 had SFS.5)
      int width = Math.min(Agaw.widthBits(e.aw()), cap.mgaw());
      if ((e.fsptptr() >>> width) != 0) {
        return Words.invalid(
            InvalidProgramming.NESTED_FSPTPTR_BEYOND_WIDTH,
            NAME,
            "nested FSPTPTR (a GPA) 0x"
                + Long.toHexString(e.fsptptr())
                + " is at or above 2^"
                + width
                + " (min of the AW width and MGAW, SPT.4.4)");
      }
    }
    return ProgrammingCheck.VALID;
  }

  private static String pgttText(Pgtt pgtt) {
    return "PGTT = " + Words.binary(pgtt.encoding(), 3);
  }

  static Decoded decode(PasidEntry e, UnitConfig unit) {
    Pgtt pgtt = e.pgtt();
    DecodedBuilder b =
        new DecodedBuilder(NAME, e.words())
            .fields(0, PasidEntry.layout(0), f -> meaning(e, pgtt, f))
            .fields(1, PasidEntry.layout(1), f -> meaning(e, pgtt, f))
            .fields(2, PasidEntry.layout(2), f -> meaning(e, pgtt, f));
    if (!e.present()) {
      return b.summary("present", Texts.NOT_PRESENT_FPD).build();
    }
    b.summary("translation", pgtt.meaning());
    if (pgtt.usesFirstStage() && e.fspm() <= FSPM_5_LEVEL) {
      b.summary(
          "first stage",
          e.firstStageLevels()
              + "-level ("
              + firstStageWidth(e.firstStageLevels())
              + "-bit), top table at "
              + firstStageTable(e, pgtt));
    }
    if (pgtt.usesSecondStage()) {
      b.summary(
          "second stage",
          Agaw.levels(e.aw())
              + "-level ("
              + Agaw.widthBits(e.aw())
              + "-bit), top table at "
              + Texts.hpa(e.ssptptr()));
    }
    b.summary("domain", "DID " + Texts.did(e.did()));
    return b.check(reservedBits(e, unit)).check(invalidProgramming(e, unit)).build();
  }

  private static String meaning(PasidEntry e, Pgtt pgtt, BitField f) {
    String reading = reading(e, pgtt, f);
    if (!ignored(pgtt, f)) {
      return reading;
    }
    String note = "ignored for PGTT " + Words.binary(pgtt.encoding(), 3) + " (D8)";
    return reading.isEmpty() ? note : reading + "; " + note;
  }

  /**
   * True when {@code pgtt} does not use {@code f} (D8): SSPTPTR, AW, SSEE, SSADE for 001b; FSPTPTR,
   * FSPM, WPE for 010b; the pointers and AW for 100b.
   */
  static boolean ignored(Pgtt pgtt, BitField f) {
    return switch (pgtt) {
      case FIRST_STAGE -> f == SSPTPTR || f == AW || f == SSEE || f == SSADE;
      case SECOND_STAGE -> f == FSPTPTR || f == FSPM || f == WPE;
      case PASS_THROUGH -> f == SSPTPTR || f == FSPTPTR || f == AW;
      default -> false;
    };
  }

  /** Bits translated by a first-stage table of {@code levels} levels: 12 + 9 x levels. */
  private static int firstStageWidth(int levels) {
    return PAGE_OFFSET_BITS + BITS_PER_LEVEL * levels;
  }

  private static String firstStageTable(PasidEntry e, Pgtt pgtt) {
    return (pgtt == Pgtt.NESTED ? "GPA 0x" : "HPA 0x") + Long.toHexString(e.fsptptr());
  }

  private static String reading(PasidEntry e, Pgtt pgtt, BitField f) {
    if (f == P) {
      return Texts.present(e.present());
    }
    if (f == FPD) {
      return Texts.flag(e.fpd(), "qualified faults not recorded");
    }
    if (f == AW) {
      return Agaw.describe(e.aw());
    }
    if (f == PGTT) {
      return pgtt.meaning();
    }
    if (f == SSPTPTR) {
      return "second-stage table at " + Texts.hpa(e.ssptptr());
    }
    if (f == DID) {
      return "domain " + Texts.did(e.did());
    }
    if (f == FSPM) {
      return e.fspm() <= FSPM_5_LEVEL
          ? e.firstStageLevels() + "-level (" + firstStageWidth(e.firstStageLevels()) + "-bit)"
          : "reserved";
    }
    if (f == FSPTPTR) {
      return "first-stage table at " + firstStageTable(e, pgtt);
    }
    if (f == SSEE) {
      return Texts.flag(e.ssee(), "second-stage X bit honoured");
    }
    if (f == SSADE) {
      return Texts.flag(e.ssade(), "second-stage A/D bits set");
    }
    if (f == PWSNP) {
      return Texts.flag(e.pwsnp(), "table walks snooped");
    }
    if (f == PGSNP) {
      return Texts.flag(e.pgsnp(), "all accesses snooped");
    }
    if (f == SRE) {
      return e.sre() ? "supervisor requests allowed" : "supervisor requests blocked";
    }
    if (f == ERE) {
      return e.ere() ? "execute requests allowed" : "execute requests blocked";
    }
    if (f == WPE) {
      return Texts.flag(e.wpe(), "supervisor writes honour R/W");
    }
    if (f == NXE) {
      return Texts.flag(e.nxe(), "XD honoured");
    }
    if (f == SMEP) {
      return Texts.flag(e.smep(), "supervisor execute of user pages blocked");
    }
    if (f == EAFE) {
      return Texts.flag(e.eafe(), "EA bit set in first-stage entries");
    }
    return "";
  }
}
