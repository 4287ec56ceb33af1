package dev.vtdlab.inspect;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.pagetable.PageTableFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges leaves, visited in input order, into {@link MappingRun}s: a leaf joins the run before it
 * when it continues both the input and the output range with the same page size, rights and
 * attributes (accessed and dirty bits aside: they record use, not permission).
 */
public final class RunCollector implements TableTraversal.LeafVisitor {
  private final PageTableFormat format;
  private final List<MappingRun> runs = new ArrayList<>();
  private long pages;
  private boolean open;
  private long inStart;
  private long inLast;
  private long outStart;
  private long outLast;
  private PageSize size;
  private int rights;
  private long attributes;
  private long runPages;

  /**
   * @param format the format of the leaves
   */
  public RunCollector(PageTableFormat format) {
    this.format = format;
  }

  @Override
  public void leaf(long input, int level, long entry, long entryHpa, int leafRights) {
    pages++;
    PageSize s = PageSize.ofLevel(level);
    long output = format.address(entry, level);
    long attrs =
        format.attributes(entry, level) & ~(format.accessedMask(level) | format.dirtyMask(level));
    if (open
        && s == size
        && leafRights == rights
        && attrs == attributes
        && input == inLast + 1
        && output == outLast + 1) {
      inLast += s.bytes();
      outLast += s.bytes();
      runPages++;
      return;
    }
    close();
    open = true;
    inStart = input;
    inLast = input + s.bytes() - 1;
    outStart = output;
    outLast = output + s.bytes() - 1;
    size = s;
    rights = leafRights;
    attributes = attrs;
    runPages = 1;
  }

  private void close() {
    if (open) {
      runs.add(
          new MappingRun(inStart, inLast, outStart, outLast, size, rights, attributes, runPages));
      open = false;
    }
  }

  /** The runs so far, in input order. */
  public List<MappingRun> runs() {
    close();
    return List.copyOf(runs);
  }

  /** Number of leaves seen. */
  public long pages() {
    return pages;
  }
}
