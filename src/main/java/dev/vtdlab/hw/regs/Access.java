package dev.vtdlab.hw.regs;

/** How software may access a register field (VT-d spec 10.4 / 11.4 conventions). */
public enum Access {
  /** Read-write. */
  RW,
  /** Read, write 1 to clear. */
  RW1C,
  /** Read-only: writes are ignored. */
  RO,
  /**
   * Write-only command bits: accepted on write, read as 0 (GCMD_REG, see {@link GlobalCommand}).
   */
  WO
}
