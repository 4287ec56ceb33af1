package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.FrameAllocator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The page-table engine: map, unmap, lookup and listing over one {@link PageTableFormat}, with
 * table pages from a {@link FrameAllocator} (in its memory). It relies only on the format, so it
 * can also take over tables someone else wrote ({@link #attach}).
 *
 * <ul>
 *   <li>{@link #map} uses the largest leaf that the input and output alignment, the remaining size
 *       and the format allow; an existing mapping in the range is an error unless {@code replace}.
 *   <li>{@link #unmap} clears leaves, splits a large leaf of which only a part is unmapped (the
 *       rest stays mapped), and unlinks table pages that become empty.
 *   <li>Every change returns a {@link FlushGather}; unlinked table pages go back to the allocator
 *       only in {@link #flushCompleted}, after the caller's invalidation.
 * </ul>
 *
 * <p>Errors: bad arguments (misaligned, zero size, beyond the input width or not canonical, output
 * beyond HAW, bad protection, overlap without replace) throw {@link IllegalArgumentException}
 * naming the problem; a present entry with reserved bits on the way throws {@link
 * IllegalStateException}; too few free frames throws {@link
 * dev.vtdlab.mem.FramesExhaustedException}. In each case nothing was changed: an operation first
 * checks and counts the table pages it needs, allocates them, and only then writes.
 *
 * <p>Thread safety: one lock per table; map, unmap and flushCompleted take it exclusively, lookup
 * and mappings shared. A hardware walker may read the tables at any time without the lock, as real
 * hardware does: every entry changes with one atomic 64-bit write, a new or split table is complete
 * before the single write that links it, and unlinked tables are not reused before the flush is
 * reported.
 */
public final class PageTable {
  private final PageTableFormat format;
  private final FrameAllocator frames;
  private final long rootAddress;
  private final PageTableView view;
  private final TableEditor editor;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * A new, empty table: the root page is allocated now.
   *
   * @param format the entry format
   * @param frames where table pages come from (their memory holds the tables); every frame must be
   *     below 2^HAW so that table pointers have no reserved bits
   */
  public PageTable(PageTableFormat format, FrameAllocator frames) {
    this(format, frames, -1);
  }

  private PageTable(PageTableFormat format, FrameAllocator frames, long existingRoot) {
    FormatConfig c = format.config();
    long regionEnd = frames.baseHpa() + ((long) frames.maxFrames() << 12);
    if (regionEnd > (1L << c.haw())) {
      throw new IllegalArgumentException(
          String.format(
              "table frames up to 0x%x go beyond the host address width (HAW %d bits)",
              regionEnd - 1, c.haw()));
    }
    if (c.leaf1G() && !c.leaf2M()) {
      throw new IllegalArgumentException(
          "the engine splits 1 GiB pages into 2 MiB pages: 1 GiB without 2 MiB is not supported");
    }
    this.format = format;
    this.frames = frames;
    this.editor = new TableEditor(format, frames);
    this.rootAddress = existingRoot >= 0 ? existingRoot : frames.allocate();
    if (existingRoot < 0) {
      editor.counts.put(rootAddress, 0);
    }
    this.view = new PageTableView(format, frames.memory(), rootAddress);
  }

  /**
   * An engine over existing tables rooted at {@code rootAddress} (written by anyone, in {@code
   * frames.memory()}). Table pages it unlinks are returned to {@code frames} only if they are
   * frames of that allocator.
   */
  public static PageTable attach(PageTableFormat format, FrameAllocator frames, long rootAddress) {
    if ((rootAddress & PageSize.SIZE_4K.offsetMask()) != 0 || rootAddress < 0) {
      throw new IllegalArgumentException(
          String.format("root table address 0x%x is not 4 KiB aligned", rootAddress));
    }
    return new PageTable(format, frames, rootAddress);
  }

  public PageTableFormat format() {
    return format;
  }

  /** The root table's address (for SSPTPTR / FSPTPTR / a context entry). */
  public long rootAddress() {
    return rootAddress;
  }

  /** A read-only view of the same tables (no lock; see {@link PageTableView}). */
  public PageTableView view() {
    return view;
  }

  /** Table pages unlinked by operations whose flush has not been reported yet. */
  public int pendingFreeTables() {
    lock.readLock().lock();
    try {
      return editor.pendingFree();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** {@link #map(long, long, long, int, boolean)} without replace. */
  public FlushGather map(long iova, long outputAddress, long size, int prot) {
    return map(iova, outputAddress, size, prot, false);
  }

  /**
   * Maps {@code iova..iova+size-1} to {@code outputAddress..} with the largest pages possible.
   *
   * @param iova input start, 4 KiB aligned
   * @param outputAddress output start (HPA, or GPA for nested first-stage tables), 4 KiB aligned,
   *     the whole output range below 2^HAW
   * @param size bytes, a positive multiple of 4 KiB
   * @param prot {@link Prot} flags
   * @param replace true to replace existing mappings in the range (the parts of large pages outside
   *     the range stay mapped)
   * @return the ranges mapped, tables freed by replacing, levels touched
   */
  public FlushGather map(long iova, long outputAddress, long size, int prot, boolean replace) {
    long last = checkRange(iova, size);
    if ((outputAddress & PageSize.SIZE_4K.offsetMask()) != 0) {
      throw new IllegalArgumentException(
          String.format("output address 0x%x is not 4 KiB aligned", outputAddress));
    }
    long outputLast = outputAddress + size - 1;
    int haw = format.config().haw();
    if (outputAddress < 0 || outputLast < outputAddress || (outputLast >>> haw) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "output range 0x%x..0x%x goes beyond the host address width (HAW %d bits)",
              outputAddress, outputLast, haw));
    }
    format.encodeLeaf(outputAddress, PageSize.SIZE_4K, prot); // checks prot against the format
    lock.writeLock().lock();
    try {
      TableOperation op = new TableOperation(this, editor, prot, replace);
      int top = format.levels();
      int needed = editor.planMap(rootAddress, top, iova, last, outputAddress, op);
      op.reserve(needed);
      editor.mapIn(rootAddress, top, iova, last, outputAddress, op);
      op.finish();
      op.gather.mapped(size);
      return op.gather;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Unmaps whatever is mapped in {@code iova..iova+size-1}; unmapping nothing is not an error.
   *
   * @param iova input start, 4 KiB aligned
   * @param size bytes, a positive multiple of 4 KiB
   * @return the ranges unmapped (only where something was mapped), tables freed, levels touched
   */
  public FlushGather unmap(long iova, long size) {
    long last = checkRange(iova, size);
    lock.writeLock().lock();
    try {
      TableOperation op = new TableOperation(this, editor, 0, false);
      int top = format.levels();
      op.reserve(editor.planUnmap(rootAddress, top, iova, last));
      editor.unmapIn(rootAddress, top, iova, last, op);
      op.finish();
      return op.gather;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Walks {@code iova}: output address, page size, rights and every entry visited. */
  public WalkResult lookup(long iova) {
    lock.readLock().lock();
    try {
      return view.lookup(iova);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Walks {@code iova} into a reusable path. */
  public WalkPath lookup(long iova, WalkPath path) {
    lock.readLock().lock();
    try {
      return view.lookup(iova, path);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every mapping as merged runs, in ascending input order (a consistent snapshot). */
  public List<MappingRun> mappings() {
    lock.readLock().lock();
    try {
      return view.mappings();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Reports that the invalidation covering {@code gather} has completed: its unlinked table pages
   * go back to the frame allocator (those that belong to it).
   *
   * @throws IllegalArgumentException if the gather is another table's, already completed, or was
   *     absorbed into another gather
   */
  public void flushCompleted(FlushGather gather) {
    if (gather.owner() != this) {
      throw new IllegalArgumentException("the gather belongs to another page table");
    }
    if (gather.flushCompleted() || gather.absorbed()) {
      throw new IllegalArgumentException(
          "the gather was already completed or absorbed into another gather");
    }
    lock.writeLock().lock();
    try {
      for (long table : gather.freedTables()) {
        if (frames.isAllocated(table)) {
          frames.free(table);
        }
      }
      editor.flushed(gather.freedTableCount());
      gather.markCompleted();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private long checkRange(long iova, long size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + size);
    }
    if ((iova & PageSize.SIZE_4K.offsetMask()) != 0) {
      throw new IllegalArgumentException(String.format("iova 0x%x is not 4 KiB aligned", iova));
    }
    if ((size & PageSize.SIZE_4K.offsetMask()) != 0) {
      throw new IllegalArgumentException(
          String.format("size 0x%x is not a multiple of 4 KiB", size));
    }
    long last = iova + size - 1;
    if (Long.compareUnsigned(last, iova) < 0) {
      throw new IllegalArgumentException(
          String.format("iova 0x%x + size 0x%x wraps around 2^64", iova, size));
    }
    format.checkInputRange(iova, last);
    return last;
  }
}
