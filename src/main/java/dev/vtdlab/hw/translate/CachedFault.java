package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;

/**
 * A fault a cache keeps when CAP.CM = 1 (VT-d spec 6.1, 6.2.2-6.2.4.1; digest 9.2): a unit in
 * caching mode may cache entries that are not present or erroneous, so the same request faults
 * again, without reading memory, until software invalidates the entry. The translator offers one
 * only when CM = 1 and re-issues it for the request at hand ({@link #reasonFor}).
 *
 * @param reason the fault reason for reads (and for every access when {@code writeReason} equals
 *     it)
 * @param writeReason the reason for a write hitting the entry (legacy not-present: LGN.2 for
 *     writes, LGN.3 for reads)
 * @param level the paging level of the entry (0 for structure faults)
 * @param stage the walk the fault belongs to
 * @param fpd an applicable FPD bit was 1 when the entry was read (D17)
 * @param detail where and why, as first explained (without the reason prefix)
 */
public record CachedFault(
    FaultReason reason,
    FaultReason writeReason,
    int level,
    FaultStage stage,
    boolean fpd,
    String detail) {

  public CachedFault {
    if (reason == null || writeReason == null || stage == null || detail == null) {
      throw new IllegalArgumentException("a cached fault needs reasons, a stage and a detail");
    }
  }

  /** A fault as the translator just produced it (same reason for every access). */
  static CachedFault of(Fault f) {
    String prefix = f.reason().specName() + " (" + f.reason().description() + "): ";
    String text = f.explanation();
    String detail = text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    return new CachedFault(
        f.reason(), f.reason(), f.level().orElse(0), f.stage(), f.fpdSet(), detail);
  }

  /** A fault whose reason depends on the access (legacy second-stage not-present). */
  static CachedFault byAccess(Fault f, FaultReason read, FaultReason write) {
    CachedFault c = of(f);
    return new CachedFault(read, write, c.level, c.stage, c.fpd, c.detail);
  }

  /** The reason for an access. */
  public FaultReason reasonFor(Access access) {
    return access.isWrite() ? writeReason : reason;
  }
}
