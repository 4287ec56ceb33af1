package dev.vtdlab.bench;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTable;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.WalkPath;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The page-table engine's costs, per operation, for a first-stage 4-level and a second-stage
 * 4-level table (both with 2 MiB and 1 GiB pages). Single-page operations run in batches of 512 (64
 * for 1 GiB) per invocation ({@link OperationsPerInvocation}), with the region reset between
 * invocations, so each reported time is one operation. Unmaps include the {@code flushCompleted}
 * that returns freed tables.
 *
 * <p>Run: {@code mvn -B -o -Pbench test-compile exec:exec -Dbench.args="dev.vtdlab.bench.PageTable
 * -f 1 -wi 2 -i 3 -w 1s -r 1s"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PageTableBenchmark {
  private static final long K4 = 0x1000L;
  private static final long M2 = 0x20_0000L;
  private static final long G1 = 0x4000_0000L;
  private static final long OUT = 0x10_0000_0000L;
  private static final int BATCH = 512;
  private static final int GIGA_BATCH = 64;

  /**
   * One table per thread, its own per format; a page at 16 GiB stays mapped so the upper tables
   * exist. (Each fixture owns its table: JMH 1.37 gives a helper's injected state and the
   * benchmark's argument separate instances.)
   */
  @State(Scope.Thread)
  public static class Fixture {
    /** FS4 = first stage 4-level, SS4 = second stage 4-level. */
    @Param({"FS4", "SS4"})
    public String format;

    PageTable table;
    final WalkPath path = new WalkPath();
    final long lookupIova = 16 * G1 + 0x123;

    @Setup(Level.Trial)
    public void create() {
      FormatConfig config =
          format.equals("FS4")
              ? FormatConfig.firstStage(4, 48).withLeaf1G(true)
              : FormatConfig.secondStage(4, 48).withLeaf2M(true).withLeaf1G(true);
      SparseMemory memory = new SparseMemory(48);
      table = new PageTable(PageTableFormat.of(config), new FrameAllocator(memory, G1, 1 << 16));
      table.map(16 * G1, 16 * G1, K4, Prot.READ);
    }

    /** Nothing mapped in 0..1 GiB and 64..128 GiB. */
    void clear() {
      table.flushCompleted(table.unmap(0, G1));
      table.flushCompleted(table.unmap(64 * G1, 64 * G1));
    }
  }

  /** Before each batch: the regions are empty. */
  @State(Scope.Thread)
  public static class Empty extends Fixture {
    @Setup(Level.Invocation)
    public void reset() {
      clear();
    }
  }

  /** Before each unmap batch: 512 pages of 4 KiB mapped at 0 (one leaf table). */
  @State(Scope.Thread)
  public static class Mapped4k extends Fixture {
    @Setup(Level.Invocation)
    public void fill() {
      clear();
      table.map(0, OUT + K4, BATCH * K4, Prot.READ_WRITE);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void map4k(Empty f) {
    for (int i = 0; i < BATCH; i++) {
      f.table.map(i * K4, OUT + i * K4, K4, Prot.READ_WRITE);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void unmap4k(Mapped4k f) {
    for (int i = 0; i < BATCH; i++) {
      f.table.flushCompleted(f.table.unmap(i * K4, K4));
    }
  }

  @Benchmark
  public Object map256x4kInOneCall(Empty f) {
    return f.table.map(0, OUT + K4, 256 * K4, Prot.READ_WRITE);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void map2m(Empty f) {
    for (int i = 0; i < BATCH; i++) {
      f.table.map(64 * G1 + i * M2, OUT + i * M2, M2, Prot.READ_WRITE);
    }
  }

  @Benchmark
  @OperationsPerInvocation(GIGA_BATCH)
  public void map1g(Empty f) {
    for (int i = 0; i < GIGA_BATCH; i++) {
      f.table.map(64 * G1 + i * G1, OUT + i * G1, G1, Prot.READ_WRITE);
    }
  }

  /** A lookup into a reused walk path (the allocation-free form). */
  @Benchmark
  public long lookup4k(Fixture f) {
    return f.table.lookup(f.lookupIova, f.path).outputAddress();
  }

  /** A lookup returning an immutable {@code WalkResult} with its steps. */
  @Benchmark
  public Object lookup4kResult(Fixture f) {
    return f.table.lookup(f.lookupIova);
  }
}
