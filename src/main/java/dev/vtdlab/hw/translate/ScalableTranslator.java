package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ProgrammingCheck;
import dev.vtdlab.hw.struct.ReservedBits;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.mem.PhysicalMemory;

/**
 * Scalable mode (RTADDR.TTM = 01b; digest 7.3) up to the PASID entry: root entry half (SRT.1-3,
 * D4), scalable-mode context entry (SCT.1-3; FPD noted even when not present, D17; SCT.4), the
 * PASID used ({@link PasidSelection}: SCT.6, SGN.10, SCT.7, SCT.9; RID_PASID and RID_PRIV, D6),
 * PASID-directory entry (SPD.1-3), PASID entry (SPT.1-4, D5, D8, D19; SPT.4.4 for a nested FSPTPTR
 * beyond the second-stage width), then SPT.5 (execute with ERE = 0, requests with PASID) and SPT.6
 * (supervisor, also by RID_PRIV, with SRE = 0; D7 as amended by spec 5.10). The PGTT dispatch is
 * {@link PgttDispatch}. Spec 5.10 rows: docs/spec-deviations.md.
 */
final class ScalableTranslator {
  private final TranslatorCore core;
  private final PgttDispatch dispatch;

  ScalableTranslator(TranslatorCore core) {
    this.core = core;
    this.dispatch = new PgttDispatch(core);
  }

  Translation translate(Scratch s, long rootTableHpa) {
    DmaRequest r = s.request;
    int sid = r.sid().value();
    ScalableContextEntry ce = core.hooks.context().lookupScalable(sid);
    if (ce != null) {
      s.fpd = ce.fpd();
    } else {
      Object read = readContext(s, rootTableHpa);
      if (read instanceof Fault f) {
        return f;
      }
      ce = (ScalableContextEntry) read;
      Fault invalid = PasidSelection.invalidContext(s, core.unit, ce);
      if (invalid != null) {
        return invalid;
      }
      core.hooks.context().fillScalable(sid, ce);
    }
    Fault selected = PasidSelection.select(s, core.unit, ce);
    if (selected != null) {
      return selected;
    }
    int pasid = s.pasid;
    PasidEntry pe;
    CachedPasidEntry cached = core.hooks.pasid().lookup(sid, pasid);
    if (cached != null) {
      pe = cached.entry();
      s.fpd |= cached.directoryFpd() || pe.fpd();
    } else {
      Object read = readPasidEntry(s, ce, pasid);
      if (read instanceof Fault f) {
        return f;
      }
      pe = (PasidEntry) read;
    }
    if (r.hasPasid()) {
      if (r.access() == Access.EXECUTE && !pe.ere()) {
        return FaultBuilder.structure(
            s,
            FaultReason.SPT_5,
            "execute request but the PASID entry for PASID "
                + Explain.hex(pasid)
                + " has ERE (bit 129) = 0 (D7)");
      }
    }
    if (s.supervisor && !pe.sre()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPT_6,
          (r.hasPasid()
                  ? "supervisor request"
                  : "request without PASID made supervisor by RID_PRIV")
              + " but the PASID entry for PASID "
              + Explain.hex(pasid)
              + " has SRE (bit 128) = 0 (D7, spec 5.10 SPT.6)");
    }
    s.did = pe.did();
    s.executeAllowed = r.hasPasid() && pe.ere();
    s.wpe = pe.wpe();
    s.smep = pe.smep();
    s.snoopedWalk = pe.pwsnp();
    s.ssade = pe.ssade();
    return dispatch.translate(s, pe);
  }

  /** Root entry half and context entry: the context entry, or a {@link Fault}. */
  private Object readContext(Scratch s, long rootTableHpa) {
    PhysicalMemory m = core.memory;
    int bus = s.request.sid().bus();
    int devfn = s.request.sid().devfn();
    long rootHpa = ScalableRootEntry.address(rootTableHpa, bus);
    boolean upper = ScalableRootEntry.upperHalf(devfn);
    if (!m.isReadable(rootHpa, ScalableRootEntry.SIZE)) {
      s.trail.add(EntryKind.ROOT, 0, rootHpa, 0, false);
      return FaultBuilder.structure(
          s,
          FaultReason.SRT_1,
          Explain.readError(rootName(bus, upper), rootHpa, ScalableRootEntry.SIZE));
    }
    ScalableRootEntry root = new ScalableRootEntry(m.read64(rootHpa), m.read64(rootHpa + 8));
    s.trail.add(EntryKind.ROOT, 0, rootHpa, upper ? root.hi() : root.lo(), true);
    if (!root.present(devfn)) {
      return FaultBuilder.structure(
          s,
          FaultReason.SRT_2,
          Explain.notPresent(
              rootName(bus, upper),
              rootHpa,
              Explain.words(root.lo(), root.hi()),
              upper ? "UP (bit 64)" : "LP (bit 0)"));
    }
    ReservedBits rb = root.reservedBits(core.unit, devfn);
    if (rb.any()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SRT_3,
          Explain.reserved(rootHpa, Explain.words(root.lo(), root.hi()), rb.message()));
    }
    long ctxHpa = ScalableContextEntry.address(root.contextTable(devfn), devfn);
    if (!m.isReadable(ctxHpa, ScalableContextEntry.SIZE)) {
      s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, 0, false);
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_1,
          Explain.readError(contextName(s), ctxHpa, ScalableContextEntry.SIZE));
    }
    ScalableContextEntry ce =
        new ScalableContextEntry(
            m.read64(ctxHpa), m.read64(ctxHpa + 8), m.read64(ctxHpa + 16), m.read64(ctxHpa + 24));
    s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, ce.w0(), true);
    s.fpd = ce.fpd();
    if (!ce.present()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_2,
          Explain.notPresent(
              contextName(s),
              ctxHpa,
              Explain.words(ce.w0(), ce.w1(), ce.w2(), ce.w3()),
              "P (bit 0)"));
    }
    rb = ce.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_3,
          Explain.reserved(
              ctxHpa, Explain.words(ce.w0(), ce.w1(), ce.w2(), ce.w3()), rb.message()));
    }
    return ce;
  }

  /** PASID-directory entry and PASID entry: the PASID entry, or a {@link Fault}. */
  private Object readPasidEntry(Scratch s, ScalableContextEntry ce, int pasid) {
    PhysicalMemory m = core.memory;
    long dirHpa = PasidDirEntry.address(ce.pasiddirptr(), pasid);
    if (!m.isReadable(dirHpa, PasidDirEntry.SIZE)) {
      s.trail.add(EntryKind.PASID_DIRECTORY, 0, dirHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SPD_1, Explain.readError(dirName(pasid), dirHpa, PasidDirEntry.SIZE));
    }
    PasidDirEntry dir = new PasidDirEntry(m.read64(dirHpa));
    s.trail.add(EntryKind.PASID_DIRECTORY, 0, dirHpa, dir.value(), true);
    s.fpd |= dir.fpd();
    if (!dir.present()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPD_2,
          Explain.notPresent(dirName(pasid), dirHpa, Explain.qword(dir.value()), "P (bit 0)"));
    }
    ReservedBits rb = dir.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s, FaultReason.SPD_3, Explain.reserved(dirHpa, Explain.qword(dir.value()), rb.message()));
    }
    long peHpa = PasidEntry.address(dir.smptblptr(), pasid);
    if (!m.isReadable(peHpa, PasidEntry.SIZE)) {
      s.trail.add(EntryKind.PASID_ENTRY, 0, peHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SPT_1, Explain.readError(peName(pasid), peHpa, PasidEntry.SIZE));
    }
    PasidEntry pe =
        new PasidEntry(
            m.read64(peHpa),
            m.read64(peHpa + 8),
            m.read64(peHpa + 16),
            m.read64(peHpa + 24),
            m.read64(peHpa + 32),
            m.read64(peHpa + 40),
            m.read64(peHpa + 48),
            m.read64(peHpa + 56));
    s.trail.add(EntryKind.PASID_ENTRY, 0, peHpa, pe.w0(), true);
    s.fpd |= pe.fpd();
    if (!pe.present()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPT_2,
          Explain.notPresent(
              peName(pasid), peHpa, Explain.words(pe.w0(), pe.w1(), pe.w2()), "P (bit 0)"));
    }
    rb = pe.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s, FaultReason.SPT_3, Explain.reserved(peHpa, Explain.words(pe.words()), rb.message()));
    }
    ProgrammingCheck check = pe.invalidProgramming(core.unit);
    if (check instanceof ProgrammingCheck.Invalid invalid) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPT_4,
          Explain.invalid(peHpa, Explain.words(pe.w0(), pe.w1(), pe.w2()), invalid.message()));
    }
    if (pe.pgtt() == Pgtt.NESTED) {
      int width = Math.min(Agaw.widthBits(pe.aw()), core.mgaw);
      if ((pe.fsptptr() >>> width) != 0) {
        return FaultBuilder.structure(
            s,
            FaultReason.SPT_4,
            Explain.invalid(
                peHpa,
                Explain.words(pe.w0(), pe.w1(), pe.w2()),
                "nested PASID entry with FSPTPTR "
                    + Explain.hex(pe.fsptptr())
                    + " at or above 2^"
                    + width
                    + " = 2^min(AGAW width, MGAW) (spec 5.10 SPT.4.4)"));
      }
    }
    core.hooks.pasid().fill(s.request.sid().value(), pasid, new CachedPasidEntry(pe, dir.fpd()));
    return pe;
  }

  private static String rootName(int bus, boolean upper) {
    return "scalable-mode root entry for bus "
        + Explain.hex(bus)
        + (upper ? " (upper half, devfn 0x80-0xff)" : " (lower half, devfn 0x00-0x7f)");
  }

  private static String contextName(Scratch s) {
    return "scalable-mode context entry for " + s.request.sid();
  }

  private static String dirName(int pasid) {
    return "PASID-directory entry for PASID " + Explain.hex(pasid);
  }

  private static String peName(int pasid) {
    return "PASID entry for PASID " + Explain.hex(pasid);
  }
}
