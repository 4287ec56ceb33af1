package dev.vtdlab.driver.device;

import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.IntelIommuDriver;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;

/**
 * A whole system for device tests: memory, a {@link RemappingUnit} with its default caches (so a
 * missing or late invalidation shows as a stale translation), the driver brought up over the unit's
 * MMIO, the devices' port, and a frame allocator for kernel memory (rings, buffers).
 */
final class UnitHarness {
  static final long TABLE_FRAMES = 0x100_0000L;
  static final long KERNEL_FRAMES = 0x4000_0000L;

  final UnitConfig config;
  final SparseMemory memory;
  final RemappingUnit unit;
  final UnitDmaPort port;
  final FrameAllocator tables;
  final FrameAllocator kernel;
  final IntelIommuDriver driver;

  UnitHarness(UnitConfig config, DriverOptions options) {
    this.config = config;
    this.memory = new SparseMemory(config.haw());
    this.unit = new RemappingUnit(config, memory, CacheConfig.DEFAULT);
    this.port = new UnitDmaPort(unit);
    this.tables = new FrameAllocator(memory, TABLE_FRAMES, 16384);
    this.kernel = new FrameAllocator(memory, KERNEL_FRAMES, 16384);
    this.driver = IntelIommuDriver.bringUp(Mmio.of(unit), tables, config.haw(), options);
    // Latch the root table pointer before devices run in parallel: the unit latches lazily on
    // its first translation after SRTP, and two first translations racing could see the reset
    // pointer (reported to the lead).
    unit.translateQuietly(
        Requester.of(dev.vtdlab.addr.SourceId.of(0, 0, 0)).request(0, Access.READ));
  }

  /** Faults the unit recorded. */
  long faultsRecorded() {
    return unit.registers().faults().recordedCount();
  }
}
