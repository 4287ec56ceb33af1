package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
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

  /** CAP.CM: faulting entries may be cached ({@link CachedFault}). */
  final boolean cachingMode;

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
    this.cachingMode = unit.cap().cachingMode();
  }
}
