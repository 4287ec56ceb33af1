package dev.vtdlab.hw.fault;

/** What primary fault logging did with one fault (digest 1.7 steps 1-3, 8.6). */
public enum RecordOutcome {
  /** Written into a fault recording register; F and PPF set. */
  RECORDED,
  /** Qualified fault with an applicable FPD = 1: silently dropped (D17). */
  SUPPRESSED_BY_FPD,
  /** PFO was already set, or the next record still had F = 1 (PFO is then set): dropped. */
  DROPPED_OVERFLOW
}
