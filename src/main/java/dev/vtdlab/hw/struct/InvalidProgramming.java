package dev.vtdlab.hw.struct;

import dev.vtdlab.hw.fault.FaultReason;

/**
 * The sub-cases of invalid programming (decision D19, D9; VT-d spec 5.10 Table 30 where it adds
 * cases, docs/spec-deviations.md rows 3, 5, 7): a present entry with no reserved bit set whose
 * encoding the unit cannot use. Legacy context entries raise LCT.4, scalable-mode context entries
 * SCT.4, PASID entries SPT.4.
 */
public enum InvalidProgramming {
  /** Legacy context TT = 11b (reserved encoding). */
  TT_RESERVED(FaultReason.LCT_4, "TT = 11b is a reserved encoding"),
  /** Legacy context TT = 01b (device-TLB) on a unit without ECAP.DT. */
  TT_DEVICE_TLB_UNSUPPORTED(FaultReason.LCT_4, "TT = 01b needs ECAP.DT"),
  /** Legacy context TT = 10b (pass-through) on a unit without ECAP.PT. */
  TT_PASS_THROUGH_UNSUPPORTED(FaultReason.LCT_4, "TT = 10b needs ECAP.PT"),
  /** Legacy context AW not a usable value in CAP.SAGAW (000b and 1xxb never are). */
  CONTEXT_AW_UNSUPPORTED(FaultReason.LCT_4, "AW is not in CAP.SAGAW"),
  /** Legacy context TT = 10b whose AW is not the largest AW in CAP.SAGAW (D9). */
  PASS_THROUGH_AW_NOT_LARGEST(
      FaultReason.LCT_4, "TT = 10b needs AW = the largest value in CAP.SAGAW (D9)"),
  /**
   * Scalable-mode context PRE = 1 with DTE = 0: "an illegal combination" (spec 5.10 Table 30
   * SCT.4.1; D19 had no SCT.4).
   */
  CONTEXT_PRE_WITHOUT_DTE(FaultReason.SCT_4, "PRE = 1 needs DTE = 1 (SCT.4.1)"),
  /**
   * Scalable-mode context RID_PASID (0 without ECAP.RPS) at or above the PDTS limit 2^(PDTS + 7) x
   * 64 (spec 5.10 Table 30 SCT.4.2; D6 had SCT.9), for every request through the entry.
   */
  RID_PASID_BEYOND_PDTS(FaultReason.SCT_4, "RID_PASID must be below 2^(PDTS + 7) x 64 (SCT.4.2)"),
  /** PASID entry PGTT 000b or 101b-111b (reserved encodings). */
  PGTT_RESERVED(FaultReason.SPT_4, "PGTT is a reserved encoding"),
  /** PASID entry PGTT whose capability (ECAP.FSTS, SSTS, NEST or PT) the unit lacks. */
  PGTT_UNSUPPORTED(FaultReason.SPT_4, "PGTT needs a capability the unit lacks"),
  /** PASID entry AW not usable in CAP.SAGAW, for PGTT 010b and 011b (D8). */
  PASID_AW_UNSUPPORTED(FaultReason.SPT_4, "AW is not in CAP.SAGAW"),
  /** PASID entry FSPM = 01b (5-level) on a unit without CAP.FS5LP. */
  FSPM_5LEVEL_UNSUPPORTED(FaultReason.SPT_4, "FSPM = 01b needs CAP.FS5LP"),
  /** PASID entry FSPM = 10b or 11b (reserved encodings). */
  FSPM_RESERVED(FaultReason.SPT_4, "FSPM = 1xb is a reserved encoding"),
  /**
   * Nested PASID entry (PGTT 011b) whose FSPTPTR is at or above 2^min(30 + 9 x AW, MGAW) (spec 5.10
   * Table 30 SPT.4.4; D13 had SFS.5 at the first-stage root level).
   */
  NESTED_FSPTPTR_BEYOND_WIDTH(
      FaultReason.SPT_4, "nested FSPTPTR must be below 2^min(AW width, MGAW) (SPT.4.4)");

  private final FaultReason fault;
  private final String rule;

  InvalidProgramming(FaultReason fault, String rule) {
    this.fault = fault;
    this.rule = rule;
  }

  /** LCT.4, SCT.4 or SPT.4. */
  public FaultReason fault() {
    return fault;
  }

  /** The rule broken, in general words (the check's message gives the values). */
  public String rule() {
    return rule;
  }
}
