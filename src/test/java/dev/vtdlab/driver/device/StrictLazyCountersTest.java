package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.flush.FlushQueueConfig;
import dev.vtdlab.driver.inv.InvalidationStats;
import dev.vtdlab.hw.cap.UnitConfig;
import org.junit.jupiter.api.Test;

/** The counters differ between strict and lazy mode as documented. */
class StrictLazyCountersTest {
  private static final SourceId DEV = SourceId.of(0, 2, 0);
  private static final int PAIRS = 1024;

  private static InvalidationStats run(FlushMode mode, StageChoice stage) {
    UnitHarness h =
        new UnitHarness(
            UnitConfig.server(),
            DriverOptions.defaults()
                .withFlush(mode)
                .withStage(stage)
                .withFlushQueue(
                    new FlushQueueConfig(256, FlushQueueConfig.DEFAULT_TIMEOUT_NANOS, 1)));
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long buffer = h.kernel.allocate();
    dma.map(buffer, 4096, DmaDirection.TO_DEVICE); // keeps the table pages alive
    for (int i = 0; i < PAIRS; i++) {
      long iova = dma.map(buffer, 4096, DmaDirection.BIDIRECTIONAL);
      byte[] b = {(byte) i};
      assertThat(h.port.write(Requester.of(DEV), iova, b, 0, 1).completed()).isTrue();
      dma.unmap(iova, 4096, DmaDirection.BIDIRECTIONAL);
    }
    assertThat(d.counters().maps()).isEqualTo(PAIRS + 1);
    assertThat(d.counters().unmaps()).isEqualTo(PAIRS);
    return d.invalidations().stats();
  }

  @Test
  void strictFirstStageIsOnePasidIotlbAndOneWaitPerUnmap() {
    InvalidationStats s = run(FlushMode.STRICT, StageChoice.AUTO);
    assertThat(s.pasidIotlb()).isEqualTo(PAIRS);
    assertThat(s.waits()).isEqualTo(PAIRS);
    assertThat(s.iotlb()).isZero();
  }

  @Test
  void strictSecondStageIsOneIotlbAndOneWaitPerUnmap() {
    InvalidationStats s = run(FlushMode.STRICT, StageChoice.SECOND);
    assertThat(s.iotlb()).isEqualTo(PAIRS);
    assertThat(s.waits()).isEqualTo(PAIRS);
    assertThat(s.pasidIotlb()).isZero();
  }

  @Test
  void lazyIsOneDomainWideFlushPer256Unmaps() {
    InvalidationStats s = run(FlushMode.LAZY, StageChoice.AUTO);
    assertThat(s.pasidIotlb()).isEqualTo(PAIRS / 256);
    assertThat(s.waits()).isEqualTo(PAIRS / 256);
    InvalidationStats ss = run(FlushMode.LAZY, StageChoice.SECOND);
    assertThat(ss.iotlb()).isEqualTo(PAIRS / 256);
  }
}
