package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.pagetable.Rights;

/**
 * The common end of every translation, walked or from the IOTLB hook: the request's rights against
 * the rights of the walk (D12; first stage, then in scalable mode SSS.2 when the second stage
 * grants neither read nor write (spec 5.10 Table 30), then the second stage's execute / write /
 * read), the output address check (D14), the A/D updates (D20), the IOTLB fill, and the {@link
 * Translated} result with this requester's permissions.
 */
final class Completion {
  private Completion() {}

  /**
   * Pass-through (D9): output = input, 4 KiB, second-stage rights {@code rights}; an input at or
   * above 2^HAW faults with {@code beyondHaw} (legacy TT = 10b: LGN.1; scalable PGTT 100b: SGN.4).
   */
  static Translation passThrough(
      TranslatorCore core,
      Scratch s,
      FaultReason beyondHaw,
      int rights,
      TranslationMode mode,
      SecondStageCodes codes) {
    long input = s.request.address();
    int haw = core.unit.haw();
    if ((input >>> haw) != 0) {
      return FaultBuilder.structure(
          s,
          beyondHaw,
          "pass-through input "
              + Explain.hex(input)
              + " is at or above 2^"
              + haw
              + " (HAW): the output must be a host address (D9)");
    }
    s.outHpa = input;
    s.outSize = PageSize.SIZE_4K;
    s.ssRights = rights;
    return finish(core, s, mode, codes, false);
  }

  /**
   * Finishes the request in {@code s} whose walk (or cache hit) set {@code outHpa}, {@code
   * outSize}, {@code fsRights} and {@code ssRights}.
   */
  static Translation finish(
      TranslatorCore core,
      Scratch s,
      TranslationMode mode,
      SecondStageCodes codes,
      boolean fromCache) {
    Access access = s.request.access();
    if (mode == TranslationMode.FIRST_STAGE || mode == TranslationMode.NESTED) {
      FaultReason denied = RightsCheck.firstStage(s.fsRights, access, s.supervisor, s.wpe, s.smep);
      if (denied != null) {
        return FaultBuilder.fault(
            s,
            denied,
            0,
            FaultStage.FIRST,
            RightsCheck.explain(
                "first-stage",
                denied,
                access,
                s.supervisor,
                s.fsRights,
                fromCache ? null : s.firstStageWalker.format(),
                s.path));
      }
    }
    if (mode == TranslationMode.LEGACY
        || mode == TranslationMode.SECOND_STAGE
        || mode == TranslationMode.NESTED) {
      FaultReason denied = RightsCheck.secondStage(s.ssRights, access, codes);
      if (denied != null) {
        return FaultBuilder.fault(
            s,
            denied,
            0,
            FaultStage.SECOND,
            RightsCheck.explain(
                "second-stage",
                denied,
                access,
                s.supervisor,
                s.ssRights,
                fromCache ? null : s.secondStageWalker.format(),
                mode == TranslationMode.NESTED ? s.finalPath : s.path));
      }
    }
    if (Interrupt.inRange(s.outHpa)) {
      return FaultBuilder.structure(
          s,
          codes.interruptRange,
          "the output address "
              + Explain.hex(s.outHpa)
              + " is in the interrupt range 0xfee00000-0xfeefffff (D14)");
    }
    if (!fromCache) {
      if (core.writable != null) {
        Fault f = AccessedDirty.update(core, s, mode);
        if (f != null) {
          return f;
        }
      }
      fill(core, s, mode);
    }
    return new Translated(
        s.request,
        s.outHpa,
        s.outSize,
        permission(s, mode),
        s.did,
        s.pasidUsed,
        s.pasid,
        mode,
        s.trail.structureReads(),
        s.trail.walkReads(),
        s.trail.snapshot(),
        fromCache);
  }

  private static void fill(TranslatorCore core, Scratch s, TranslationMode mode) {
    if (mode == TranslationMode.FIRST_STAGE || mode == TranslationMode.NESTED) {
      core.hooks
          .pagingStructure()
          .fillFirstStage(
              s.did,
              s.pasid,
              s.request.address(),
              mode == TranslationMode.NESTED,
              s.firstStageWalker.format(),
              s.path,
              s.firstStageFrom);
    }
    IotlbHook iotlb = core.hooks.iotlb();
    if (iotlb == IotlbHook.NONE
        || mode == TranslationMode.PASS_THROUGH
        || mode == TranslationMode.LEGACY_PASS_THROUGH) {
      return;
    }
    boolean dirty =
        core.writable == null || s.request.access().isWrite() || AccessedDirty.leafDirty(s, mode);
    CachedTranslation t =
        new CachedTranslation(
            s.outHpa & ~s.outSize.offsetMask(), s.outSize, s.fsRights, s.ssRights, mode, dirty);
    if (mode.scalable()) {
      iotlb.fill(s.request.sid().value(), s.did, s.pasid, s.request.address(), t);
    } else {
      iotlb.fillLegacy(s.request.sid().value(), s.did, s.request.address(), t);
    }
  }

  /**
   * Applies a cached translation: sets the output from the entry; returns false when it cannot be
   * used (a write needing a dirty update).
   */
  static boolean useCached(Scratch s, CachedTranslation c) {
    if (c == null || (s.request.access().isWrite() && !c.dirty())) {
      return false;
    }
    s.outHpa = c.pageHpa() | (s.request.address() & c.pageSize().offsetMask());
    s.outSize = c.pageSize();
    s.fsRights = c.firstStageRights();
    s.ssRights = c.secondStageRights();
    return true;
  }

  /** What this requester may do (vectors-format {@code perm}); execute needs PASID and ERE. */
  static int permission(Scratch s, TranslationMode mode) {
    int ss = RightsCheck.secondStagePermission(s.ssRights, s.executeAllowed);
    int fs =
        RightsCheck.firstStagePermission(s.fsRights, s.supervisor, s.wpe, s.smep, s.executeAllowed);
    int passThrough = Rights.READ | Rights.WRITE | (s.executeAllowed ? Rights.EXECUTE : 0);
    return switch (mode) {
      case LEGACY -> ss & ~Rights.EXECUTE;
      case LEGACY_PASS_THROUGH -> Rights.READ | Rights.WRITE;
      case FIRST_STAGE -> fs;
      case SECOND_STAGE -> ss;
      case NESTED -> fs & ss;
      case PASS_THROUGH -> passThrough;
      case UNTRANSLATED -> Rights.READ | Rights.WRITE;
    };
  }
}
