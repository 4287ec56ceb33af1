package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;

/** Builds {@link Fault} values from the request in progress (D17, D22). */
final class FaultBuilder {
  private FaultBuilder() {}

  /**
   * The fault for the request in {@code s}: the reads made so far, the FPD state, the fault record
   * of D22 (FI = page of the input with bits 63:N zero, N = 30 + 9 x the largest CAP.SAGAW AW per
   * spec 5.10 11.4.7.6; T1 = 1 for read and execute, T2 = 0, AT = 00, PASID fields only for
   * requests with PASID, F = 1).
   *
   * @param level the paging level, or 0 when the fault has none
   */
  static Fault fault(
      Scratch s, FaultReason reason, int level, FaultStage stage, String explanation) {
    DmaRequest r = s.request;
    FaultRecord record =
        FaultRecord.forRequest(
            reason,
            r.sid().value(),
            r.address(),
            r.access().isWrite(),
            r.hasPasid(),
            r.pasidBits(),
            r.privileged(),
            r.access() == Access.EXECUTE,
            s.fiWidth);
    return new Fault(
        r,
        reason,
        level,
        stage,
        s.fpd,
        record,
        s.trail.structureReads(),
        s.trail.walkReads(),
        s.trail.snapshot(),
        reason.specName() + " (" + reason.description() + "): " + explanation);
  }

  /**
   * The fault a cache kept (CM = 1, {@link CachedFault}) for the request in {@code s}: nothing is
   * read; the reason follows the access; the FPD state is the cached one ORed with what the request
   * met on the way.
   */
  static Fault cached(Scratch s, CachedFault c) {
    s.fpd |= c.fpd();
    return fault(
        s,
        c.reasonFor(s.request.access()),
        c.level(),
        c.stage(),
        c.detail() + " [kept by a cache: CM = 1 caches faulting entries until invalidated]");
  }

  /** A fault outside any walk, without a level. */
  static Fault structure(Scratch s, FaultReason reason, String explanation) {
    return fault(s, reason, 0, FaultStage.NONE, explanation);
  }
}
