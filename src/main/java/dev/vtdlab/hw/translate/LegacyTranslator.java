package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.ProgrammingCheck;
import dev.vtdlab.hw.struct.ReservedBits;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.Rights;

/**
 * Legacy mode (RTADDR.TTM = 00b; digest 7.2): root entry (LRT.1-3), context entry (LCT.1-4, FPD
 * noted even when not present, D17), then pass-through for TT = 10b (D9) or the second-stage walk
 * (LGN.1 width, LCT.4 / LSL.1 read errors, LGN.2 / LGN.3 for non-present entries and rights, LSL.2
 * reserved bits; D12, D15, D16), and the interrupt-range check LGN.4 (D14). Requests with PASID
 * never get here (RTA.2).
 */
final class LegacyTranslator {
  private final TranslatorCore core;

  LegacyTranslator(TranslatorCore core) {
    this.core = core;
  }

  Translation translate(Scratch s, long rootTableHpa) {
    int sid = s.request.sid().value();
    ContextEntry ce = core.hooks.context().lookupLegacy(sid);
    if (ce != null) {
      s.fpd = ce.fpd();
    } else {
      if (core.cachingMode) {
        CachedFault cached = core.hooks.context().lookupFaultLegacy(sid);
        if (cached != null) {
          return FaultBuilder.cached(s, cached);
        }
      }
      Object read = readContext(s, rootTableHpa);
      if (read instanceof Fault f) {
        if (core.cachingMode && NegativeCaching.context(f.reason())) {
          core.hooks.context().fillFaultLegacy(sid, CachedFault.of(f));
        }
        return f;
      }
      ce = (ContextEntry) read;
      core.hooks.context().fillLegacy(sid, ce);
    }
    s.did = ce.did();
    if (ce.translationType() == TranslationType.PASS_THROUGH) {
      return passThrough(s);
    }
    long iova = s.request.address();
    if (Completion.useCached(s, core.hooks.iotlb().lookupLegacy(sid, s.did, iova))) {
      return Completion.finish(core, s, TranslationMode.LEGACY, SecondStageCodes.LEGACY, true);
    }
    if (core.cachingMode) {
      CachedFault cached = core.hooks.iotlb().lookupFaultLegacy(sid, s.did, iova);
      if (cached != null) {
        return FaultBuilder.cached(s, cached);
      }
    }
    int levels = Agaw.levels(ce.aw());
    s.secondStageWalker = core.walkers.secondStage(levels, false);
    int width = Math.min(Agaw.widthBits(ce.aw()), core.mgaw);
    Fault f =
        SecondStageWalk.translate(
            s, s.secondStageWalker, ce.ssptptr(), width, SecondStageCodes.LEGACY);
    if (f != null) {
      if (core.cachingMode) {
        CachedFault negative = NegativeCaching.secondStageWalk(f, SecondStageCodes.LEGACY);
        if (negative != null) {
          core.hooks.iotlb().fillFaultLegacy(sid, s.did, iova, negative);
        }
      }
      return f;
    }
    return Completion.finish(core, s, TranslationMode.LEGACY, SecondStageCodes.LEGACY, false);
  }

  /** TT = 10b (D9): output = input, 4 KiB, read/write; the input must be below 2^HAW (LGN.1). */
  private Translation passThrough(Scratch s) {
    return Completion.passThrough(
        core,
        s,
        FaultReason.LGN_1,
        Rights.READ | Rights.WRITE,
        TranslationMode.LEGACY_PASS_THROUGH,
        SecondStageCodes.LEGACY);
  }

  /** Reads and checks the root and context entries: the context entry, or a {@link Fault}. */
  private Object readContext(Scratch s, long rootTableHpa) {
    PhysicalMemory m = core.memory;
    int bus = s.request.sid().bus();
    int devfn = s.request.sid().devfn();
    long rootHpa = RootEntry.address(rootTableHpa, bus);
    if (!m.isReadable(rootHpa, RootEntry.SIZE)) {
      s.trail.add(EntryKind.ROOT, 0, rootHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.LRT_1, Explain.readError(rootName(bus), rootHpa, RootEntry.SIZE));
    }
    RootEntry root = new RootEntry(m.read64(rootHpa), m.read64(rootHpa + 8));
    s.trail.add(EntryKind.ROOT, 0, rootHpa, root.lo(), true);
    if (!root.present()) {
      return FaultBuilder.structure(
          s,
          FaultReason.LRT_2,
          Explain.notPresent(
              rootName(bus), rootHpa, Explain.words(root.lo(), root.hi()), "P (bit 0)"));
    }
    ReservedBits rb = root.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s,
          FaultReason.LRT_3,
          Explain.reserved(rootHpa, Explain.words(root.lo(), root.hi()), rb.message()));
    }
    long ctxHpa = ContextEntry.address(root.ctp(), devfn);
    if (!m.isReadable(ctxHpa, ContextEntry.SIZE)) {
      s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, 0, false);
      return FaultBuilder.structure(
          s, FaultReason.LCT_1, Explain.readError(contextName(s), ctxHpa, ContextEntry.SIZE));
    }
    ContextEntry ce = new ContextEntry(m.read64(ctxHpa), m.read64(ctxHpa + 8));
    s.trail.add(EntryKind.CONTEXT, 0, ctxHpa, ce.lo(), true);
    s.fpd = ce.fpd();
    if (!ce.present()) {
      return FaultBuilder.structure(
          s,
          FaultReason.LCT_2,
          Explain.notPresent(contextName(s), ctxHpa, Explain.words(ce.lo(), ce.hi()), "P (bit 0)"));
    }
    rb = ce.reservedBits(core.unit);
    if (rb.any()) {
      return FaultBuilder.structure(
          s,
          FaultReason.LCT_3,
          Explain.reserved(ctxHpa, Explain.words(ce.lo(), ce.hi()), rb.message()));
    }
    ProgrammingCheck check = ce.invalidProgramming(core.unit);
    if (check instanceof ProgrammingCheck.Invalid invalid) {
      return FaultBuilder.structure(
          s,
          FaultReason.LCT_4,
          Explain.invalid(ctxHpa, Explain.words(ce.lo(), ce.hi()), invalid.message()));
    }
    return ce;
  }

  private static String rootName(int bus) {
    return "legacy root entry for bus " + Explain.hex(bus);
  }

  private static String contextName(Scratch s) {
    return "legacy context entry for " + s.request.sid();
  }
}
