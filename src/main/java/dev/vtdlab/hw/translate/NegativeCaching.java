package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;

/**
 * Which faults a unit with CAP.CM = 1 caches (VT-d spec 6.1, 6.2.2, 6.2.3, 6.2.4.1; digest 9.2):
 * entries that are not present or erroneous (reserved bits, invalid programming), never a read
 * error (nothing was read). Context-cache: root and context entries; PASID-cache: PASID-directory
 * and PASID entries; IOTLB: second-stage-only walks that met a non-present entry or reserved bits
 * (first-stage faults are never cached, spec 6.2.4.1; this model keeps nested ones out too).
 */
final class NegativeCaching {
  private NegativeCaching() {}

  /** Root / context entry faults a context-cache may keep. */
  static boolean context(FaultReason r) {
    return switch (r) {
      case LRT_2, LRT_3, LCT_2, LCT_3, LCT_4, SRT_2, SRT_3, SCT_2, SCT_3, SCT_4 -> true;
      default -> false;
    };
  }

  /** PASID-directory / PASID entry faults a PASID-cache may keep. */
  static boolean pasid(FaultReason r) {
    return switch (r) {
      case SPD_2, SPD_3, SPT_2, SPT_3, SPT_4 -> true;
      default -> false;
    };
  }

  /**
   * The cacheable form of a second-stage walk fault (an entry not present, by access type in legacy
   * mode, or reserved bits), or null for anything else (width, read error, rights).
   */
  static CachedFault secondStageWalk(Fault f, SecondStageCodes codes) {
    if (f.level().isEmpty() || f.stage() != FaultStage.SECOND) {
      return null;
    }
    FaultReason r = f.reason();
    if (r == codes.notPresentRead || r == codes.notPresentWrite) {
      return CachedFault.byAccess(f, codes.notPresentRead, codes.notPresentWrite);
    }
    return r == codes.reserved ? CachedFault.of(f) : null;
  }
}
