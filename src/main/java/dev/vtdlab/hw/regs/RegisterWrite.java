package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;

/**
 * One software write as a side-effect handler sees it, after the access masks were applied.
 *
 * @param register the register written
 * @param before its value before the write
 * @param after its value after the write (RW/WO bits written, RW1C bits cleared, RO kept)
 * @param written the raw value written, aligned to the register (a 32-bit write to the upper half
 *     of a 64-bit register is shifted left by 32)
 * @param lanes the bits the access covered (the whole register, or one 32-bit half)
 */
record RegisterWrite(RegisterDef register, long before, long after, long written, long lanes) {

  /** True when the access covered the upper dword of a 64-bit register (or was 64-bit wide). */
  boolean coversUpperDword() {
    return register.width() == 32 || (lanes >>> 32) != 0;
  }

  /** True when the field was 1 before and is 0 after. */
  boolean cleared(BitField f) {
    return f.isSet(before) && !f.isSet(after);
  }
}
