package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A read-only view of page tables in any {@link PhysicalMemory} (the model's memory or an
 * inspector's dump): lookups through the {@link Walker} and a listing of every mapping as merged
 * runs. It relies only on the format, so it reads tables anyone wrote. Entries that are not
 * present, have reserved bits set or cannot be read are skipped by the listing, exactly as a walk
 * would fail on them.
 *
 * <p>Thread-safe as far as the memory is; a listing taken while another thread changes the tables
 * sees each entry atomically but not one consistent snapshot ({@link PageTable} takes its lock).
 */
public final class PageTableView {
  private final PageTableFormat format;
  private final PhysicalMemory memory;
  private final long rootAddress;
  private final Walker walker;

  /**
   * @param format the entry format
   * @param memory the memory holding the tables
   * @param rootAddress the root table's address (level {@code format.levels()})
   */
  public PageTableView(PageTableFormat format, PhysicalMemory memory, long rootAddress) {
    this.format = format;
    this.memory = memory;
    this.rootAddress = rootAddress;
    this.walker = new Walker(format);
  }

  public PageTableFormat format() {
    return format;
  }

  public PhysicalMemory memory() {
    return memory;
  }

  public long rootAddress() {
    return rootAddress;
  }

  /** Walks {@code iova}: output address, page size, rights and the entries visited. */
  public WalkResult lookup(long iova) {
    return walker.walk(rootAddress, iova, new MemoryEntryReader(memory));
  }

  /** Walks {@code iova} into a reusable path (hot-path form of {@link #lookup(long)}). */
  public WalkPath lookup(long iova, WalkPath path) {
    return walker.walk(rootAddress, iova, new MemoryEntryReader(memory), path);
  }

  /** Every mapping as merged runs, in ascending (unsigned) input order. */
  public List<MappingRun> mappings() {
    List<MappingRun> out = new ArrayList<>();
    forEachMapping(out::add);
    return out;
  }

  /**
   * Calls {@code sink} with every mapping as merged runs, in ascending (unsigned) input order:
   * adjacent leaves of one page size with contiguous output, equal rights and equal attributes form
   * one run.
   */
  public void forEachMapping(Consumer<MappingRun> sink) {
    Merger merger = new Merger(sink);
    scan(rootAddress, format.levels(), 0, Rights.ALL, merger);
    merger.flush();
  }

  private void scan(long table, int level, long baseBits, int rights, Merger merger) {
    for (int i = 0; i < PageTableFormat.ENTRIES_PER_TABLE; i++) {
      long entryAddress = table + (long) i * PageTableFormat.ENTRY_BYTES;
      if (!memory.isReadable(entryAddress, PageTableFormat.ENTRY_BYTES)) {
        continue;
      }
      long entry = memory.read64(entryAddress);
      if (!format.isPresent(entry, level) || format.reservedBits(entry, level) != 0) {
        continue;
      }
      long bits = baseBits | ((long) i << PageTableFormat.levelShift(level));
      int pathRights = rights & format.rights(entry, level);
      if (format.isLeaf(entry, level)) {
        PageSize size = PageSize.ofLevel(level);
        merger.add(
            format.inputAddress(bits),
            format.address(entry, level),
            size,
            pathRights,
            format.attributes(entry, level));
      } else {
        scan(format.address(entry, level), level - 1, bits, pathRights, merger);
      }
    }
  }

  /** Builds runs from leaves given in ascending input order. */
  private static final class Merger {
    private final Consumer<MappingRun> sink;
    private boolean open;
    private long iovaStart;
    private long iovaLast;
    private long outputStart;
    private PageSize size;
    private int rights;
    private long attributes;

    Merger(Consumer<MappingRun> sink) {
      this.sink = sink;
    }

    void add(long iova, long output, PageSize pageSize, int leafRights, long leafAttributes) {
      if (open
          && pageSize == size
          && leafRights == rights
          && leafAttributes == attributes
          && iova == iovaLast + 1
          && output == outputStart + (iovaLast - iovaStart + 1)) {
        iovaLast = iova + pageSize.bytes() - 1;
        return;
      }
      flush();
      open = true;
      iovaStart = iova;
      iovaLast = iova + pageSize.bytes() - 1;
      outputStart = output;
      size = pageSize;
      rights = leafRights;
      attributes = leafAttributes;
    }

    void flush() {
      if (open) {
        sink.accept(new MappingRun(iovaStart, iovaLast, outputStart, size, rights, attributes));
        open = false;
      }
    }
  }
}
