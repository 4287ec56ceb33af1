package dev.vtdlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTable;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heap bytes per table page and per mapped 4 KiB page, measured (heap after GC) and cross-checked
 * with the frame counts. Not part of the default test run (the bench package is excluded); run it
 * with {@code mvn -B -o test -Dtest=PageTableFootprintTest -Djacoco.skip=true}. It prints a table.
 */
class PageTableFootprintTest {
  private static final long K4 = 0x1000L;
  private static final long M2 = 0x20_0000L;
  private static final long G1 = 0x4000_0000L;

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }

  private static PageTable table(String format, SparseMemory memory) {
    FormatConfig config =
        format.equals("FS4")
            ? FormatConfig.firstStage(4, 48).withLeaf1G(true)
            : FormatConfig.secondStage(4, 48).withLeaf2M(true).withLeaf1G(true);
    return new PageTable(PageTableFormat.of(config), new FrameAllocator(memory, G1, 1 << 20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FS4", "SS4"})
  void heapPerTablePageAndPerMappedPage(String format) throws InterruptedException {
    // dense: 1 GiB of 4 KiB pages (output not 2 MiB aligned), 512 pages per leaf table
    SparseMemory dense = new SparseMemory(48);
    PageTable denseTable = table(format, dense);
    long before = usedHeap();
    int pages = 262_144;
    denseTable.map(G1, 2 * G1 + K4, pages * K4, Prot.READ_WRITE);
    long denseBytes = usedHeap() - before;
    long denseFrames = dense.frameCount();

    // sparse: one 4 KiB page per leaf table (stride 2 MiB)
    SparseMemory sparse = new SparseMemory(48);
    PageTable sparseTable = table(format, sparse);
    before = usedHeap();
    int scattered = 16_384;
    for (int i = 0; i < scattered; i++) {
      sparseTable.map(i * M2, 4 * G1 + i * K4, K4, Prot.READ);
    }
    long sparseBytes = usedHeap() - before;
    long sparseFrames = sparse.frameCount();

    System.out.printf(
        "%s dense : %,d pages of 4K, %,d table pages, %,d heap bytes: %.1f B per mapped page,"
            + " %.0f B per table page%n",
        format,
        pages,
        denseFrames,
        denseBytes,
        (double) denseBytes / pages,
        (double) denseBytes / denseFrames);
    System.out.printf(
        "%s sparse: %,d pages of 4K, %,d table pages, %,d heap bytes: %.1f B per mapped page,"
            + " %.0f B per table page%n",
        format,
        scattered,
        sparseFrames,
        sparseBytes,
        (double) sparseBytes / scattered,
        (double) sparseBytes / sparseFrames);
    assertThat(denseFrames).as("root + PDPT + PD + 512 leaf tables").isEqualTo(515);
    assertThat(sparseFrames)
        .as("root + PDPT + 32 PDs (32 GiB) + one leaf table per page")
        .isEqualTo(2 + 32 + scattered);
    assertThat((double) sparseBytes / sparseFrames)
        .as("a table page costs its 4 KiB frame plus bookkeeping")
        .isBetween(4096.0, 6000.0);
    assertThat(denseTable.mappings()).hasSize(1);
  }
}
