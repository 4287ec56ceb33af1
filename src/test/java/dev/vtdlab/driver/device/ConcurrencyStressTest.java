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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several threads map, let their device DMA, and unmap on one domain at once, each with its own
 * device (source id) and buffers; the unit caches translations (an IOTLB tagged by DID). The
 * checker: every DMA to a live mapping completes (no lost mapping) and lands in the thread's own
 * buffer, never anyone else's (an IOVA reused before its flush would send a device through a stale
 * cached translation into another buffer); at the end every buffer holds exactly what its owner
 * last wrote.
 */
class ConcurrencyStressTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 1500;
  private static final int BUFFERS = 4;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "server, AUTO, LAZY",
    "server, AUTO, STRICT",
    "server, SECOND, LAZY",
    "legacy, AUTO, LAZY"
  })
  void concurrentMapDmaUnmapNeverLosesAMappingNorReusesAnUnflushedIova(
      String preset, StageChoice stage, FlushMode flush) throws Exception {
    long seed = Long.getLong("vtdlab.seed", 99L);
    ManualClock clock = new ManualClock();
    UnitHarness h =
        new UnitHarness(
            UnitConfig.preset(preset),
            DriverOptions.defaults().withStage(stage).withFlush(flush).withClock(clock));
    DmaDomain domain = h.driver.createDmaDomain();
    long[][] buffers = new long[THREADS][BUFFERS];
    long[][] expected = new long[THREADS][BUFFERS];
    for (int t = 0; t < THREADS; t++) {
      h.driver.attach(SourceId.of(1, t, 0), domain);
      for (int b = 0; b < BUFFERS; b++) {
        buffers[t][b] = h.kernel.allocate();
      }
    }
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                  work(h, clock, id, buffers[id], expected[id], seed, problems);
                } catch (Throwable e) {
                  problems.add("thread " + id + ": " + e);
                }
              });
      threads.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertThat(problems).as("seed %d", seed).isEmpty();
    h.driver.flushAll();
    for (int t = 0; t < THREADS; t++) {
      for (int b = 0; b < BUFFERS; b++) {
        assertThat(h.memory.read64(buffers[t][b]))
            .as("thread %d buffer %d, seed %d", t, b, seed)
            .isEqualTo(expected[t][b]);
      }
    }
    assertThat(h.faultsRecorded()).as("no DMA faulted, seed %d", seed).isZero();
    assertThat(domain.ops().mappings()).as("everything unmapped").isEmpty();
    assertThat(domain.counters().maps()).isGreaterThan((long) THREADS * ROUNDS);
    assertThat(domain.counters().unmaps()).isEqualTo(domain.counters().maps());
    assertThat(h.unit.caches().iotlbCounters().hits()).as("the IOTLB was exercised").isPositive();
  }

  private static void work(
      UnitHarness h,
      ManualClock clock,
      int id,
      long[] buffers,
      long[] expected,
      long seed,
      ConcurrentLinkedQueue<String> problems) {
    Random rnd = new Random(seed * 31 + id);
    SourceId sid = SourceId.of(1, id, 0);
    Requester dev = Requester.of(sid);
    DmaApi dma = h.driver.dma(sid);
    long[] iovas = new long[BUFFERS];
    for (int round = 0; round < ROUNDS; round++) {
      int b = round % BUFFERS;
      long size = 4096L * (1 + rnd.nextInt(3));
      long token = ((long) id << 56) | ((long) round << 8) | b;
      iovas[b] = dma.map(buffers[b], 8, DmaDirection.FROM_DEVICE);
      byte[] data = new byte[8];
      java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(token);
      DmaResult r = h.port.write(dev, iovas[b], data, 0, 4);
      if (r.completed()) {
        r = h.port.write(dev, iovas[b] + 4, data, 4, 4); // an IOTLB hit
      }
      if (!r.completed()) {
        problems.add(
            "thread "
                + id
                + " round "
                + round
                + ": lost mapping: "
                + r
                + "; now: "
                + h.port.translate(dev.request(iovas[b], Access.WRITE))
                + "; driver: "
                + h.driver.domains().get(0).ops().iovaToPhysical(iovas[b]).steps()
                + (r instanceof DmaResult.Faulted f ? "; " + f.fault().explanation() : ""));
        return;
      }
      long seen = h.memory.read64(buffers[b]);
      if (seen != token) {
        problems.add(
            String.format(
                "thread %d round %d: DMA to 0x%x did not land in its buffer (0x%x, saw 0x%x)",
                id, round, iovas[b], token, seen));
        return;
      }
      expected[b] = token;
      if (size > 4096) {
        long extra = dma.map(buffers[b], size, DmaDirection.TO_DEVICE);
        dma.unmap(extra, size, DmaDirection.TO_DEVICE);
      }
      dma.unmap(iovas[b], 8, DmaDirection.FROM_DEVICE);
      if (id == 0 && round % 100 == 0) {
        clock.advanceMillis(5);
      }
    }
  }
}
