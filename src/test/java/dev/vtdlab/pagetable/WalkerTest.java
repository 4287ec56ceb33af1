package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.SparseMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one walker: order of checks (D12), rights AND, output, the entry-fetch hook. */
class WalkerTest {
  private static final long ROOT = 0x10_0000L;
  private static final long PDPT = 0x10_1000L;
  private static final long PD = 0x10_2000L;
  private static final long PT = 0x10_3000L;
  private static final long IOVA = 0x0000_1234_5678_9ABCL; // indices 36, 209, 179, 393

  private final SparseMemory memory = new SparseMemory(48);
  private final PageTableFormat fs =
      PageTableFormat.of(FormatConfig.firstStage(4, 48).withNxe(true));
  private final Walker walker = new Walker(fs);

  /** A 4-level first-stage path for IOVA written by hand (raw entries, not by the engine). */
  private void writeFirstStagePath(long leaf) {
    memory.write64(ROOT + 36 * 8, PDPT | 0x27);
    memory.write64(PDPT + 209 * 8, PD | 0x27);
    memory.write64(PD + 179 * 8, PT | 0x27);
    memory.write64(PT + 393 * 8, leaf);
  }

  @Test
  void aCompleteWalkReachesTheLeafAndAddsThePageOffset() {
    writeFirstStagePath(0x0000_0001_2345_6067L);
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.LEAF);
    assertThat(r.level()).isEqualTo(1);
    assertThat(r.outputAddress()).isEqualTo(0x1_2345_6ABCL);
    assertThat(r.pageBase()).isEqualTo(0x1_2345_6000L);
    assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(r.rights()).isEqualTo(Rights.ALL);
    assertThat(r.steps()).extracting(WalkStep::level).containsExactly(4, 3, 2, 1);
    assertThat(r.steps())
        .extracting(WalkStep::entryAddress)
        .containsExactly(ROOT + 36 * 8, PDPT + 209 * 8, PD + 179 * 8, PT + 393 * 8);
    assertThat(r.lastEntry()).isEqualTo(0x1_2345_6067L);
  }

  @Test
  void rightsAreTheAndOverThePath() {
    writeFirstStagePath(0x8000_0001_2345_6067L);
    memory.write64(PDPT + 209 * 8, PD | 0x25); // R/W = 0 at level 3
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.isLeaf()).isTrue();
    assertThat(r.rights()).isEqualTo(Rights.READ | Rights.USER);
  }

  @Test
  void aLargeLeafStopsTheWalkEarly() {
    writeFirstStagePath(0);
    memory.write64(PD + 179 * 8, 0x4020_0000L | 0xE7);
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.LEAF);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(r.outputAddress()).isEqualTo(0x4020_0000L | (IOVA & 0x1F_FFFF));
    assertThat(r.steps()).hasSize(3);
  }

  @Test
  void aNotPresentEntryStopsTheWalkAtItsLevel() {
    writeFirstStagePath(0x1_2345_6067L);
    memory.write64(PD + 179 * 8, 0x8000_0000_0000_0000L | PT); // P = 0, reserved bits ignored
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.reservedBits()).isZero();
  }

  @Test
  void reservedBitsAreReportedWithTheirMask() {
    writeFirstStagePath(0x1_2345_6067L);
    memory.write64(PDPT + 209 * 8, PD | 0x27 | (1L << 7)); // PS in a PDPE without FS1GP
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.RESERVED);
    assertThat(r.level()).isEqualTo(3);
    assertThat(r.reservedBits()).isEqualTo(1L << 7);
  }

  @Test
  void aFetchErrorComesBeforeEverythingElse() {
    writeFirstStagePath(0x1_2345_6067L);
    memory.setReadLimit(PD);
    WalkResult r = walker.walk(ROOT, IOVA, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.FETCH_FAILED);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.steps()).hasSize(3);
    assertThat(r.steps().get(2).fetched()).isFalse();
    assertThat(r.steps().get(2).entryAddress()).isEqualTo(PD + 179 * 8);
  }

  @Test
  void anInvalidInputIsRefusedBeforeAnyFetch() {
    List<Long> fetched = new ArrayList<>();
    EntryReader counting =
        new EntryReader() {
          @Override
          public boolean fetch(long tableAddress, int index, int level) {
            fetched.add(tableAddress);
            return true;
          }

          @Override
          public long entry() {
            return 0;
          }
        };
    WalkResult r = walker.walk(ROOT, 0x0000_8000_0000_0000L, counting);
    assertThat(r.status()).isEqualTo(WalkStatus.INVALID_INPUT);
    assertThat(r.steps()).isEmpty();
    assertThat(fetched).isEmpty();
  }

  /** A nested-style hook: table addresses are "GPAs" translated by adding an offset. */
  @Test
  void theFetchHookDecidesWhereEachEntryComesFrom() {
    long gpaOffset = 0x4000_0000L;
    memory.write64(gpaOffset + ROOT + 36 * 8, PDPT | 0x27);
    memory.write64(gpaOffset + PDPT + 209 * 8, PD | 0x27);
    memory.write64(gpaOffset + PD + 179 * 8, PT | 0x27);
    memory.write64(gpaOffset + PT + 393 * 8, 0x5000L | 0x67);
    List<Integer> levels = new ArrayList<>();
    EntryReader translating =
        new EntryReader() {
          private long value;

          @Override
          public boolean fetch(long tableAddress, int index, int level) {
            levels.add(level);
            if (level == 1) {
              return false; // e.g. the second-stage walk for this table failed
            }
            value = memory.read64(gpaOffset + tableAddress + index * 8L);
            return true;
          }

          @Override
          public long entry() {
            return value;
          }
        };
    WalkPath path = walker.walk(ROOT, IOVA, translating, new WalkPath());
    assertThat(levels).containsExactly(4, 3, 2, 1);
    assertThat(path.status()).isEqualTo(WalkStatus.FETCH_FAILED);
    assertThat(path.level()).isEqualTo(1);
    assertThat(path.tableAddress(1)).as("the GPA of the table").isEqualTo(PT);
    assertThat(path.entriesFetched()).isEqualTo(3);
    assertThat(path.fetched(1)).isFalse();
    assertThat(path.entry(2)).isEqualTo(PT | 0x27);
  }

  @Test
  void aReusedPathForgetsThePreviousWalk() {
    writeFirstStagePath(0x1_2345_6067L);
    WalkPath path = new WalkPath();
    walker.walk(ROOT, IOVA, new MemoryEntryReader(memory), path);
    assertThat(path.isLeaf()).isTrue();
    walker.walk(ROOT, 0x1000, new MemoryEntryReader(memory), path);
    assertThat(path.status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(path.level()).isEqualTo(4);
    assertThat(path.pageSize()).isNull();
    assertThat(path.rights()).isEqualTo(Rights.ALL);
    assertThat(path.entriesFetched()).isEqualTo(1);
  }

  @Test
  void theSameWalkerWalksSecondStageTables() {
    PageTableFormat ss =
        PageTableFormat.of(FormatConfig.secondStage(3, 48).withLeaf2M(true).withSnoopControl(true));
    long iova = 0x1234_5678L; // 39-bit walk: indices 0, 145, 837 >> ...
    memory.write64(ROOT + ss.index(iova, 3) * 8L, PD | 0x3);
    memory.write64(PD + ss.index(iova, 2) * 8L, 0x4020_0983L); // digest 12.2 SL-PDE
    WalkResult r = new Walker(ss).walk(ROOT, iova, memory);
    assertThat(r.status()).isEqualTo(WalkStatus.LEAF);
    assertThat(r.outputAddress()).isEqualTo(0x4034_5678L);
    assertThat(r.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(r.rights()).isEqualTo(Rights.ALL);
    memory.write64(PD + ss.index(iova, 2) * 8L, 0);
    WalkResult absent = new Walker(ss).walk(ROOT, iova, memory);
    assertThat(absent.status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(absent.level()).isEqualTo(2);
  }

  @Test
  void aWalkFromACachedEntryReadsOnlyTheLevelsBelowIt() {
    writeFirstStagePath(0x0000_0001_2345_6067L);
    List<Integer> fetched = new ArrayList<>();
    MemoryEntryReader memoryReader = new MemoryEntryReader(memory);
    EntryReader counting =
        new EntryReader() {
          @Override
          public boolean fetch(long tableAddress, int index, int level) {
            fetched.add(level);
            return memoryReader.fetch(tableAddress, index, level);
          }

          @Override
          public long entry() {
            return memoryReader.entry();
          }
        };
    int rightsAbove = Rights.READ | Rights.USER; // as if a PDE-cache entry had R/W = 0 above

    WalkPath p = walker.walkFrom(PT, 1, rightsAbove, IOVA, counting, new WalkPath());

    assertThat(fetched).containsExactly(1);
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.outputAddress()).isEqualTo(0x1_2345_6ABCL);
    assertThat(p.rights()).isEqualTo(rightsAbove);
    assertThat(p.topLevel()).isEqualTo(4);
    assertThat(p.startLevel()).isEqualTo(1);
    assertThat(p.fetched(2)).as("not read by this walk").isFalse();
    assertThat(p.entriesFetched()).isEqualTo(1);
    assertThat(p.snapshot().steps()).extracting(WalkStep::level).containsExactly(1);
  }

  @Test
  void aWalkFromTheTopLevelIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                walker.walkFrom(
                    ROOT, 4, Rights.ALL, IOVA, new MemoryEntryReader(memory), new WalkPath()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..3");
  }
}
