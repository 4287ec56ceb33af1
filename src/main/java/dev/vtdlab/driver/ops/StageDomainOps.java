package dev.vtdlab.driver.ops;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.pagetable.FlushGather;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.MappingRun;
import dev.vtdlab.pagetable.PageTable;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Stage;
import dev.vtdlab.pagetable.WalkResult;
import java.util.List;

/**
 * What both stage ops share: one {@link PageTable}. Subclasses only say how a DMA protection
 * becomes their stage's leaf bits ({@link #leafProt}).
 */
abstract class StageDomainOps implements DomainOps {
  private final PageTable table;

  StageDomainOps(FormatConfig config, Stage stage, FrameAllocator frames) {
    if (config.stage() != stage) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + " needs a "
              + stage.label()
              + " config, got "
              + config.label());
    }
    this.table = new PageTable(PageTableFormat.of(config), frames);
  }

  /** The {@link dev.vtdlab.pagetable.Prot} flags this stage writes for a request's {@code prot}. */
  abstract int leafProt(int prot);

  /** The page table (for the inspector and tests). */
  public PageTable pageTable() {
    return table;
  }

  @Override
  public Stage stage() {
    return table.format().stage();
  }

  @Override
  public PageTableFormat format() {
    return table.format();
  }

  @Override
  public long rootHpa() {
    return table.rootAddress();
  }

  @Override
  public FlushGather mapRange(long iova, long hpa, long size, int prot) {
    return table.map(iova, hpa, size, leafProt(prot));
  }

  @Override
  public FlushGather unmapRange(long iova, long size) {
    return table.unmap(iova, size);
  }

  @Override
  public WalkResult iovaToPhysical(long iova) {
    return table.lookup(iova);
  }

  @Override
  public List<MappingRun> mappings() {
    return table.mappings();
  }

  @Override
  public void flushCompleted(FlushGather gather) {
    table.flushCompleted(gather);
  }
}
