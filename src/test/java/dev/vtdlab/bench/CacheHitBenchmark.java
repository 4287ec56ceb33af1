package dev.vtdlab.bench;

import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.translate.Translation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Translations per second when every request hits the IOTLB (16 pages, default caches): the cost of
 * the whole unit's path (read lock, context-cache, PASID-cache, IOTLB, rights, result) per mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheHitBenchmark {
  @Param({"LEGACY", "FIRST_STAGE", "NESTED"})
  public String mode;

  private CacheBench bench;
  private int next;
  private long translations;
  private long reads;

  @Setup(Level.Trial)
  public void setUp() {
    bench = new CacheBench(mode, CacheConfig.DEFAULT, 16, 1);
  }

  @Benchmark
  public Translation translate() {
    Translation t = bench.platform.unit.translate(bench.requests[next]);
    next = (next + 1) & 15;
    translations++;
    reads += t.reads().total();
    return t;
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        "%n[CacheHitBenchmark %s] reads per translation %.3f; %s%n",
        mode,
        (double) reads / Math.max(1, translations),
        bench.platform.unit.caches().iotlbCounters());
  }
}
