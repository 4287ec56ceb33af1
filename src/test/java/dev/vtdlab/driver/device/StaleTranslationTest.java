package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.hw.cap.UnitConfig;
import org.junit.jupiter.api.Test;

/** What lazy mode defers: a cached translation outlives the unmap until the flush. */
class StaleTranslationTest {
  private static final SourceId DEV = SourceId.of(0, 2, 0);

  @Test
  void lazyUnmapLeavesACachedTranslationUntilTheFlushButNeverReusesItsIova() {
    UnitHarness h = new UnitHarness(UnitConfig.server(), DriverOptions.defaults());
    var d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    dma.map(h.kernel.allocate(), 4096, DmaDirection.TO_DEVICE); // keeps the leaf table linked
    long old = h.kernel.allocate();
    long iova = dma.map(old, 4096, DmaDirection.FROM_DEVICE);
    byte[] x = {42};
    assertThat(h.port.write(Requester.of(DEV), iova, x, 0, 1).completed()).isTrue();
    dma.unmap(iova, 4096, DmaDirection.FROM_DEVICE);
    assertThat(h.port.write(Requester.of(DEV), iova + 1, x, 0, 1).completed())
        .as("IOTLB still holds the translation: lazy mode's window")
        .isTrue();
    assertThat(h.memory.read8(old + 1)).isEqualTo((byte) 42);
    long other = dma.map(h.kernel.allocate(), 4096, DmaDirection.FROM_DEVICE);
    assertThat(other).as("the unflushed IOVA is not handed out again").isNotEqualTo(iova);
    assertThat(d.iova().isAllocated(IovaRange.ofPages(iova, 1))).isTrue();
    h.driver.flushAll();
    assertThat(h.port.write(Requester.of(DEV), iova, x, 0, 1).completed())
        .as("after the flush the device faults")
        .isFalse();
  }

  @Test
  void anUnmapThatUnlinksATableIsInvalidatedBeforeTheNextMapEvenInLazyMode() {
    UnitHarness h = new UnitHarness(UnitConfig.server(), DriverOptions.defaults());
    var d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    byte[] x = {7};
    long first = dma.map(h.kernel.allocate(), 4096, DmaDirection.FROM_DEVICE);
    assertThat(h.port.write(Requester.of(DEV), first, x, 0, 1).completed()).isTrue();
    dma.unmap(first, 4096, DmaDirection.FROM_DEVICE); // its leaf table becomes empty: unlinked
    assertThat(d.unlinkFlushes()).isEqualTo(1);
    long buffer = h.kernel.allocate();
    long second = dma.map(buffer, 4096, DmaDirection.FROM_DEVICE);
    assertThat(second >>> 21).as("same 2 MiB span, so a new leaf table").isEqualTo(first >>> 21);
    DmaResult r = h.port.write(Requester.of(DEV), second, x, 0, 1);
    assertThat(r.completed())
        .as(
            "no stale paging-structure cache entry hides the new table: %s %s",
            r, r instanceof DmaResult.Faulted f ? f.fault().explanation() : "")
        .isTrue();
    assertThat(h.memory.read8(buffer)).isEqualTo((byte) 7);
  }
}
