package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random map / unmap / lookup steps against a reference {@link TreeMap} of 4 KiB pages (page
 * -> output page | prot), for every configuration: large pages, partial unmaps of large pages,
 * replace, overlaps, the listing and the return of freed tables after the flush. Seed: system
 * property {@code vtdlab.seed} (default below); every failure message names it.
 */
class PageTableModelTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x5EED_2024L);
  private static final int STEPS = Integer.getInteger("vtdlab.steps", 10_000);
  private static final long K4 = 0x1000L;
  private static final long M2 = 0x20_0000L;
  private static final long G1 = 0x4000_0000L;
  private static final long WINDOW = 4 * G1;

  static Stream<Arguments> configs() {
    List<FormatConfig> all = new ArrayList<>(Configs.withLargePages());
    all.add(FormatConfig.secondStage(4, 46).withLeaf2M(true)); // 2 MiB only
    all.add(FormatConfig.secondStage(3, 46)); // 4 KiB only
    return all.stream()
        .map(
            c ->
                Arguments.of(c.label() + (c.leaf2M() ? " 2M" : "") + (c.leaf1G() ? " 1G" : ""), c));
  }

  private static final class Run {
    final SplittableRandom rnd;
    final String seedText;
    final PageTable table;
    final FrameAllocator frames;
    final TreeMap<Long, Long> ref = new TreeMap<>();
    final List<FlushGather> pending = new ArrayList<>();
    final SparseMemory memory;
    final long base;
    int step;
    int splits;
    int largeLookups;
    int gigaMaps;
    int refused;
    int replaced;

    Run(FormatConfig config, long seed) {
      rnd = new SplittableRandom(seed);
      seedText = "seed 0x" + Long.toHexString(seed);
      memory = new SparseMemory(48);
      frames = new FrameAllocator(memory, 0x20_0000_0000L, 1 << 16);
      table = new PageTable(PageTableFormat.of(config), frames);
      // first stage: use the upper canonical half in half of the runs
      base =
          config.stage() == Stage.FIRST_STAGE && (seed & 1) == 1
              ? -(1L << (config.inputWidth() - 1))
              : 0;
    }

    String where() {
      return seedText + " step " + step;
    }

    long pageAligned(long bound) {
      return rnd.nextLong(bound / K4) * K4;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void randomStepsAgreeWithAReferenceOfPages(String name, FormatConfig config) {
    for (long seed : new long[] {SEED, SEED + 1}) {
      System.out.printf("PageTableModelTest %s: seed 0x%x (-Dvtdlab.seed=...)%n", name, seed);
      Run run = new Run(config, seed);
      for (run.step = 0; run.step < STEPS / 2; run.step++) {
        int kind = run.rnd.nextInt(100);
        if (kind < 45) {
          map(run);
        } else if (kind < 75) {
          unmap(run);
        } else if (kind < 97) {
          lookup(run);
        } else {
          flushAll(run);
        }
        if (run.step % 500 == 499) {
          checkListing(run);
          checkFrames(run);
        }
      }
      checkListing(run);
      System.out.printf(
          "  %d refused overlaps, %d replaces, %d unmaps that split a large page,"
              + " %d lookups that hit a large page, %d maps of 1 GiB%n",
          run.refused, run.replaced, run.splits, run.largeLookups, run.gigaMaps);
      assertThat(run.refused).as(run.where()).isPositive();
      assertThat(run.replaced).as(run.where()).isPositive();
      if (config.leaf2M()) {
        assertThat(run.splits).as(run.where() + ": partial unmaps of large pages").isPositive();
        assertThat(run.largeLookups).as(run.where()).isPositive();
      }
      FlushGather all = run.table.unmap(run.base, WINDOW);
      assertThat(all.unmappedBytes()).as(run.where()).isEqualTo(run.ref.size() * K4);
      run.ref.clear();
      run.pending.add(all);
      flushAll(run);
      assertThat(run.table.mappings()).as(run.where()).isEmpty();
      onlyTheRootIsLeft(run);
    }
  }

  private static void onlyTheRootIsLeft(Run run) {
    // everything was unmapped: after the flushes only the root table is left
    assertThat(run.table.pendingFreeTables()).as(run.where()).isZero();
    assertThat(run.frames.framesInUse()).as(run.where()).isEqualTo(1);
  }

  private static int randomProt(Run run) {
    int[] choices = {Prot.READ, Prot.READ_WRITE, Prot.WRITE};
    return choices[run.rnd.nextInt(choices.length)];
  }

  private static void map(Run run) {
    int shape = run.rnd.nextInt(1000);
    long offset;
    long out;
    long size;
    if (shape < 2) { // 1 GiB aligned
      offset = run.rnd.nextLong(WINDOW / G1) * G1;
      out = (1 + run.rnd.nextLong(16)) * G1;
      size = G1;
      run.gigaMaps++;
    } else if (shape < 300) { // 2 MiB aligned, output aligned or not
      offset = run.rnd.nextLong(WINDOW / M2 - 4) * M2;
      out = (1 + run.rnd.nextLong(1024)) * M2 + (run.rnd.nextInt(5) == 0 ? K4 : 0);
      size = (1 + run.rnd.nextInt(3)) * M2 + (run.rnd.nextBoolean() ? 0 : run.pageAligned(M2));
    } else {
      offset = run.pageAligned(WINDOW - 64 * M2);
      out = run.pageAligned(1L << 40);
      size = (1 + run.rnd.nextInt(run.rnd.nextInt(10) == 0 ? 2048 : 16)) * K4;
    }
    long iova = run.base + offset;
    int prot = randomProt(run);
    boolean replace = run.rnd.nextInt(4) == 0;
    boolean overlaps = !run.ref.subMap(iova, true, iova + size - 1, true).isEmpty();
    if (overlaps && !replace) {
      long writes = run.memory.writeCount();
      int inUse = run.frames.framesInUse();
      assertThatThrownBy(() -> run.table.map(iova, out, size, prot))
          .as(run.where())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("overlaps");
      assertThat(run.memory.writeCount()).as(run.where() + ": nothing written").isEqualTo(writes);
      assertThat(run.frames.framesInUse()).as(run.where()).isEqualTo(inUse);
      run.refused++;
      return;
    }
    if (overlaps) {
      run.replaced++;
    }
    FlushGather g = run.table.map(iova, out, size, prot, replace);
    assertThat(g.mappedBytes()).as(run.where()).isEqualTo(size);
    assertThat(g.span()).as(run.where()).isEqualTo(new IovaRange(iova, iova + size - 1));
    for (long p = 0; p < size; p += K4) {
      run.ref.put(iova + p, (out + p) | prot);
    }
    checkFreedStillAllocated(run, g);
    run.pending.add(g);
  }

  private static void unmap(Run run) {
    long iova;
    long size;
    if (run.rnd.nextInt(25) == 0) {
      iova = run.pageAligned(WINDOW - 2 * G1);
      size = run.pageAligned(G1 + G1 / 2) + K4;
    } else {
      iova = run.pageAligned(WINDOW - 8 * M2);
      size = (1 + run.rnd.nextInt(run.rnd.nextBoolean() ? 8 : 1200)) * K4;
    }
    iova += run.base;
    Map<Long, Long> hit = run.ref.subMap(iova, true, iova + size - 1, true);
    long expected = hit.size() * K4;
    long allocations = run.frames.allocations();
    FlushGather g = run.table.unmap(iova, size);
    if (run.frames.allocations() > allocations) {
      run.splits++;
    }
    assertThat(g.unmappedBytes()).as(run.where()).isEqualTo(expected);
    for (IovaRange r : g.ranges()) {
      assertThat(
              Long.compareUnsigned(r.start(), iova) >= 0
                  && Long.compareUnsigned(r.last(), iova + size - 1) <= 0)
          .as(run.where() + ": range " + r + " inside the unmapped range")
          .isTrue();
    }
    hit.clear();
    checkFreedStillAllocated(run, g);
    run.pending.add(g);
  }

  private static void checkFreedStillAllocated(Run run, FlushGather g) {
    for (long t : g.freedTables()) {
      assertThat(run.frames.isAllocated(t))
          .as(run.where() + ": freed table 0x%x is not reused before the flush", t)
          .isTrue();
    }
  }

  private static void lookup(Run run) {
    long iova = run.base + run.pageAligned(WINDOW) + run.rnd.nextInt(4096);
    long page = iova & ~(K4 - 1);
    WalkResult r = run.table.lookup(iova);
    Long expected = run.ref.get(page);
    if (expected == null) {
      assertThat(r.status()).as(run.where() + " " + r).isEqualTo(WalkStatus.NOT_PRESENT);
      return;
    }
    assertThat(r.status()).as(run.where() + " " + r).isEqualTo(WalkStatus.LEAF);
    assertThat(r.outputAddress())
        .as(run.where() + " " + r)
        .isEqualTo((expected & ~(K4 - 1)) + (iova - page));
    int prot = (int) (expected & (K4 - 1));
    assertThat((r.rights() & Rights.WRITE) != 0)
        .as(run.where())
        .isEqualTo((prot & Prot.WRITE) != 0);
    PageSize size = r.pageSize();
    if (size != PageSize.SIZE_4K) {
      run.largeLookups++;
    }
    long first = iova & ~size.offsetMask();
    assertThat(run.ref.get(first)).as(run.where() + ": whole large page mapped").isNotNull();
  }

  private static void flushAll(Run run) {
    List<Long> freed = new ArrayList<>();
    for (FlushGather g : run.pending) {
      for (long t : g.freedTables()) {
        freed.add(t);
      }
      run.table.flushCompleted(g);
    }
    run.pending.clear();
    for (long t : freed) {
      assertThat(run.frames.isAllocated(t)).as(run.where() + ": freed after the flush").isFalse();
    }
    assertThat(run.table.pendingFreeTables()).as(run.where()).isZero();
  }

  /** The listing, merged across page sizes by rights, equals the reference merged the same way. */
  private static void checkListing(Run run) {
    PageTableFormat f = run.table.format();
    List<long[]> actual = new ArrayList<>();
    for (MappingRun r : run.table.mappings()) {
      append(actual, r.iovaStart(), r.iovaLast(), r.outputStart(), r.rights());
    }
    List<long[]> expected = new ArrayList<>();
    long tableRights = f.rights(f.encodeTable(0), 2);
    for (Map.Entry<Long, Long> e : run.ref.entrySet()) {
      int prot = (int) (e.getValue() & (K4 - 1));
      int rights = f.rights(f.encodeLeaf(0, PageSize.SIZE_4K, prot), 1) & (int) tableRights;
      append(expected, e.getKey(), e.getKey() + K4 - 1, e.getValue() & ~(K4 - 1), rights);
    }
    assertThat(actual.size()).as(run.where() + ": number of runs").isEqualTo(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i)).as(run.where() + ": run " + i).containsExactly(expected.get(i));
    }
  }

  private static void append(List<long[]> runs, long start, long last, long out, long rights) {
    if (!runs.isEmpty()) {
      long[] prev = runs.get(runs.size() - 1);
      if (prev[1] + 1 == start && prev[2] + (prev[1] - prev[0] + 1) == out && prev[3] == rights) {
        prev[1] = last;
        return;
      }
    }
    runs.add(new long[] {start, last, out, rights});
  }

  /** Frames in use = tables reachable from the root + tables waiting for their flush. */
  private static void checkFrames(Run run) {
    int reachable =
        countTables(
            run.table.format(), run.frames, run.table.rootAddress(), run.table.format().levels());
    assertThat(run.frames.framesInUse())
        .as(run.where() + ": no table leaked")
        .isEqualTo(reachable + run.table.pendingFreeTables());
  }

  private static int countTables(PageTableFormat f, FrameAllocator frames, long table, int level) {
    int n = 1;
    if (level == 1) {
      return n;
    }
    for (int i = 0; i < 512; i++) {
      long e = frames.memory().read64(table + i * 8L);
      if (f.isPresent(e, level) && !f.isLeaf(e, level)) {
        n += countTables(f, frames, f.address(e, level), level - 1);
      }
    }
    return n;
  }
}
