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
 * D4), scalable-mode context entry (SCT.1-3; FPD noted even when not present, D17), the PASID used
 * (SCT.6 for a request with PASID while PASIDE = 0; RID_PASID and RID_PRIV for requests without,
 * D6), the PASID limit (SCT.7 / SCT.9, D6), PASID-directory entry (SPD.1-3), PASID entry (SPT.1-4,
 * D5, D8, D19), then ERE / SRE for requests with PASID (SPT.5 before SPT.6, D7). The PGTT dispatch
 * is {@link PgttDispatch}.
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
    int limit = ce.pasidLimit(core.unit);
    int pasid;
    if (r.hasPasid()) {
      if (!ce.pasidEnable()) {
        return FaultBuilder.structure(
            s,
            FaultReason.SCT_6,
            "request with PASID "
                + Explain.hex(r.pasid())
                + " but the scalable-mode context entry for "
                + r.sid()
                + " has PASIDE (bit 3) = 0");
      }
      pasid = r.pasid();
      s.supervisor = r.privileged();
      if (pasid >= limit) {
        return FaultBuilder.structure(s, FaultReason.SCT_7, limitText("PASID", pasid, limit, ce));
      }
    } else {
      pasid = ce.effectiveRidPasid(core.unit);
      s.supervisor = ce.effectiveRidPriv(core.unit);
      if (pasid >= limit) {
        return FaultBuilder.structure(
            s, FaultReason.SCT_9, limitText("RID_PASID", pasid, limit, ce));
      }
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
    if (r.hasPasid()) {
      if (r.access() == Access.EXECUTE && !pe.ere()) {
        return FaultBuilder.structure(
            s,
            FaultReason.SPT_5,
            "execute request but the PASID entry for PASID "
                + Explain.hex(pasid)
                + " has ERE (bit 129) = 0 (D7)");
      }
      if (r.privileged() && !pe.sre()) {
        return FaultBuilder.structure(
            s,
            FaultReason.SPT_6,
            "supervisor request but the PASID entry for PASID "
                + Explain.hex(pasid)
                + " has SRE (bit 128) = 0 (D7)");
      }
    }
    s.did = pe.did();
    s.executeAllowed = r.hasPasid() && pe.ere();
    s.wpe = pe.wpe();
    s.smep = pe.smep();
    s.snoopedWalk = pe.pwsnp();
    s.ssade = pe.ssade();
    return dispatch.translate(s, pe);
  }

  private static String limitText(String what, int pasid, int limit, ScalableContextEntry ce) {
    return what
        + " "
        + Explain.hex(pasid)
        + " is at or above the PASID limit "
        + Explain.hex(limit)
        + " = min(2^(PDTS "
        + ce.pdts()
        + " + 7) x 64, 2^(ECAP.PSS + 1)) (D6)";
  }

  /** Root entry half and context entry: the context entry, or a {@link Fault}. */
  private Object readContext(Scratch s, long rootTableHpa) {
    PhysicalMemory m = core.memory;
    int bus = s.request.sid().bus();
    int devfn = s.request.sid().devfn();
    long rootHpa = ScalableRootEntry.address(rootTableHpa, bus);
    boolean upper = ScalableRootEntry.upperHalf(devfn);
    String rootName =
        "scalable-mode root entry for bus "
            + Explain.hex(bus)
            + (upper ? " (upper half, devfn 0x80-0xff)" : " (lower half, devfn 0x00-0x7f)");
    if (!m.isReadable(rootHpa, ScalableRootEntry.SIZE)) {
      s.trail.add(EntryKind.ROOT, 0, rootHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SRT_1, Explain.readError(rootName, rootHpa, ScalableRootEntry.SIZE));
    }
    ScalableRootEntry root = new ScalableRootEntry(m.read64(rootHpa), m.read64(rootHpa + 8));
    s.trail.add(EntryKind.ROOT, 0, rootHpa, upper ? root.hi() : root.lo(), true);
    String rootRaw = Explain.words(root.lo(), root.hi());
    if (!root.present(devfn)) {
      return FaultBuilder.structure(
          s,
          FaultReason.SRT_2,
          Explain.notPresent(rootName, rootHpa, rootRaw, upper ? "UP (bit 64)" : "LP (bit 0)"));
    }
    ReservedBits rb = root.reservedBits(core.unit, devfn);
    if (rb.any()) {
      return FaultBuilder.structure(
          s, FaultReason.SRT_3, Explain.reserved(rootHpa, rootRaw, rb.message()));
    }
    long ctxHpa = ScalableContextEntry.address(root.contextTable(devfn), devfn);
    String ctxName = "scalable-mode context entry for " + s.request.sid();
    if (!m.isReadable(ctxHpa, ScalableContextEntry.SIZE)) {
      s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SCT_1, Explain.readError(ctxName, ctxHpa, ScalableContextEntry.SIZE));
    }
    ScalableContextEntry ce =
        new ScalableContextEntry(
            m.read64(ctxHpa), m.read64(ctxHpa + 8), m.read64(ctxHpa + 16), m.read64(ctxHpa + 24));
    s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, ce.w0(), true);
    s.fpd = ce.fpd();
    String ctxRaw = Explain.words(ce.w0(), ce.w1(), ce.w2(), ce.w3());
    if (!ce.present()) {
      return FaultBuilder.structure(
          s, FaultReason.SCT_2, Explain.notPresent(ctxName, ctxHpa, ctxRaw, "P (bit 0)"));
    }
    rb = ce.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s, FaultReason.SCT_3, Explain.reserved(ctxHpa, ctxRaw, rb.message()));
    }
    return ce;
  }

  /** PASID-directory entry and PASID entry: the PASID entry, or a {@link Fault}. */
  private Object readPasidEntry(Scratch s, ScalableContextEntry ce, int pasid) {
    PhysicalMemory m = core.memory;
    long dirHpa = PasidDirEntry.address(ce.pasiddirptr(), pasid);
    String dirName = "PASID-directory entry for PASID " + Explain.hex(pasid);
    if (!m.isReadable(dirHpa, PasidDirEntry.SIZE)) {
      s.trail.add(EntryKind.PASID_DIRECTORY, 0, dirHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SPD_1, Explain.readError(dirName, dirHpa, PasidDirEntry.SIZE));
    }
    PasidDirEntry dir = new PasidDirEntry(m.read64(dirHpa));
    s.trail.add(EntryKind.PASID_DIRECTORY, 0, dirHpa, dir.value(), true);
    s.fpd |= dir.fpd();
    String dirRaw = Explain.qword(dir.value());
    if (!dir.present()) {
      return FaultBuilder.structure(
          s, FaultReason.SPD_2, Explain.notPresent(dirName, dirHpa, dirRaw, "P (bit 0)"));
    }
    ReservedBits rb = dir.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s, FaultReason.SPD_3, Explain.reserved(dirHpa, dirRaw, rb.message()));
    }
    long peHpa = PasidEntry.address(dir.smptblptr(), pasid);
    String peName = "PASID entry for PASID " + Explain.hex(pasid);
    if (!m.isReadable(peHpa, PasidEntry.SIZE)) {
      s.trail.add(EntryKind.PASID_ENTRY, 0, peHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.SPT_1, Explain.readError(peName, peHpa, PasidEntry.SIZE));
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
          Explain.notPresent(peName, peHpa, Explain.words(pe.w0(), pe.w1(), pe.w2()), "P (bit 0)"));
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
}
