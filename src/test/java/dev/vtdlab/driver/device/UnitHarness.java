package dev.vtdlab.driver.device;

import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.IntelIommuDriver;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;

/**
 * A whole system for device tests: memory, a {@link ModelUnit} with a {@link TestIotlb}, the driver
 * brought up over its MMIO, and a frame allocator for kernel memory (rings, buffers).
 */
final class UnitHarness {
  static final long TABLE_FRAMES = 0x100_0000L;
  static final long KERNEL_FRAMES = 0x4000_0000L;

  final UnitConfig config;
  final SparseMemory memory;
  final TestIotlb iotlb = new TestIotlb();
  final ModelUnit unit;
  final FrameAllocator tables;
  final FrameAllocator kernel;
  final IntelIommuDriver driver;

  UnitHarness(UnitConfig config, DriverOptions options) {
    this.config = config;
    this.memory = new SparseMemory(config.haw());
    this.unit = new ModelUnit(config, memory, iotlb, iotlb.hooks());
    this.tables = new FrameAllocator(memory, TABLE_FRAMES, 16384);
    this.kernel = new FrameAllocator(memory, KERNEL_FRAMES, 16384);
    this.driver = IntelIommuDriver.bringUp(unit.mmio(), tables, config.haw(), options);
  }
}
