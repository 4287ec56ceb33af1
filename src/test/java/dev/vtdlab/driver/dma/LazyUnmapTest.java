package dev.vtdlab.driver.dma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.flush.FlushQueueConfig;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.driver.time.ManualClock;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyUnmapTest {
  private static final SourceId DEV = SourceId.of(0, 3, 0);
  private static final long BUF = 0x4000_0000L;

  private final ManualClock clock = new ManualClock();

  private RegisterHarness lazy(UnitConfig unit) {
    return new RegisterHarness(
        unit,
        DriverOptions.defaults()
            .withClock(clock)
            .withFlushQueue(new FlushQueueConfig(256, FlushQueueConfig.DEFAULT_TIMEOUT_NANOS, 1)));
  }

  @Test
  void theTwoHundredFiftySixthUnmapFlushesTheWholeDomainOnce() {
    RegisterHarness h = lazy(UnitConfig.server());
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    dma.map(BUF, 4096, DmaDirection.TO_DEVICE); // keeps the leaf table: no unlink flush
    List<Long> iovas = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      iovas.add(dma.map(BUF + i * 4096L, 4096, DmaDirection.TO_DEVICE));
    }
    h.clear();
    for (int i = 0; i < 255; i++) {
      dma.unmap(iovas.get(i), 4096, DmaDirection.TO_DEVICE);
    }
    assertThat(h.calls()).as("255 unmaps fit in the queue").isEmpty();
    assertThat(d.iova().isAllocated(IovaRange.ofPages(iovas.get(0), 1)))
        .as("IOVA not reused before the flush")
        .isTrue();
    dma.unmap(iovas.get(255), 4096, DmaDirection.TO_DEVICE);
    assertThat(h.kinds()).containsExactly(InvalidationKind.PASID_IOTLB_PASID);
    assertThat(d.invalidations().stats().waits()).isEqualTo(1);
    assertThat(d.iova().isAllocated(IovaRange.ofPages(iovas.get(0), 1)))
        .as("released once the flush completed")
        .isFalse();
    assertThat(d.policy().stats().fullFlushes()).isEqualTo(1);
  }

  @Test
  void theTimeoutFlushesOnTheSimulatedClock() {
    RegisterHarness h = lazy(RegisterHarness.withCap(UnitConfig.server(), 0, 0));
    DmaDomain d = h.driver.createDmaDomain(dev.vtdlab.pagetable.Stage.SECOND_STAGE);
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long iova = dma.map(BUF, 4096, DmaDirection.TO_DEVICE);
    dma.unmap(iova, 4096, DmaDirection.TO_DEVICE);
    h.clear();
    clock.advanceMillis(9);
    assertThat(h.calls()).isEmpty();
    int framesBefore = h.frames.framesInUse();
    clock.advanceMillis(1);
    assertThat(h.kinds()).containsExactly(InvalidationKind.IOTLB_DOMAIN);
    assertThat(d.policy().stats().timeoutFlushes()).isEqualTo(1);
    assertThat(h.frames.framesInUse())
        .as("table pages freed by the unmap released after the flush")
        .isLessThan(framesBefore);
  }

  @Test
  void unmappingTwiceBeforeTheFlushIsRefused() {
    RegisterHarness h = lazy(UnitConfig.server());
    h.driver.attach(DEV, h.driver.createDmaDomain());
    DmaApi dma = h.driver.dma(DEV);
    long iova = dma.map(BUF, 4096, DmaDirection.TO_DEVICE);
    dma.unmap(iova, 4096, DmaDirection.TO_DEVICE);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dma.unmap(iova, 4096, DmaDirection.TO_DEVICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unmapped twice");
  }
}
