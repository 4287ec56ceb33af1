package dev.vtdlab.hw.fault;

import dev.vtdlab.bits.BitField;

/** The invalidation errors reported in FSTS_REG (digest 1.6, 9.6). */
public enum InvalidationError {
  /** Invalidation queue error (FSTS.IQE, details in IQERCD.IQEI). */
  IQE(Fsts.IQE),
  /** Invalidation completion error (FSTS.ICE, SID in IQERCD.ICESID). */
  ICE(Fsts.ICE),
  /** Invalidation time-out error (FSTS.ITE, SID in IQERCD.ITESID). */
  ITE(Fsts.ITE);

  private final BitField bit;

  InvalidationError(BitField bit) {
    this.bit = bit;
  }

  /** The FSTS bit. */
  public BitField bit() {
    return bit;
  }
}
