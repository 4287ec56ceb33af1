package dev.vtdlab.driver.mmio;

import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.regs.RemappingRegisters;

/**
 * The driver's only path to a remapping unit's registers: 32- and 64-bit MMIO accesses at byte
 * offsets in the register page (VT-d spec 10.4). The driver never calls the hardware model's
 * internals; it programs the unit through this interface, tables in memory and invalidation
 * descriptors.
 */
public interface Mmio {

  /** A 32-bit read at byte {@code offset}. */
  int read32(int offset);

  /** A 64-bit read at byte {@code offset}. */
  long read64(int offset);

  /** A 32-bit write at byte {@code offset}. */
  void write32(int offset, int value);

  /** A 64-bit write at byte {@code offset}. */
  void write64(int offset, long value);

  /** The MMIO window of a register model. */
  static Mmio of(RemappingRegisters registers) {
    return new Mmio() {
      @Override
      public int read32(int offset) {
        return registers.read32(offset);
      }

      @Override
      public long read64(int offset) {
        return registers.read64(offset);
      }

      @Override
      public void write32(int offset, int value) {
        registers.write32(offset, value);
      }

      @Override
      public void write64(int offset, long value) {
        registers.write64(offset, value);
      }
    };
  }

  /** The MMIO window of a whole unit. */
  static Mmio of(RemappingUnit unit) {
    return new Mmio() {
      @Override
      public int read32(int offset) {
        return unit.read32(offset);
      }

      @Override
      public long read64(int offset) {
        return unit.read64(offset);
      }

      @Override
      public void write32(int offset, int value) {
        unit.write32(offset, value);
      }

      @Override
      public void write64(int offset, long value) {
        unit.write64(offset, value);
      }
    };
  }
}
