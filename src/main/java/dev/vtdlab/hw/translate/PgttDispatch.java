package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.pagetable.Rights;

/**
 * Scalable mode after the PASID entry (digest 7.3 step 15, 7.4): PGTT 001b first stage only, 010b
 * second stage only, 011b nested (D13), 100b pass-through (D9); each walk's format comes from the
 * unit and the PASID entry (FSPM, NXE, EAFE, AW, SSEE). The IOTLB hook is consulted first.
 */
final class PgttDispatch {
  private final TranslatorCore core;

  PgttDispatch(TranslatorCore core) {
    this.core = core;
  }

  Translation translate(Scratch s, PasidEntry pe) {
    TranslationMode mode =
        switch (pe.pgtt()) {
          case FIRST_STAGE -> TranslationMode.FIRST_STAGE;
          case SECOND_STAGE -> TranslationMode.SECOND_STAGE;
          case NESTED -> TranslationMode.NESTED;
          case PASS_THROUGH -> TranslationMode.PASS_THROUGH;
          default -> throw new IllegalStateException("PGTT " + pe.pgtt() + " passed SPT.4");
        };
    if (mode == TranslationMode.PASS_THROUGH) {
      return passThrough(s);
    }
    if (mode == TranslationMode.FIRST_STAGE || mode == TranslationMode.NESTED) {
      s.firstStageWalker = core.walkers.firstStage(pe.firstStageLevels(), pe.nxe(), pe.eafe());
    }
    if (mode == TranslationMode.SECOND_STAGE || mode == TranslationMode.NESTED) {
      s.secondStageWalker = core.walkers.secondStage(Agaw.levels(pe.aw()), pe.ssee());
    }
    long address = s.request.address();
    int sid = s.request.sid().value();
    if (Completion.useCached(s, core.hooks.iotlb().lookup(sid, s.did, s.pasid, address))) {
      return Completion.finish(core, s, mode, SecondStageCodes.SCALABLE, true);
    }
    boolean negativeCaching = core.cachingMode && mode == TranslationMode.SECOND_STAGE;
    if (negativeCaching) {
      CachedFault cached = core.hooks.iotlb().lookupFault(sid, s.did, s.pasid, address);
      if (cached != null) {
        return FaultBuilder.cached(s, cached);
      }
    }
    int width = Math.min(Agaw.widthBits(pe.aw()), core.mgaw);
    Fault f =
        switch (mode) {
          case FIRST_STAGE -> FirstStageWalk.translate(s, s.firstStageWalker, pe.fsptptr());
          case SECOND_STAGE ->
              SecondStageWalk.translate(
                  s, s.secondStageWalker, pe.ssptptr(), width, SecondStageCodes.SCALABLE);
          default ->
              NestedWalk.translate(
                  s, s.firstStageWalker, pe.fsptptr(), s.secondStageWalker, pe.ssptptr(), width);
        };
    if (f != null) {
      if (negativeCaching) {
        CachedFault negative = NegativeCaching.secondStageWalk(f, SecondStageCodes.SCALABLE);
        if (negative != null) {
          core.hooks.iotlb().fillFault(sid, s.did, s.pasid, address, negative);
        }
      }
      return f;
    }
    return Completion.finish(core, s, mode, SecondStageCodes.SCALABLE, false);
  }

  /** PGTT 100b (D9): output = input, 4 KiB; the input must be below 2^HAW (SGN.4). */
  private Translation passThrough(Scratch s) {
    return Completion.passThrough(
        core,
        s,
        FaultReason.SGN_4,
        Rights.ALL,
        TranslationMode.PASS_THROUGH,
        SecondStageCodes.SCALABLE);
  }
}
