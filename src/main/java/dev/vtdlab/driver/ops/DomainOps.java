package dev.vtdlab.driver.ops;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.pagetable.FlushGather;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.MappingRun;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Stage;
import dev.vtdlab.pagetable.WalkResult;
import java.util.List;

/**
 * The page-table callbacks of one DMA domain, named after the VT-d stage its table is for: the seed
 * thread's "first-stage and second-stage map/unmap registered as domain callbacks" (Linux's
 * per-stage domain ops). A domain holds exactly one, chosen when it is created ({@link #create});
 * nothing above asks which stage it is.
 *
 * <p>Implementations are thin: each picks its {@link PageTableFormat} and the bits Linux writes for
 * its stage, and delegates to one shared {@link dev.vtdlab.pagetable.PageTable}. Map and unmap
 * never flush: they return a {@link FlushGather}, and the caller reports the completed flush with
 * {@link #flushCompleted}. Thread-safe (the page table's lock).
 */
public interface DomainOps {

  /**
   * The ops for {@code config}'s stage: {@link FirstStageDomainOps} or {@link SecondStageDomainOps}
   * (without forced snooping).
   */
  static DomainOps create(FormatConfig config, FrameAllocator frames) {
    return switch (config.stage()) {
      case FIRST_STAGE -> new FirstStageDomainOps(config, frames);
      case SECOND_STAGE -> new SecondStageDomainOps(config, frames, false);
    };
  }

  /** The stage this domain's table is for. */
  Stage stage();

  /** The entry format. */
  PageTableFormat format();

  /**
   * The root table's address: FSPTPTR (first stage) or SSPTPTR / the context entry's SLPTPTR
   * (second stage).
   */
  long rootHpa();

  /**
   * Maps {@code iova..iova+size-1} to {@code hpa..}.
   *
   * @param prot {@link dev.vtdlab.pagetable.Prot} flags
   * @return what to flush (needed only with caching mode or RWBF, digest 10.3)
   * @throws IllegalArgumentException for bad arguments or an overlap (see {@link
   *     dev.vtdlab.pagetable.PageTable#map})
   */
  FlushGather mapRange(long iova, long hpa, long size, int prot);

  /** Unmaps {@code iova..iova+size-1}; returns what to flush before table pages are reused. */
  FlushGather unmapRange(long iova, long size);

  /** Walks the domain's table for {@code iova}: output address, page size, rights, entries. */
  WalkResult iovaToPhysical(long iova);

  /** Every mapping as merged runs. */
  List<MappingRun> mappings();

  /** The invalidation covering {@code gather} completed: freed table pages may be reused. */
  void flushCompleted(FlushGather gather);
}
