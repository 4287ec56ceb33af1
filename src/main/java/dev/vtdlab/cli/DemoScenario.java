package dev.vtdlab.cli;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.IntelIommuDriver;
import dev.vtdlab.driver.device.DiskDevice;
import dev.vtdlab.driver.device.DiskDriver;
import dev.vtdlab.driver.device.DmaResult;
import dev.vtdlab.driver.device.NicDevice;
import dev.vtdlab.driver.device.NicDriver;
import dev.vtdlab.driver.device.Requester;
import dev.vtdlab.driver.device.UnitDmaPort;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.dma.SgSegment;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.fault.FaultBatch;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.driver.time.ManualClock;
import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.MappingRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The {@code demo} scenario: a unit (the hardware model's {@link RemappingUnit} with its default
 * caches), the driver brought up over its registers, a NIC and a disk each attached to its own DMA
 * domain, some seeded traffic, and one DMA after unmap that faults and is serviced. Everything it
 * shows is collected in {@link DemoResult}; the run is deterministic for a seed (simulated clock,
 * deterministic allocators, one thread).
 */
final class DemoScenario {
  static final SourceId NIC = SourceId.of(1, 0, 0);
  static final SourceId DISK = SourceId.of(0, 0x1f, 2);
  private static final long TABLE_FRAMES = 0x100_0000L;
  private static final long KERNEL_FRAMES = 0x4000_0000L;
  private static final int RING = 8;
  private static final int RX_BUFFER = 2048;

  private DemoScenario() {}

  static DemoResult run(UnitConfig config, DriverOptions options, long seed) {
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock();
    SparseMemory memory = new SparseMemory(config.haw());
    RemappingUnit hw = new RemappingUnit(config, memory, CacheConfig.DEFAULT);
    UnitDmaPort unit = new UnitDmaPort(hw);
    FrameAllocator tables = new FrameAllocator(memory, TABLE_FRAMES, 4096);
    FrameAllocator kernel = new FrameAllocator(memory, KERNEL_FRAMES, 4096);
    IntelIommuDriver driver =
        IntelIommuDriver.bringUp(Mmio.of(hw), tables, config.haw(), options.withClock(clock));
    DemoResult.Builder out = new DemoResult.Builder(config.name(), seed, driver.report());

    DmaDomain nicDomain = driver.createDmaDomain();
    DmaDomain diskDomain = driver.createDmaDomain();
    driver.attach(NIC, nicDomain);
    driver.attach(DISK, diskDomain);

    NicDevice nic = new NicDevice(unit, Requester.of(NIC));
    NicDriver nicDriver = new NicDriver(driver.dma(NIC), nic, kernel, RING, RX_BUFFER);
    nicDriver.start();
    out.mappings(nicDomain.name() + " after the NIC driver started", runs(nicDomain));
    out.translation(
        NIC,
        nicDriver.rxBufferDma(0),
        Access.WRITE,
        translate(unit, NIC, nicDriver.rxBufferDma(0), Access.WRITE));
    out.translation(
        NIC,
        nicDriver.rxRingDma(),
        Access.READ,
        translate(unit, NIC, nicDriver.rxRingDma(), Access.READ));

    int rxBytes = 0;
    int rxPackets = 12;
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < rxPackets; i++) {
      byte[] p = new byte[64 + rnd.nextInt(1400)];
      rnd.nextBytes(p);
      sent.add(p);
      nic.receive(p);
      rxBytes += p.length;
      if (i % 4 == 3) {
        nicDriver.poll();
      }
    }
    int txPackets = 6;
    for (int i = 0; i < txPackets; i++) {
      byte[] p = new byte[64 + rnd.nextInt(1400)];
      rnd.nextBytes(p);
      nicDriver.send(p);
    }
    clock.advanceMillis(10);
    out.nic(rxPackets, rxBytes, nic.received(), txPackets, nic.wire().size(), nic.dropped());

    DiskDevice disk = new DiskDevice(unit, Requester.of(DISK), 256);
    DiskDriver diskDriver = new DiskDriver(driver.dma(DISK), disk);
    int blocks = 8;
    byte[] data = new byte[blocks * DiskDevice.BLOCK_BYTES];
    rnd.nextBytes(data);
    long a = kernel.allocate();
    long b = kernel.allocate();
    memory.writeBytes(a + 0x800, data, 0, 0x800);
    memory.writeBytes(b, data, 0x800, data.length - 0x800);
    long lba = 16 + rnd.nextInt(64);
    DmaResult w =
        diskDriver.write(
            lba, List.of(new SgSegment(a + 0x800, 0x800), new SgSegment(b, data.length - 0x800)));
    long c = kernel.allocate();
    DmaResult r = diskDriver.read(lba, List.of(new SgSegment(c, data.length)));
    byte[] back = new byte[data.length];
    memory.readBytes(c, back, 0, back.length);
    out.disk(lba, blocks, w.completed() && r.completed(), Arrays.equals(back, data));
    clock.advanceMillis(10);

    DmaApi dma = driver.dma(NIC);
    long buffer = kernel.allocate();
    long iova = dma.map(buffer, 4096, DmaDirection.FROM_DEVICE);
    byte[] payload = {(byte) 0xAB, (byte) 0xCD};
    DmaResult before = unit.write(Requester.of(NIC), iova + 0x40, payload, 0, 2);
    dma.unmap(iova, 4096, DmaDirection.FROM_DEVICE);
    driver.flushAll();
    DmaResult after = unit.write(Requester.of(NIC), iova + 0x40, payload, 0, 2);
    FaultBatch faults = driver.serviceFaults();
    out.afterUnmap(iova, buffer, before, after, faults);

    out.counters(driver, hw);
    return out.build();
  }

  private static Translation translate(UnitDmaPort unit, SourceId sid, long iova, Access access) {
    return unit.translate(Requester.of(sid).request(iova, access));
  }

  private static List<MappingRun> runs(DmaDomain d) {
    return d.ops().mappings();
  }
}
