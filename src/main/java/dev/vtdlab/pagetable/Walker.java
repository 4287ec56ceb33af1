package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.PhysicalMemory;

/**
 * The one walker, for both formats: from the root table down to a leaf, asking the {@link
 * PageTableFormat} what each entry means and the {@link EntryReader} for each entry. Used by the
 * engine's lookup, the inspector and the hardware model.
 *
 * <p>Per entry, in this order (D12): fetch error ({@link WalkStatus#FETCH_FAILED}), not present
 * ({@link WalkStatus#NOT_PRESENT}), reserved bits set ({@link WalkStatus#RESERVED}); otherwise the
 * entry's rights are ANDed into the path and the walk either stops at a leaf ({@link
 * WalkStatus#LEAF}) or continues with the next table. Rights are not checked here: the caller
 * compares {@link WalkPath#rights()} with its request. Nothing is written (accessed/dirty updates
 * are the caller's, with {@link PageTableFormat#accessedMask} / {@link PageTableFormat#dirtyMask}).
 *
 * <p>Immutable and thread-safe; the {@link WalkPath} and the reader belong to the calling thread.
 */
public final class Walker {
  private final PageTableFormat format;

  /**
   * @param format the entry format
   */
  public Walker(PageTableFormat format) {
    this.format = format;
  }

  /** The format. */
  public PageTableFormat format() {
    return format;
  }

  /**
   * Walks {@code iova} from the root table at {@code rootAddress} into {@code path} (reused; no
   * allocation).
   *
   * @return {@code path}
   */
  public WalkPath walk(long rootAddress, long iova, EntryReader reader, WalkPath path) {
    int top = format.levels();
    path.start(iova, top);
    if (!format.isValidInput(iova)) {
      return path;
    }
    return descend(rootAddress, top, iova, reader, path);
  }

  /**
   * Walks {@code iova} starting below the top, at the table a paging-structure cache entry names
   * (VT-d spec 6.2.5, 6.2.7): the levels above {@code startLevel} are not read and contribute
   * {@code rightsAbove} (the rights ANDed over them when the entry was cached). The path's {@link
   * WalkPath#topLevel()} stays the format's top; {@link WalkPath#startLevel()} is {@code
   * startLevel}.
   *
   * @param tableAddress the level-{@code startLevel} table
   * @param startLevel 1 .. top - 1
   * @param rightsAbove rights of the entries above, ANDed ({@link Rights})
   * @return {@code path}
   * @throws IllegalArgumentException if {@code startLevel} is not below the top
   */
  public WalkPath walkFrom(
      long tableAddress,
      int startLevel,
      int rightsAbove,
      long iova,
      EntryReader reader,
      WalkPath path) {
    int top = format.levels();
    if (startLevel < 1 || startLevel >= top) {
      throw new IllegalArgumentException(
          "a walk from a cached entry starts at level 1.." + (top - 1) + ", not " + startLevel);
    }
    path.start(iova, top);
    if (!format.isValidInput(iova)) {
      return path;
    }
    path.startBelow(startLevel, rightsAbove);
    return descend(tableAddress, startLevel, iova, reader, path);
  }

  private WalkPath descend(
      long tableAddress, int startLevel, long iova, EntryReader reader, WalkPath path) {
    long table = tableAddress;
    for (int level = startLevel; level >= 1; level--) {
      int index = format.index(iova, level);
      path.visit(level, table, index);
      if (!reader.fetch(table, index, level)) {
        path.stop(WalkStatus.FETCH_FAILED);
        return path;
      }
      long entry = reader.entry();
      path.fetched(entry);
      if (!format.isPresent(entry, level)) {
        path.stop(WalkStatus.NOT_PRESENT);
        return path;
      }
      long reserved = format.reservedBits(entry, level);
      if (reserved != 0) {
        path.reserved(reserved);
        return path;
      }
      path.grant(format.rights(entry, level));
      if (format.isLeaf(entry, level)) {
        PageSize size = PageSize.ofLevel(level);
        path.leaf(format.address(entry, level) | (iova & size.offsetMask()), size);
        return path;
      }
      table = format.address(entry, level);
    }
    throw new IllegalStateException("format said a level-1 entry is not a leaf");
  }

  /** Walks {@code iova} and returns an immutable result. */
  public WalkResult walk(long rootAddress, long iova, EntryReader reader) {
    return walk(rootAddress, iova, reader, new WalkPath()).snapshot();
  }

  /** Walks {@code iova} reading entries from {@code memory} ({@link MemoryEntryReader}). */
  public WalkResult walk(long rootAddress, long iova, PhysicalMemory memory) {
    return walk(rootAddress, iova, new MemoryEntryReader(memory));
  }
}
