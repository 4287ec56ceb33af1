package dev.vtdlab.bench;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.IntelIommuDriver;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.inv.InvalidationStats;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DMA-API cost: one map + unmap of a 4 KiB buffer (ns per pair) on the server unit, strict and
 * lazy, first- and second-stage domains, one and two threads sharing one domain. The unit is the
 * hardware model's RemappingUnit with its default caches (invalidations reach them); a strict unmap
 * submits a page-selective invalidation plus a wait descriptor and polls the status word; a lazy
 * unmap queues and flushes the whole domain once per 256 unmaps. At the end of each trial the
 * invalidation descriptors and waits per pair are printed ("invalidations per pair").
 *
 * <p>Run: {@code mvn -B -o -Pbench test-compile exec:exec -Dbench.args="dev.vtdlab.bench.DmaApi -f
 * 1 -wi 2 -i 3 -w 1s -r 1s"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DmaApiBenchmark {
  private static final SourceId DEV = SourceId.of(1, 0, 0);

  /** One driver and domain shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class System {
    @Param({"strict", "lazy"})
    public String mode;

    @Param({"first", "second"})
    public String stage;

    FrameAllocator kernel;
    DmaDomain domain;
    DmaApi dma;
    final AtomicLong pairs = new AtomicLong();
    InvalidationStats before;

    @Setup(Level.Trial)
    public void bringUp() {
      UnitConfig config = UnitConfig.server();
      SparseMemory memory = new SparseMemory(config.haw());
      RemappingUnit unit = new RemappingUnit(config, memory, CacheConfig.DEFAULT);
      FrameAllocator tables = new FrameAllocator(memory, 0x100_0000L, 1 << 16);
      kernel = new FrameAllocator(memory, 0x10_0000_0000L, 1024);
      DriverOptions options =
          DriverOptions.defaults()
              .withFlush(mode.equals("strict") ? FlushMode.STRICT : FlushMode.LAZY)
              .withStage(stage.equals("first") ? StageChoice.FIRST : StageChoice.SECOND);
      IntelIommuDriver driver =
          IntelIommuDriver.bringUp(Mmio.of(unit), tables, config.haw(), options);
      domain = driver.createDmaDomain();
      driver.attach(DEV, domain);
      dma = driver.dma(DEV);
      dma.map(kernel.allocate(), 4096, DmaDirection.TO_DEVICE); // keeps the tables in place
      before = domain.invalidations().stats();
    }

    @TearDown(Level.Trial)
    public void report() {
      InvalidationStats s = domain.invalidations().stats();
      double n = Math.max(1, pairs.get());
      java.lang.System.out.printf(
          "%n[invalidations per pair] %s %s: %.4f invalidation descriptors + %.4f waits per"
              + " map/unmap pair (%d pairs)%n",
          mode,
          stage,
          (s.invalidations() - before.invalidations()) / n,
          (s.waits() - before.waits()) / n,
          pairs.get());
    }
  }

  /** Each thread's buffer. */
  @State(Scope.Thread)
  public static class Buffer {
    long hpa;

    @Setup(Level.Trial)
    public void allocate(System system) {
      hpa = system.kernel.allocate();
    }
  }

  private static long pair(System s, Buffer b) {
    long iova = s.dma.map(b.hpa, 4096, DmaDirection.BIDIRECTIONAL);
    s.dma.unmap(iova, 4096, DmaDirection.BIDIRECTIONAL);
    s.pairs.incrementAndGet();
    return iova;
  }

  /** One thread. */
  @Benchmark
  @Threads(1)
  public long mapUnmap4kOneThread(System s, Buffer b) {
    return pair(s, b);
  }

  /** Two threads on the same domain. */
  @Benchmark
  @Threads(2)
  public long mapUnmap4kTwoThreads(System s, Buffer b) {
    return pair(s, b);
  }
}
