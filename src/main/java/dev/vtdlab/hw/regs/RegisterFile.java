package dev.vtdlab.hw.regs;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The table-driven MMIO engine: applies the access masks of a {@link RegisterTable} to 32- and
 * 64-bit reads and writes, keeps plain registers in storage, routes component-owned registers to
 * their backing, and calls the side-effect handler of a register after each write.
 *
 * <p>Access rules: 32-bit accesses must be 4-byte aligned, 64-bit accesses 8-byte aligned
 * (misaligned reads return 0, misaligned writes are ignored). A 64-bit register may be accessed as
 * two 32-bit halves. A 64-bit access to two 32-bit registers is split into two 32-bit accesses, low
 * dword first. Offsets without a register read as 0 and ignore writes. Reserved bits read as 0 and
 * ignore writes; RO bits ignore writes; RW1C bits are cleared by writing 1; WO bits read as 0. Not
 * thread-safe: the facade serializes.
 */
final class RegisterFile {

  /** Where a component-owned register's value lives. */
  interface Backing {
    long get();

    void set(long value);

    static Backing of(LongSupplier get, LongConsumer set) {
      return new Backing() {
        @Override
        public long get() {
          return get.getAsLong();
        }

        @Override
        public void set(long value) {
          set.accept(value);
        }
      };
    }

    static Backing readOnly(LongSupplier get) {
      return of(get, v -> {});
    }
  }

  /** A side effect run after a write. */
  @FunctionalInterface
  interface WriteHandler {
    void afterWrite(RegisterWrite write);
  }

  private final RegisterTable table;
  private final long[] storage;
  private final Backing[] backings;
  private final WriteHandler[] handlers;

  RegisterFile(RegisterTable table) {
    this.table = table;
    int n = table.registers().size();
    this.storage = new long[n];
    this.backings = new Backing[n];
    this.handlers = new WriteHandler[n];
  }

  RegisterTable table() {
    return table;
  }

  /** Index of the named register, or -1 when the unit does not have it. */
  int index(String name) {
    for (int i = 0; i < table.registers().size(); i++) {
      if (table.registers().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Routes the named register (if present) to a backing. */
  void bind(String name, Backing backing) {
    int i = index(name);
    if (i >= 0) {
      backings[i] = backing;
    }
  }

  /** Sets the side-effect handler of the named register (if present). */
  void onWrite(String name, WriteHandler handler) {
    int i = index(name);
    if (i >= 0) {
      handlers[i] = handler;
    }
  }

  /** Hardware-side value of a register (no masks). */
  long value(int index) {
    return backings[index] != null ? backings[index].get() : storage[index];
  }

  /** Hardware-side store into a plain register (no masks, no handler). */
  void store(int index, long value) {
    if (index >= 0) {
      storage[index] = value;
    }
  }

  /** Hardware-side value of the named register, or 0 when absent. */
  long value(String name) {
    int i = index(name);
    return i < 0 ? 0 : value(i);
  }

  /** What software reads from register {@code index}: reserved and WO bits are 0. */
  long softwareValue(int index) {
    RegisterDef def = table.registers().get(index);
    return value(index) & def.readableMask();
  }

  int read32(int offset) {
    if ((offset & 3) != 0) {
      return 0;
    }
    int i = table.indexAt(offset);
    if (i < 0) {
      return 0;
    }
    RegisterDef def = table.registers().get(i);
    int shift = (offset - def.offset()) * 8;
    return (int) (softwareValue(i) >>> shift);
  }

  long read64(int offset) {
    if ((offset & 7) != 0) {
      return 0;
    }
    int i = table.indexAt(offset);
    if (i >= 0 && table.registers().get(i).width() == 64) {
      return softwareValue(i);
    }
    return (read32(offset) & 0xFFFF_FFFFL) | (long) read32(offset + 4) << 32;
  }

  void write32(int offset, int value) {
    if ((offset & 3) != 0) {
      return;
    }
    int i = table.indexAt(offset);
    if (i < 0) {
      return;
    }
    RegisterDef def = table.registers().get(i);
    int shift = (offset - def.offset()) * 8;
    write(i, (value & 0xFFFF_FFFFL) << shift, 0xFFFF_FFFFL << shift);
  }

  void write64(int offset, long value) {
    if ((offset & 7) != 0) {
      return;
    }
    int i = table.indexAt(offset);
    if (i >= 0 && table.registers().get(i).width() == 64) {
      write(i, value, -1L);
      return;
    }
    write32(offset, (int) value);
    write32(offset + 4, (int) (value >>> 32));
  }

  private void write(int index, long value, long lanes) {
    RegisterDef def = table.registers().get(index);
    long before = value(index);
    long writable = def.writableMask() & lanes;
    long after = (before & ~writable) | (value & writable);
    after &= ~(value & def.rw1cMask() & lanes);
    if (backings[index] != null) {
      backings[index].set(after);
    } else {
      storage[index] = after;
    }
    if (handlers[index] != null) {
      handlers[index].afterWrite(new RegisterWrite(def, before, after, value, lanes));
    }
  }
}
