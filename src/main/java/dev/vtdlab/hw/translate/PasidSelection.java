package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;

/**
 * The per-request checks of a valid scalable-mode context entry and the choice of the PASID entry
 * (digest 7.3 steps 7-10; D6 as amended by spec 5.10 Table 30, docs/spec-deviations.md rows 3-5),
 * in this order:
 *
 * <ol>
 *   <li>SCT.4.1: PRE = 1 with DTE = 0; SCT.4.2: RID_PASID at or above the PDTS limit 2^(PDTS+7) x
 *       64 (RID_PASID is 0 without ECAP.RPS) -- for every request through the entry;
 *   <li>requests with PASID: SCT.6 (PASIDE = 0), SGN.10 (PASID at or above 2^(ECAP.PSS+1)), SCT.7
 *       (PASID at or above the PDTS limit), SCT.9 (PASID equals RID_PASID, with ECAP.RPS);
 *   <li>requests without PASID use RID_PASID and RID_PRIV (D6).
 * </ol>
 */
final class PasidSelection {
  private PasidSelection() {}

  /** The PDTS limit (exclusive): 2^(PDTS + 7) directory entries x 64 PASIDs. */
  static int pdtsLimit(ScalableContextEntry ce) {
    return ce.pasidDirectoryEntries() * PasidEntry.ENTRIES;
  }

  /** SCT.4 for every request through {@code ce} (spec 5.10 SCT.4.1, SCT.4.2), or null. */
  static Fault invalidContext(Scratch s, UnitConfig unit, ScalableContextEntry ce) {
    if (ce.pre() && !ce.dte()) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_4,
          "the scalable-mode context entry for "
              + s.request.sid()
              + " has PRE (bit 4) = 1 with DTE (bit 2) = 0, an illegal combination (spec 5.10"
              + " SCT.4.1) = "
              + Explain.words(ce.w0(), ce.w1()));
    }
    int ridPasid = ce.effectiveRidPasid(unit);
    int limit = pdtsLimit(ce);
    if (ridPasid >= limit) {
      return FaultBuilder.structure(
          s,
          FaultReason.SCT_4,
          "the scalable-mode context entry for "
              + s.request.sid()
              + " has RID_PASID (bits 83:64) "
              + Explain.hex(ridPasid)
              + " at or above the PDTS limit "
              + Explain.hex(limit)
              + " = 2^(PDTS "
              + ce.pdts()
              + " + 7) x 64 (spec 5.10 SCT.4.2)");
    }
    return null;
  }

  /**
   * Sets {@code s.pasid}, {@code s.pasidUsed} and {@code s.supervisor} for the request; returns the
   * fault (SCT.6, SGN.10, SCT.7, SCT.9) or null.
   */
  static Fault select(Scratch s, UnitConfig unit, ScalableContextEntry ce) {
    DmaRequest r = s.request;
    int ridPasid = ce.effectiveRidPasid(unit);
    if (r.hasPasid()) {
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
      int pssBits = unit.ecap().pasidBits();
      if ((pasid >>> pssBits) != 0) {
        return FaultBuilder.structure(
            s,
            FaultReason.SGN_10,
            "PASID "
                + Explain.hex(pasid)
                + " is wider than the "
                + pssBits
                + "-bit PASIDs of ECAP.PSS (spec 5.10 SGN.10)");
      }
      int limit = pdtsLimit(ce);
      if (pasid >= limit) {
        return FaultBuilder.structure(
            s,
            FaultReason.SCT_7,
            "PASID "
                + Explain.hex(pasid)
                + " is at or above the PDTS limit "
                + Explain.hex(limit)
                + " = 2^(PDTS "
                + ce.pdts()
                + " + 7) x 64 (D6, spec 5.10 SCT.7)");
      }
      if (unit.ecap().ridPasid() && pasid == ridPasid) {
        return FaultBuilder.structure(
            s,
            FaultReason.SCT_9,
            "request with PASID "
                + Explain.hex(pasid)
                + " equal to the context entry's RID_PASID (spec 5.10 SCT.9)");
      }
      s.pasid = pasid;
      s.supervisor = r.privileged();
    } else {
      s.pasid = ridPasid;
      s.supervisor = ce.effectiveRidPriv(unit);
    }
    s.pasidUsed = true;
    return null;
  }
}
