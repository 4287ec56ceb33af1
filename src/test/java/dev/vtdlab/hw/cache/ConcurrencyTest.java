package dev.vtdlab.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.hw.regs.RegisterTable;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Several device threads translate and DMA while a software thread submits invalidations through
 * the queue: every translation stays correct and the cache counters add up.
 */
class ConcurrencyTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 77L);
  private static final int THREADS = 4;
  private static final int REQUESTS = 20_000;
  private static final int PAGES = 64;
  private static final long VA = 0x4000_0000L;
  private static final long HPA = 0x10_0000_0000L;

  @Test
  void devicesTranslateCorrectlyWhileSoftwareInvalidates() throws Exception {
    Platform p = new Platform(UnitConfig.server(), CacheConfig.uniform(16, Replacement.LRU));
    long dir = p.scalableDevice(Platform.DEV);
    long fsRoot = p.frame();
    long ssRoot = p.frame();
    p.pasidEntry(dir, 1, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 1).withFsptptr(fsRoot));
    p.pasidEntry(dir, 2, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, 2).withSsptptr(ssRoot));
    for (int i = 0; i < PAGES; i++) {
      p.map(p.fs(4), fsRoot, VA + i * 0x1000L, HPA + i * 0x1000L, PageSize.SIZE_4K);
      p.map(p.ss(4), ssRoot, VA + i * 0x1000L, HPA + 0x100_0000 + i * 0x1000L, PageSize.SIZE_4K);
    }
    p.bringUp(1);

    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> devices = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = SEED + t;
      Thread th =
          new Thread(
              () -> {
                Random rnd = new Random(seed);
                try {
                  start.await();
                  for (int n = 0; n < REQUESTS; n++) {
                    int pasid = 1 + rnd.nextInt(2);
                    int page = rnd.nextInt(PAGES);
                    long offset = rnd.nextInt(0x1000);
                    DmaRequest r =
                        DmaRequest.withPasid(
                            Platform.DEV, pasid, VA + page * 0x1000L + offset, Access.READ, false);
                    Translation result = p.unit.translate(r);
                    long expected = HPA + (pasid == 2 ? 0x100_0000 : 0) + page * 0x1000L + offset;
                    if (!(result instanceof Translated ok) || ok.hpa() != expected) {
                      errors.add(
                          "seed "
                              + seed
                              + ": "
                              + result
                              + ", expected 0x"
                              + Long.toHexString(expected));
                    }
                  }
                } catch (RuntimeException | InterruptedException e) {
                  errors.add("seed " + seed + ": " + e);
                }
              });
      th.start();
      devices.add(th);
    }
    start.countDown();
    Random rnd = new Random(SEED);
    int invalidations = 0;
    while (devices.stream().anyMatch(Thread::isAlive)) {
      switch (rnd.nextInt(4)) {
        case 0 -> p.invalidate(IotlbInvDescriptor.global());
        case 1 ->
            p.invalidate(IotlbInvDescriptor.page(2, VA + rnd.nextInt(PAGES) * 0x1000L, 0, false));
        case 2 ->
            p.invalidate(
                PasidCacheInvDescriptor.pasid(1, 1),
                PasidIotlbInvDescriptor.page(1, 1, VA + rnd.nextInt(PAGES) * 0x1000L, 0, false));
        default -> p.unit.read32(RegisterTable.FSTS_REG);
      }
      invalidations++;
    }
    for (Thread th : devices) {
      th.join();
    }

    assertThat(errors).as("seed %d", SEED).isEmpty();
    assertThat(invalidations).isPositive();
    CacheCounters iotlb = p.unit.caches().iotlbCounters();
    assertThat(iotlb.hits() + iotlb.misses())
        .as("one IOTLB lookup per translation, counted under the lock")
        .isEqualTo((long) THREADS * REQUESTS);
    assertThat(iotlb.size()).isLessThanOrEqualTo(16);
    assertThat(p.unit.read32(RegisterTable.FSTS_REG)).isZero();
  }
}
