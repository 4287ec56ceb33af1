package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.time.ManualClock;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.Stage;
import dev.vtdlab.pagetable.WalkResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random seeded workloads: after every batch of steps, every buffer the driver believes mapped
 * translates in the hardware model (through the unit's translator and its IOTLB) to the same host
 * address and permissions as the driver's own lookup, and, after a flush, every page it unmapped
 * (and did not map again) faults.
 */
class CrossCheckTest {
  private static final SourceId DEV = SourceId.of(0, 2, 0);
  private static final int STEPS = 1500;

  private record Buffer(long dma, long size, long hpa, DmaDirection dir) {
    long firstPage() {
      return dma & ~0xFFFL;
    }

    long pages() {
      return ((dma & 0xFFF) + size + 0xFFF) >>> 12;
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "server, AUTO, LAZY",
    "server, AUTO, STRICT",
    "server, SECOND, LAZY",
    "qemu, AUTO, LAZY",
    "qemu, SECOND, STRICT",
    "legacy, AUTO, LAZY",
    "legacy, AUTO, STRICT"
  })
  void driverAndHardwareAgreeOnEveryMapping(String preset, StageChoice stage, FlushMode flush) {
    long seed = Long.getLong("vtdlab.seed", 20_240_601L) ^ preset.hashCode() ^ stage.ordinal();
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock();
    UnitHarness h =
        new UnitHarness(
            UnitConfig.preset(preset),
            DriverOptions.defaults().withStage(stage).withFlush(flush).withClock(clock));
    DmaDomain domain = h.driver.createDmaDomain();
    h.driver.attach(DEV, domain);
    DmaApi dma = h.driver.dma(DEV);
    List<Buffer> live = new ArrayList<>();
    Set<Long> deadPages = new HashSet<>();
    Requester dev = Requester.of(DEV);
    for (int step = 0; step < STEPS; step++) {
      if (live.isEmpty() || rnd.nextInt(100) < 55) {
        long size = 1 + rnd.nextInt(rnd.nextBoolean() ? 4096 : 5 * 4096);
        long hpa = 0x8000_0000L + ((long) rnd.nextInt(1 << 16) << 12) + rnd.nextInt(4096);
        DmaDirection dir = DmaDirection.values()[rnd.nextInt(3)];
        Buffer b = new Buffer(dma.map(hpa, size, dir), size, hpa, dir);
        live.add(b);
        for (long p = 0; p < b.pages(); p++) {
          deadPages.remove(b.firstPage() + (p << 12));
        }
        // the device touches it, filling the IOTLB
        Translation t = h.port.translate(dev.request(b.dma(), Access.WRITE));
        assertThat(t instanceof Translated || t instanceof Fault).isTrue();
      } else {
        Buffer b = live.remove(rnd.nextInt(live.size()));
        dma.unmap(b.dma(), b.size(), b.dir());
        for (long p = 0; p < b.pages(); p++) {
          deadPages.add(b.firstPage() + (p << 12));
        }
      }
      if (rnd.nextInt(50) == 0) {
        clock.advanceMillis(rnd.nextInt(15));
      }
      if (step % 250 == 249) {
        check(h, domain, live, deadPages, seed, step);
      }
    }
    check(h, domain, live, deadPages, seed, STEPS);
  }

  private static void check(
      UnitHarness h, DmaDomain domain, List<Buffer> live, Set<Long> dead, long seed, int step) {
    Requester dev = Requester.of(DEV);
    String where = "seed " + seed + " step " + step;
    for (Buffer b : live) {
      for (long p = 0; p < b.pages(); p++) {
        long iova = b.firstPage() + (p << 12) + 0x10;
        long expectedHpa = (b.hpa() & ~0xFFFL) + (p << 12) + 0x10;
        WalkResult own = domain.ops().iovaToPhysical(iova);
        assertThat(own.outputAddress()).as("driver lookup, %s", where).isEqualTo(expectedHpa);
        boolean canWrite = b.dir() != DmaDirection.TO_DEVICE;
        boolean canRead =
            b.dir() != DmaDirection.FROM_DEVICE || domain.stage() == Stage.FIRST_STAGE;
        expect(h, dev.request(iova, Access.WRITE), canWrite, expectedHpa, where);
        expect(h, dev.request(iova, Access.READ), canRead, expectedHpa, where);
      }
    }
    h.driver.flushAll();
    for (long page : dead) {
      Translation t = h.port.translate(dev.request(page, Access.READ));
      assertThat(t)
          .as("unmapped page 0x%x must fault after the flush, %s", page, where)
          .isInstanceOf(Fault.class);
    }
  }

  private static void expect(
      UnitHarness h,
      dev.vtdlab.hw.translate.DmaRequest request,
      boolean allowed,
      long hpa,
      String where) {
    Translation t = h.port.translate(request);
    if (allowed) {
      assertThat(t).as("%s %s", request, where).isInstanceOf(Translated.class);
      assertThat(((Translated) t).hpa()).as("%s %s", request, where).isEqualTo(hpa);
    } else {
      assertThat(t).as("%s must be refused, %s", request, where).isInstanceOf(Fault.class);
    }
  }
}
