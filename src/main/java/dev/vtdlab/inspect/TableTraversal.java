package dev.vtdlab.inspect;

import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Visits every leaf of a page table in input-address order, for either stage (the {@link
 * PageTableFormat} says what each entry means; there is no stage branch here). Unlike the {@link
 * dev.vtdlab.pagetable.Walker}, which follows one address, this traversal reads whole table pages
 * (one 4 KiB read each) and must survive a broken or hostile dump, so it reports instead of
 * following: a table not in the dump, an entry with reserved bits set, and a loop (a table that
 * points back to a table on its own path). A table shared by two parents is legitimate (x86 kernels
 * share them) and is visited under each.
 */
public final class TableTraversal {

  /** Receives each leaf. */
  @FunctionalInterface
  public interface LeafVisitor {
    /**
     * @param input the first input address the leaf maps (canonical for a first-stage table)
     * @param level the leaf's level (1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB)
     * @param entry the raw leaf entry
     * @param entryHpa where the leaf entry is
     * @param rights the {@link Rights} ANDed over the path, leaf included
     */
    void leaf(long input, int level, long entry, long entryHpa, int rights);
  }

  private final PageTableFormat format;
  private final PhysicalMemory memory;
  private final String owner;
  private final List<Finding> findings = new ArrayList<>();
  private final long[] path = new long[8];
  private final long[][] tables = new long[8][PageTableFormat.ENTRIES_PER_TABLE];
  private final byte[] page = new byte[PageTableFormat.ENTRIES_PER_TABLE * 8];
  private long tablesVisited;

  /**
   * @param format the entry format
   * @param memory where the tables are
   * @param owner who the tables belong to, for findings ("00:02.0 second stage", "CR3")
   */
  public TableTraversal(PageTableFormat format, PhysicalMemory memory, String owner) {
    this.format = format;
    this.memory = memory;
    this.owner = owner;
  }

  /** Visits every leaf under the root table at {@code rootHpa}, in input-address order. */
  public void traverse(long rootHpa, LeafVisitor visitor) {
    int top = format.levels();
    table(rootHpa, top, top, 0, Rights.ALL, visitor);
  }

  /** Problems met on the way (absent tables, reserved bits, loops), in the order met. */
  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Number of table pages read. */
  public long tablesVisited() {
    return tablesVisited;
  }

  private void table(long hpa, int level, int top, long inputBase, int rights, LeafVisitor v) {
    String where = owner + " " + format.entryName(level) + " table";
    if (!memory.isReadable(hpa, page.length)) {
      findings.add(new Finding(where, hpa, "table is not in the memory dump"));
      return;
    }
    for (int l = top; l > level; l--) {
      if (path[l] == hpa) {
        findings.add(
            new Finding(
                where,
                hpa,
                "loop: this table is also the level-"
                    + l
                    + " table on its own path; not followed"));
        return;
      }
    }
    path[level] = hpa;
    tablesVisited++;
    memory.readBytes(hpa, page, 0, page.length);
    long[] entries = tables[level];
    ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(entries);
    int shift = PageTableFormat.levelShift(level);
    for (int i = 0; i < entries.length; i++) {
      long entry = entries[i];
      if (!format.isPresent(entry, level)) {
        continue;
      }
      long input = inputBase | ((long) i << shift);
      if (level == top) {
        input = canonical(input);
      }
      long entryHpa = hpa + 8L * i;
      long reserved = format.reservedBits(entry, level);
      if (reserved != 0) {
        findings.add(
            new Finding(
                owner + " " + format.entryName(level) + " for input " + HexNumbers.hex(input),
                entryHpa,
                String.format(
                    "reserved bits 0x%x set in entry 0x%016x; not followed", reserved, entry)));
        continue;
      }
      int r = rights & format.rights(entry, level);
      if (format.isLeaf(entry, level)) {
        v.leaf(input, level, entry, entryHpa, r);
      } else {
        table(format.address(entry, level), level - 1, top, input, r, v);
      }
    }
    path[level] = -1;
  }

  /** The input address as the format accepts it: sign-extended when the plain one is not valid. */
  private long canonical(long input) {
    if (format.isValidInput(input)) {
      return input;
    }
    int width = format.inputWidth();
    return (input << (64 - width)) >> (64 - width);
  }
}
