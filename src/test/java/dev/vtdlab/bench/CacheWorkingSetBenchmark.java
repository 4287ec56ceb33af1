package dev.vtdlab.bench;

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
 * Translations per second over a working set of 4096 pages (16 MiB) in random order, larger than
 * the default IOTLB (512 entries): all caches, no paging-structure caches, paging-structure caches
 * without IOTLB, and no caches. The teardown prints memory reads per translation, which shows the
 * paging-structure caches' effect.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheWorkingSetBenchmark {
  @Param({"LEGACY", "FIRST_STAGE", "NESTED"})
  public String mode;

  @Param({"ALL", "NO_PSC", "PSC_ONLY", "NONE"})
  public String caches;

  private CacheBench bench;
  private int next;
  private long translations;
  private long reads;

  @Setup(Level.Trial)
  public void setUp() {
    bench = new CacheBench(mode, CacheBench.caches(caches), 4096, 2);
  }

  @Benchmark
  public Translation translate() {
    Translation t = bench.platform.unit.translate(bench.requests[next]);
    next = (next + 1) & 4095;
    translations++;
    reads += t.reads().total();
    return t;
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        "%n[CacheWorkingSetBenchmark %s %s] reads per translation %.3f%n",
        mode, caches, (double) reads / Math.max(1, translations));
  }
}
