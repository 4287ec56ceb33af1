package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.ProgrammingCheck;
import dev.vtdlab.hw.struct.ReservedBits;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.mem.PhysicalMemory;

/**
 * Scalable mode (RTADDR.TTM = 01b; digest 7.3) up to the PASID entry: root entry half (SRT.1-3,
 * D4), scalable-mode context entry (SCT.1-3; FPD noted even when not present, D17), its invalid
 * programming (SCT.4: PRE without DTE, RID_PASID beyond the PDTS limit), then for a request with
 * PASID: SCT.6 (PASIDE = 0), SGN.10 (PASID beyond ECAP.PSS), SCT.7 (PASID beyond the PDTS limit),
 * SCT.9 (PASID = RID_PASID, units with ECAP.RPS); requests without PASID use RID_PASID and RID_PRIV
 * (D6). Then the PASID-directory entry (SPD.1-3), PASID entry (SPT.1-4, D5, D8, D19), ERE for
 * requests with PASID (SPT.5) and SRE for every supervisor request, RID_PRIV included (SPT.6). The
 * SCT.4, SGN.10, SCT.9 and SPT.6 rules follow VT-d spec 5.10 Table 30 where decisions D6, D7 and
 * D19 said otherwise (docs/spec-deviations.md rows 3-6). The PGTT dispatch is {@link PgttDispatch}.
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
      if (core.cachingMode) {
        CachedFault cached = core.hooks.context().lookupFaultScalable(sid);
        if (cached != null) {
          return FaultBuilder.cached(s, cached);
        }
      }
      Object read = readContext(s, rootTableHpa);
      if (read instanceof Fault f) {
        if (core.cachingMode && NegativeCaching.context(f.reason())) {
          core.hooks.context().fillFaultScalable(sid, CachedFault.of(f));
        }
        return f;
      }
      ce = (ScalableContextEntry) read;
      core.hooks.context().fillScalable(sid, ce);
    }
    int ridPasid = ce.effectiveRidPasid(core.unit);
    int pasid;
    if (r.hasPasid()) {
      Fault f = checkPasid(s, ce, ridPasid);
      if (f != null) {
        return f;
      }
      pasid = r.pasid();
      s.supervisor = r.privileged();
    } else {
      pasid = ridPasid;
      s.supervisor = ce.effectiveRidPriv(core.unit);
    }
    s.pasidUsed = true;
    s.pasid = pasid;
    PasidEntry pe;
    CachedPasidEntry cached = core.hooks.pasid().lookup(sid, pasid);
    if (cached != null) {
      pe = cached.entry();
      s.fpd |= cached.directoryFpd() || pe.fpd();
    } else {
      if (core.cachingMode) {
        CachedFault negative = core.hooks.pasid().lookupFault(sid, pasid);
        if (negative != null) {
          return FaultBuilder.cached(s, negative);
        }
      }
      Object read = readPasidEntry(s, ce, pasid);
      if (read instanceof Fault f) {
        if (core.cachingMode && NegativeCaching.pasid(f.reason())) {
          core.hooks.pasid().fillFault(sid, pasid, CachedFault.of(f));
        }
        return f;
      }
      pe = (PasidEntry) read;
    }
    if (r.hasPasid() && r.access() == Access.EXECUTE && !pe.ere()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPT_5,
          "execute request but the PASID entry for PASID "
              + Explain.hex(pasid)
              + " has ERE (bit 129) = 0 (D7)");
    }
    if (s.supervisor && !pe.sre()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SPT_6,
          "supervisor request"
              + (r.hasPasid() ? "" : " (RID_PRIV = 1)")
              + " but the PASID entry for PASID "
              + Explain.hex(pasid)
              + " has SRE (bit 128) = 0 (D7; spec 5.10 SPT.6: with or without PASID)");
    }
    s.did = pe.did();
    s.executeAllowed = r.hasPasid() && pe.ere();
    s.wpe = pe.wpe();
    s.smep = pe.smep();
    s.snoopedWalk = pe.pwsnp();
    s.ssade = pe.ssade();
    return dispatch.translate(s, pe);
  }

  /**
   * The checks of a request's PASID against the context entry, in this order (spec 5.10 Table 30;
   * the order is vtdlab's, docs/spec-deviations.md): SCT.6 (PASIDE = 0), SGN.10 (PASID at or above
   * 2^(ECAP.PSS + 1)), SCT.7 (PASID at or above 2^(PDTS + 7) x 64), SCT.9 (PASID = RID_PASID on a
   * unit with ECAP.RPS). Null when the PASID may be used.
   */
  private Fault checkPasid(Scratch s, ScalableContextEntry ce, int ridPasid) {
    DmaRequest r = s.request;
    int pasid = r.pasid();
    if (!ce.pasidEnable()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_6,
          "request with PASID "
              + Explain.hex(pasid)
              + " but the scalable-mode context entry for "
              + r.sid()
              + " has PASIDE (bit 3) = 0");
    }
    int pasidBits = core.unit.ecap().pasidBits();
    if ((pasid >>> pasidBits) != 0) {
      return FaultBuilder.structure(
          s,
          FaultReason.SGN_10,
          "PASID "
              + Explain.hex(pasid)
              + " is at or above 2^"
              + pasidBits
              + " (ECAP.PSS + 1 bits; spec 5.10 SGN.10)");
    }
    int limit = ce.pasidLimit();
    if (pasid >= limit) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_7,
          "PASID "
              + Explain.hex(pasid)
              + " is at or above the PASID-directory limit "
              + Explain.hex(limit)
              + " = 2^(PDTS "
              + ce.pdts()
              + " + 7) x 64");
    }
    if (core.unit.ecap().ridPasid() && pasid == ridPasid) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_9,
          "PASID "
              + Explain.hex(pasid)
              + " equals the RID_PASID of the scalable-mode context entry for "
              + r.sid()
              + " (spec 5.10 SCT.9)");
    }
    return null;
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
    ProgrammingCheck check = ce.invalidProgramming(core.unit);
    if (check instanceof ProgrammingCheck.Invalid invalid) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_4,
          Explain.invalid(
              ctxHpa, Explain.words(ce.w0(), ce.w1(), ce.w2(), ce.w3()), invalid.message()));
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
