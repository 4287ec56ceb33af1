package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.Rights;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTraversalTest {

  private static List<MappingRun> runs(SyntheticTables t, long root, List<Finding> findings) {
    TableTraversal tr = new TableTraversal(t.format, t.memory, "dev");
    RunCollector c = new RunCollector(t.format);
    tr.traverse(root, c);
    findings.addAll(tr.findings());
    return c.runs();
  }

  @Test
  void contiguousPagesWithEqualRightsMergeIntoOneRun() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    for (int i = 0; i < 1000; i++) {
      t.map(root, 0x4000_0000L + i * 0x1000L, 0x8000_0000L + i * 0x1000L);
    }
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(f).isEmpty();
    assertThat(runs)
        .containsExactly(
            new MappingRun(
                0x4000_0000L,
                0x4000_0000L + 1000 * 0x1000L - 1,
                0x8000_0000L,
                0x8000_0000L + 1000 * 0x1000L - 1,
                PageSize.SIZE_4K,
                Rights.READ | Rights.WRITE | Rights.EXECUTE | Rights.USER,
                runs.get(0).attributes(),
                1000));
  }

  @Test
  void aGapAnOutputJumpOrOtherRightsStartANewRun() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    t.map(root, 0x1000, 0x10_1000);
    t.map(root, 0x2000, 0x10_2000);
    t.map(root, 0x4000, 0x10_4000); // input gap
    t.map(root, 0x5000, 0x20_0000); // output jump
    t.map(root, 0x6000, 0x20_1000, Prot.READ); // read-only
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(runs)
        .extracting(MappingRun::inputStart)
        .containsExactly(0x1000L, 0x4000L, 0x5000L, 0x6000L);
    assertThat(runs).extracting(MappingRun::pages).containsExactly(2L, 1L, 1L, 1L);
    assertThat(Rights.toString(runs.get(3).rights())).isEqualTo("r-xu");
  }

  @Test
  void aTableThatPointsBackToItsOwnPathIsALoopNotFollowed() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    t.map(root, 0x1000, 0x10_1000);
    // Level-3 entry 1 points back to the level-3 table itself: followed as a level-2 table, it
    // would point to itself again.
    t.memory.write64(root + 8, t.format.encodeTable(root));
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(runs).hasSize(1);
    assertThat(f).hasSize(1);
    assertThat(f.get(0).hpa()).isEqualTo(root);
    assertThat(f.get(0).problem())
        .isEqualTo("loop: this table is also the level-3 table on its own path; not followed");
  }

  @Test
  void aTableSharedByTwoParentsIsVisitedUnderEach() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    t.map(root, 0x1000, 0x10_1000);
    long l2 = t.format.address(t.memory.read64(root), 3);
    t.memory.write64(root + 8, t.format.encodeTable(l2)); // 1 GiB later, same PD
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(f).isEmpty();
    assertThat(runs).extracting(MappingRun::inputStart).containsExactly(0x1000L, 0x4000_1000L);
    assertThat(runs).extracting(MappingRun::outputStart).containsExactly(0x10_1000L, 0x10_1000L);
  }

  @Test
  void reservedBitsAreReportedAndTheEntryNotFollowed() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    t.map(root, 0x1000, 0x10_1000);
    t.map(root, 0x20_0000, 0x10_2000);
    long l2 = t.format.address(t.memory.read64(root), 3);
    // PS at level 2 without 2 MiB pages in the format: reserved (D10).
    t.memory.write64(l2 + 8, t.memory.read64(l2 + 8) | 0x80);
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(runs).extracting(MappingRun::inputStart).containsExactly(0x1000L);
    assertThat(f).hasSize(1);
    assertThat(f.get(0).location()).isEqualTo("dev SL-PDE for input 0x200000");
    assertThat(f.get(0).hpa()).isEqualTo(l2 + 8);
    assertThat(f.get(0).problem()).startsWith("reserved bits 0x80 set in entry");
  }

  @Test
  void aTableOutsideMemoryIsReported() {
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    t.map(root, 0x1000, 0x10_1000);
    t.memory.write64(root + 16, t.format.encodeTable(0x70_0000));
    t.memory.setReadLimit(0x60_0000);
    List<Finding> f = new java.util.ArrayList<>();
    List<MappingRun> runs = runs(t, root, f);
    assertThat(runs).hasSize(1);
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.hpa()).isEqualTo(0x70_0000L);
              assertThat(x.problem()).isEqualTo("table is not in the memory dump");
            });
  }

  @Test
  void oneHundredThousandPagesAreListed() {
    long seed = Long.getLong("vtdlab.seed", 5L);
    java.util.Random rnd = new java.util.Random(seed);
    SyntheticTables t = new SyntheticTables();
    long root = t.newTable();
    int n = 100_000;
    long expectedRuns = 0;
    long out = 0x1_0000_0000L;
    for (int i = 0; i < n; i++) {
      boolean jump = i == 0 || rnd.nextInt(8) == 0;
      if (jump) {
        out += 0x10_0000;
        expectedRuns++;
      } else {
        out += 0x1000;
      }
      t.map(root, 0x10_0000_0000L + (long) i * 0x1000, out);
    }
    List<Finding> f = new java.util.ArrayList<>();
    TableTraversal tr = new TableTraversal(t.format, t.memory, "dev");
    RunCollector c = new RunCollector(t.format);
    tr.traverse(root, c);
    assertThat(c.pages()).as("seed %d", seed).isEqualTo(n);
    assertThat(c.runs()).as("seed %d", seed).hasSize((int) expectedRuns);
    assertThat(tr.findings()).isEmpty();
    assertThat(f).isEmpty();
  }
}
