package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.FramesExhaustedException;
import dev.vtdlab.mem.SparseMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine: Linux's bits, page-size choice, split, freeing after flush, bad inputs. */
class PageTableTest {
  private static final long K4 = 0x1000;
  private static final long M2 = 0x20_0000;
  private static final long G1 = 0x4000_0000;
  private static final long FRAMES = 0x10_0000_0000L;

  private final SparseMemory memory = new SparseMemory(48);
  private final FrameAllocator frames = new FrameAllocator(memory, FRAMES, 4096);

  private static final FormatConfig FS4 = FormatConfig.firstStage(4, 48).withLeaf1G(true);
  private static final FormatConfig SS4 =
      FormatConfig.secondStage(4, 48).withLeaf2M(true).withLeaf1G(true).withSnoopControl(true);

  private PageTable table(FormatConfig c) {
    return new PageTable(PageTableFormat.of(c), frames);
  }

  private long entry(long table, long iova, int level, PageTableFormat f) {
    return memory.read64(table + f.index(iova, level) * 8L);
  }

  @Test
  void firstStageMapWritesLinuxBitsAtEveryLevel() {
    PageTable t = table(FS4);
    PageTableFormat f = t.format();
    long iova = 0x0000_1234_5678_9000L;
    t.map(iova, 0xABCD_E000L, K4, Prot.READ_WRITE);
    long l4 = entry(t.rootAddress(), iova, 4, f);
    assertThat(l4 & 0xFFF).as("P | R/W | U/S | A").isEqualTo(0x027);
    long l3 = entry(l4 & ~0xFFFL, iova, 3, f);
    assertThat(l3 & 0xFFF).isEqualTo(0x027);
    long l2 = entry(l3 & ~0xFFFL, iova, 2, f);
    assertThat(l2 & 0xFFF).isEqualTo(0x027);
    long l1 = entry(l2 & ~0xFFFL, iova, 1, f);
    assertThat(l1).as("P | R/W | U/S | A | D").isEqualTo(0xABCD_E067L);
    assertThat(frames.framesInUse()).isEqualTo(4);
    t.map(iova + K4, 0x5000, K4, Prot.READ);
    assertThat(entry(l2 & ~0xFFFL, iova + K4, 1, f))
        .as("read-only: P | U/S | A")
        .isEqualTo(0x5025L);
  }

  @Test
  void secondStageMapWritesLinuxBitsAtEveryLevel() {
    PageTable t = table(SS4);
    PageTableFormat f = t.format();
    long iova = 0x0000_1234_5678_9000L;
    t.map(iova, 0xABCD_E000L, K4, Prot.READ_WRITE | Prot.SNOOP);
    long l4 = entry(t.rootAddress(), iova, 4, f);
    long l3 = entry(l4 & ~0xFFFL, iova, 3, f);
    long l2 = entry(l3 & ~0xFFFL, iova, 2, f);
    assertThat(List.of(l4 & 0xFFF, l3 & 0xFFF, l2 & 0xFFF)).containsOnly(0x003L);
    assertThat(entry(l2 & ~0xFFFL, iova, 1, f)).as("R | W | SNP").isEqualTo(0xABCD_E803L);
    t.map(0x4000_0000L, 0x8000_0000L, M2, Prot.READ);
    WalkResult large = t.lookup(0x4000_0000L);
    assertThat(large.steps()).hasSize(3);
    assertThat(large.lastEntry()).as("R | PS").isEqualTo(0x8000_0081L);
  }

  @Test
  void mapUsesTheLargestPagesAlignmentAllows() {
    PageTable t = table(SS4);
    t.map(G1, 2 * G1, G1 + M2 + K4, Prot.READ_WRITE);
    assertThat(t.lookup(G1 + 0x1234).pageSize()).isEqualTo(PageSize.SIZE_1G);
    assertThat(t.lookup(2 * G1 + 5).pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(t.lookup(2 * G1 + M2).pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.lookup(2 * G1 + M2 + K4).status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(t.mappings())
        .extracting(MappingRun::pageSize)
        .containsExactly(PageSize.SIZE_1G, PageSize.SIZE_2M, PageSize.SIZE_4K);
    assertThat(t.lookup(2 * G1 + M2 + 0x10).outputAddress()).isEqualTo(3 * G1 + M2 + 0x10);
  }

  @Test
  void outputAlignmentLimitsThePageSize() {
    PageTable t = table(FS4);
    t.map(M2, 0x3000, M2, Prot.READ);
    List<MappingRun> runs = t.mappings();
    assertThat(runs)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_4K);
              assertThat(r.pages()).isEqualTo(512);
              assertThat(r.outputStart()).isEqualTo(0x3000);
            });
  }

  @Test
  void oneGigabytePagesNeedTheirCapability() {
    PageTable t = table(FormatConfig.firstStage(4, 48));
    t.map(G1, G1, G1, Prot.READ);
    assertThat(t.mappings())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_2M);
              assertThat(r.pages()).isEqualTo(512);
            });
  }

  @Test
  void manySmallPagesInOneCallGiveOneRangeAndOneRun() {
    PageTable t = table(FS4);
    FlushGather g = t.map(0x10_0000, 0x80_0000, 256 * K4, Prot.READ_WRITE);
    assertThat(g.ranges()).containsExactly(new IovaRange(0x10_0000, 0x10_0000 + 256 * K4 - 1));
    assertThat(g.mappedBytes()).isEqualTo(256 * K4);
    assertThat(g.levelTouched(1)).isTrue();
    assertThat(g.levelTouched(4)).isTrue();
    assertThat(t.mappings()).singleElement().satisfies(r -> assertThat(r.pages()).isEqualTo(256));
  }

  @Test
  void unmapOfHalfALargePageSplitsIt() {
    PageTable t = table(SS4);
    t.map(M2, 4 * M2, M2, Prot.READ_WRITE);
    int before = frames.framesInUse();
    FlushGather g = t.unmap(M2, M2 / 2);
    assertThat(g.ranges()).containsExactly(new IovaRange(M2, M2 + M2 / 2 - 1));
    assertThat(g.unmappedBytes()).isEqualTo(M2 / 2);
    assertThat(g.freedTableCount()).isZero();
    assertThat(frames.framesInUse()).as("one new leaf table").isEqualTo(before + 1);
    assertThat(t.lookup(M2).status()).isEqualTo(WalkStatus.NOT_PRESENT);
    WalkResult rest = t.lookup(M2 + M2 / 2 + 0x123);
    assertThat(rest.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(rest.outputAddress()).isEqualTo(4 * M2 + M2 / 2 + 0x123);
    assertThat(t.mappings())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.iovaStart()).isEqualTo(M2 + M2 / 2);
              assertThat(r.pages()).isEqualTo(256);
            });
  }

  @Test
  void unmapOfOnePageInsideAGigabytePageSplitsTwice() {
    PageTable t = table(FS4);
    t.map(G1, G1, G1, Prot.READ_WRITE);
    FlushGather g = t.unmap(G1 + 3 * M2 + 5 * K4, K4);
    assertThat(g.unmappedBytes()).isEqualTo(K4);
    assertThat(t.lookup(G1 + 3 * M2 + 5 * K4).status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(t.lookup(G1 + 3 * M2 + 4 * K4).pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.lookup(G1 + 4 * M2).pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(t.lookup(G1 + 4 * M2 + 7).outputAddress()).isEqualTo(G1 + 4 * M2 + 7);
    assertThat(t.mappings())
        .extracting(MappingRun::pageSize)
        .containsExactly(PageSize.SIZE_2M, PageSize.SIZE_4K, PageSize.SIZE_4K, PageSize.SIZE_2M);
  }

  @Test
  void freedTablesAreReturnedOnlyAfterTheFlushCompleted() {
    PageTable t = table(FS4);
    t.map(0x7000, 0x9000, K4, Prot.READ);
    assertThat(frames.framesInUse()).isEqualTo(4);
    FlushGather g = t.unmap(0x7000, K4);
    assertThat(g.freedTableCount()).isEqualTo(3);
    assertThat(g.leafOnly()).isFalse();
    assertThat(t.pendingFreeTables()).isEqualTo(3);
    assertThat(frames.framesInUse()).as("not before the flush").isEqualTo(4);
    for (long table : g.freedTables()) {
      assertThat(frames.isAllocated(table)).isTrue();
    }
    assertThat(t.lookup(0x7000).level()).as("root entry cleared").isEqualTo(4);
    t.flushCompleted(g);
    assertThat(frames.framesInUse()).isEqualTo(1);
    assertThat(t.pendingFreeTables()).isZero();
    assertThat(g.flushCompleted()).isTrue();
    assertThatThrownBy(() -> t.flushCompleted(g)).hasMessageContaining("already completed");
  }

  @Test
  void unmappingOnePageOfSeveralFreesNothingAndIsLeafOnly() {
    PageTable t = table(SS4);
    t.map(0, 0x100_0000, 4 * K4, Prot.READ);
    FlushGather g = t.unmap(K4, K4);
    assertThat(g.freedTableCount()).isZero();
    assertThat(g.leafOnly()).isTrue();
    assertThat(g.levelsTouched()).isEqualTo(1 << 1);
    assertThat(g.ranges()).containsExactly(new IovaRange(K4, 2 * K4 - 1));
  }

  @Test
  void unmappingNothingChangesNothing() {
    PageTable t = table(SS4);
    FlushGather g = t.unmap(G1, G1);
    assertThat(g.isEmpty()).isTrue();
    assertThat(g.unmappedBytes()).isZero();
  }

  @Test
  void mappingOverAnExistingMappingIsRefusedWithoutReplace() {
    PageTable t = table(FS4);
    t.map(M2, M2, M2, Prot.READ);
    long writes = memory.writeCount();
    int used = frames.framesInUse();
    assertThatThrownBy(() -> t.map(M2 + 0x10_0000, 0x5000_0000L, 2 * M2, Prot.READ))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps the existing 2M mapping of 0x200000 -> 0x200000")
        .hasMessageContaining("replace");
    assertThat(memory.writeCount()).as("nothing written").isEqualTo(writes);
    assertThat(frames.framesInUse()).isEqualTo(used);
  }

  @Test
  void replaceRemapsPartOfALargePageAndKeepsTheRest() {
    PageTable t = table(SS4);
    t.map(M2, 8 * M2, M2, Prot.READ);
    FlushGather g = t.map(M2 + 4 * K4, 0x7000_0000L, K4, Prot.READ_WRITE, true);
    assertThat(g.ranges()).containsExactly(new IovaRange(M2 + 4 * K4, M2 + 5 * K4 - 1));
    assertThat(t.lookup(M2 + 4 * K4).outputAddress()).isEqualTo(0x7000_0000L);
    assertThat(t.lookup(M2 + 3 * K4).outputAddress()).isEqualTo(8 * M2 + 3 * K4);
    assertThat(t.lookup(M2 + 5 * K4).outputAddress()).isEqualTo(8 * M2 + 5 * K4);
    assertThat(t.mappings()).hasSize(3);
  }

  @Test
  void replacingSmallPagesWithALargeOneFreesTheirTable() {
    PageTable t = table(FS4);
    t.map(M2, M2, 3 * K4, Prot.READ);
    FlushGather g = t.map(M2, 4 * M2, M2, Prot.READ, true);
    assertThat(g.freedTableCount()).isEqualTo(1);
    assertThat(g.leafOnly()).isFalse();
    assertThat(t.lookup(M2 + K4).pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(t.lookup(M2 + K4).outputAddress()).isEqualTo(4 * M2 + K4);
  }

  @Test
  void badArgumentsAreRefusedWithAMessageAndChangeNothing() {
    PageTable fs = table(FormatConfig.firstStage(4, 40));
    PageTable ss3 = table(FormatConfig.secondStage(3, 40));
    long writes = memory.writeCount();
    assertThatThrownBy(() -> fs.map(0x1800, 0x1000, K4, Prot.READ))
        .hasMessageContaining("iova 0x1800 is not 4 KiB aligned");
    assertThatThrownBy(() -> fs.map(0x1000, 0x1800, K4, Prot.READ))
        .hasMessageContaining("output address 0x1800 is not 4 KiB aligned");
    assertThatThrownBy(() -> fs.map(0x1000, 0x1000, 0x800, Prot.READ))
        .hasMessageContaining("not a multiple of 4 KiB");
    assertThatThrownBy(() -> fs.map(0x1000, 0x1000, 0, Prot.READ))
        .hasMessageContaining("size must be positive");
    assertThatThrownBy(() -> ss3.map(1L << 39, 0x1000, K4, Prot.READ))
        .hasMessageContaining("beyond the 39-bit input width");
    assertThatThrownBy(() -> ss3.map((1L << 39) - K4, 0x1000, 2 * K4, Prot.READ))
        .hasMessageContaining("beyond the 39-bit input width");
    assertThatThrownBy(() -> fs.map(0x0000_8000_0000_0000L, 0x1000, K4, Prot.READ))
        .hasMessageContaining("not canonical");
    assertThatThrownBy(() -> fs.map(0x0000_7FFF_FFFF_F000L, 0x1000, 2 * K4, Prot.READ))
        .hasMessageContaining("not canonical");
    assertThatThrownBy(() -> fs.map(0x1000, 1L << 40, K4, Prot.READ))
        .hasMessageContaining("beyond the host address width (HAW 40 bits)");
    assertThatThrownBy(() -> fs.map(0x1000, (1L << 40) - K4, 2 * K4, Prot.READ))
        .hasMessageContaining("HAW 40");
    assertThatThrownBy(() -> fs.map(0x1000, 0x1000, K4, 0)).hasMessageContaining("READ or WRITE");
    assertThatThrownBy(() -> ss3.map(0x1000, 0x1000, K4, Prot.READ | Prot.SNOOP))
        .hasMessageContaining("ECAP.SC");
    assertThatThrownBy(() -> fs.unmap(0x1000, 0x1800)).hasMessageContaining("multiple of 4 KiB");
    assertThatThrownBy(() -> fs.unmap(-K4, 2 * K4)).hasMessageContaining("wraps");
    assertThat(memory.writeCount()).isEqualTo(writes);
  }

  @Test
  void tooFewFramesFailsBeforeAnythingChanges() {
    FrameAllocator few = new FrameAllocator(memory, 0x2000_0000L, 3);
    PageTable t = new PageTable(PageTableFormat.of(FS4), few);
    long writes = memory.writeCount();
    assertThatThrownBy(() -> t.map(0, 0, K4, Prot.READ))
        .isInstanceOf(FramesExhaustedException.class)
        .hasMessageContaining("needs 3 new table pages");
    assertThat(few.framesInUse()).isEqualTo(1);
    assertThat(t.mappings()).isEmpty();
    assertThat(memory.writeCount()).as("only zeroing of reserved frames").isEqualTo(writes);
  }

  @Test
  void tableFramesBeyondHawAreRefused() {
    FrameAllocator high = new FrameAllocator(memory, 1L << 40, 8);
    assertThatThrownBy(
            () -> new PageTable(PageTableFormat.of(FormatConfig.firstStage(4, 40)), high))
        .hasMessageContaining("HAW 40");
  }

  @Test
  void reservedBitsInATableEntryStopLookupAndRefuseChanges() {
    PageTable t = table(SS4);
    t.map(0x40_0000, 0x40_0000, K4, Prot.READ);
    long l4 = memory.read64(t.rootAddress());
    memory.write64(t.rootAddress(), l4 | (1L << 62));
    WalkResult r = t.lookup(0x40_0000);
    assertThat(r.status()).isEqualTo(WalkStatus.RESERVED);
    assertThat(r.level()).isEqualTo(4);
    assertThat(r.reservedBits()).isEqualTo(1L << 62);
    assertThatThrownBy(() -> t.map(0x40_1000, 0x1000, K4, Prot.READ))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reserved bits 0x4000000000000000");
    assertThat(t.mappings()).as("the listing skips what a walk would refuse").isEmpty();
  }

  @Test
  void upperHalfFirstStageAddressesAreListedCanonically() {
    PageTable t = table(FS4);
    long iova = 0xFFFF_8000_0000_0000L;
    t.map(iova, 0x5000, 2 * K4, Prot.READ);
    t.map(0x1000, 0x9000, K4, Prot.READ);
    assertThat(t.lookup(iova + K4 + 8).outputAddress()).isEqualTo(0x6008);
    assertThat(t.mappings()).extracting(MappingRun::iovaStart).containsExactly(0x1000L, iova);
    t.flushCompleted(t.unmap(iova, 2 * K4));
    assertThat(t.mappings()).hasSize(1);
  }

  @Test
  void anAttachedTableWrittenByHandIsReadAndChanged() {
    PageTableFormat f = PageTableFormat.of(FS4);
    long root = 0x30_0000L;
    long pdpt = 0x30_1000L;
    long pd = 0x30_2000L;
    long iova = 0x4000_0000L + 3 * M2;
    memory.write64(root + f.index(iova, 4) * 8L, pdpt | 0x27);
    memory.write64(pdpt + f.index(iova, 3) * 8L, pd | 0x27);
    memory.write64(pd + f.index(iova, 2) * 8L, 0x8000_0000L | 0xE7);
    PageTable t = PageTable.attach(f, frames, root);
    assertThat(t.lookup(iova + 5).outputAddress()).isEqualTo(0x8000_0005L);
    assertThat(t.mappings())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.iovaStart()).isEqualTo(iova);
              assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_2M);
            });
    t.map(iova + M2, 0x9000_0000L, K4, Prot.READ);
    FlushGather g = t.unmap(iova, M2);
    assertThat(g.unmappedBytes()).isEqualTo(M2);
    assertThat(g.freedTableCount()).as("the hand-written PD keeps the new mapping").isZero();
    FlushGather all = t.unmap(iova + M2, K4);
    assertThat(all.freedTableCount()).isEqualTo(3);
    t.flushCompleted(all);
    assertThat(frames.framesInUse()).as("hand-written tables are not the allocator's").isZero();
  }

  @Test
  void gathersOfOneTableCanBeBatched() {
    PageTable t = table(FS4);
    t.map(0, 0, 8 * K4, Prot.READ);
    FlushGather a = t.unmap(0, K4);
    FlushGather b = t.unmap(K4, 7 * K4);
    a.absorb(b);
    assertThat(a.ranges()).containsExactly(new IovaRange(0, 8 * K4 - 1));
    assertThat(a.freedTableCount()).isEqualTo(3);
    assertThatThrownBy(() -> t.flushCompleted(b)).hasMessageContaining("absorbed");
    t.flushCompleted(a);
    assertThat(frames.framesInUse()).isEqualTo(1);
    PageTable other = table(FS4);
    assertThatThrownBy(() -> other.flushCompleted(t.unmap(0, K4)))
        .hasMessageContaining("another page table");
  }
}
