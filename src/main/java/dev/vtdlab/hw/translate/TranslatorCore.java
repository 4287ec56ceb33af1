package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.mem.WritableMemory;

/** What every part of one translator shares: the unit, the memory, options, hooks, walkers. */
final class TranslatorCore {
  final UnitConfig unit;
  final PhysicalMemory memory;

  /** The memory for A/D updates; null when they are off. */
  final WritableMemory writable;

  final TranslatorOptions options;
  final CacheHooks hooks;
  final Walkers walkers;

  /** CAP.MGAW + 1. */
  final int mgaw;

  /**
   * The FI bits a fault record keeps: input bits (N-1):12 with N = 30 + 9 x the largest AW in
   * CAP.SAGAW (spec 5.10 11.4.7.6: "bits 63:N as reserved (0)"; D22 had 63:12); all when SAGAW has
   * no usable value.
   */
  final long faultInfoMask;

  TranslatorCore(
      UnitConfig unit, PhysicalMemory memory, TranslatorOptions options, CacheHooks hooks) {
    if (unit == null || memory == null || options == null || hooks == null) {
      throw new IllegalArgumentException("unit, memory, options and hooks must be given");
    }
    this.unit = unit;
    this.memory = memory;
    this.options = options;
    this.hooks = hooks;
    if (options.accessedDirtyUpdates()) {
      if (!(memory instanceof WritableMemory w)) {
        throw new IllegalArgumentException(
            "accessed/dirty updates need a WritableMemory; turn them off for read-only memory");
      }
      this.writable = w;
    } else {
      this.writable = null;
    }
    this.walkers = new Walkers(unit);
    this.mgaw = unit.cap().mgaw();
    int largest = -1;
    for (int aw = Agaw.MIN_USABLE; aw <= Agaw.MAX_USABLE; aw++) {
      if (Agaw.usable(unit.cap(), aw)) {
        largest = aw;
      }
    }
    this.faultInfoMask = largest < 0 ? -1L : (1L << Agaw.widthBits(largest)) - 1;
  }
}
