package dev.vtdlab.pagetable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a page-table operation leaves for the caller to flush: the input ranges whose translations
 * changed, whether only leaf entries changed (the IH hint of IOTLB invalidations), the levels whose
 * entries changed, and the table pages the operation unlinked. The engine never touches caches or
 * registers (ARCHITECTURE principle 3): the caller invalidates, then tells the engine with {@link
 * PageTable#flushCompleted(FlushGather)}, and only then are the freed table pages returned to the
 * frame allocator (a walker may still hold them until the flush).
 *
 * <p>Several gathers of one table can be batched with {@link #absorb}. Not thread-safe: a gather
 * belongs to the thread that holds it.
 */
public final class FlushGather {
  private final PageTable owner;
  private long[] ranges = new long[8];
  private int rangeCount;
  private boolean nonLeafChanged;
  private int levelsTouched;
  private long[] freed = new long[4];
  private int freedCount;
  private long mappedBytes;
  private long unmappedBytes;
  private boolean completed;
  private boolean absorbed;

  FlushGather(PageTable owner) {
    this.owner = owner;
  }

  PageTable owner() {
    return owner;
  }

  void addRange(long start, long last) {
    if (rangeCount > 0 && ranges[2 * rangeCount - 1] + 1 == start && start != 0) {
      ranges[2 * rangeCount - 1] = last;
      return;
    }
    if (2 * rangeCount + 2 > ranges.length) {
      ranges = Arrays.copyOf(ranges, ranges.length * 2);
    }
    ranges[2 * rangeCount] = start;
    ranges[2 * rangeCount + 1] = last;
    rangeCount++;
  }

  void touch(int level, boolean nonLeaf) {
    levelsTouched |= 1 << level;
    nonLeafChanged |= nonLeaf;
  }

  void freeTable(long tableAddress) {
    if (freedCount == freed.length) {
      freed = Arrays.copyOf(freed, freed.length * 2);
    }
    freed[freedCount++] = tableAddress;
    nonLeafChanged = true;
  }

  void mapped(long bytes) {
    mappedBytes += bytes;
  }

  void unmapped(long bytes) {
    unmappedBytes += bytes;
  }

  void markCompleted() {
    completed = true;
  }

  /**
   * The changed input ranges, sorted (unsigned) and merged where they touch or overlap. Empty when
   * nothing changed.
   */
  public List<IovaRange> ranges() {
    long[][] pairs = new long[rangeCount][];
    for (int i = 0; i < rangeCount; i++) {
      pairs[i] = new long[] {ranges[2 * i], ranges[2 * i + 1]};
    }
    Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
    List<IovaRange> out = new ArrayList<>();
    long start = 0;
    long last = 0;
    boolean open = false;
    for (long[] p : pairs) {
      if (open && last != -1L && Long.compareUnsigned(p[0], last + 1) <= 0) {
        if (Long.compareUnsigned(p[1], last) > 0) {
          last = p[1];
        }
        continue;
      }
      if (open) {
        out.add(new IovaRange(start, last));
      }
      start = p[0];
      last = p[1];
      open = true;
    }
    if (open) {
      out.add(new IovaRange(start, last));
    }
    return out;
  }

  /** The smallest range covering every changed range; throws when nothing changed. */
  public IovaRange span() {
    List<IovaRange> r = ranges();
    if (r.isEmpty()) {
      throw new IllegalStateException("the gather has no range (nothing changed)");
    }
    return new IovaRange(r.get(0).start(), r.get(r.size() - 1).last());
  }

  /** True when no translation changed and no table page was freed. */
  public boolean isEmpty() {
    return rangeCount == 0 && freedCount == 0;
  }

  /**
   * True when only leaf entries changed: no non-leaf entry was written or cleared and no table page
   * was freed, so invalidations may set IH (paging-structure caches need no flush). Conservative:
   * linking a new table into a not-present entry also counts as a non-leaf change.
   */
  public boolean leafOnly() {
    return !nonLeafChanged;
  }

  /** Bit {@code L} is set when an entry at level {@code L} was written or cleared. */
  public int levelsTouched() {
    return levelsTouched;
  }

  /** True when an entry at {@code level} was written or cleared. */
  public boolean levelTouched(int level) {
    return (levelsTouched & (1 << level)) != 0;
  }

  /** The table pages unlinked, returned to the allocator by {@link PageTable#flushCompleted}. */
  public long[] freedTables() {
    return Arrays.copyOf(freed, freedCount);
  }

  /** Number of table pages unlinked. */
  public int freedTableCount() {
    return freedCount;
  }

  /** Bytes of input space newly mapped (or remapped with replace). */
  public long mappedBytes() {
    return mappedBytes;
  }

  /** Bytes of input space that were mapped and are no longer. */
  public long unmappedBytes() {
    return unmappedBytes;
  }

  /** True once {@link PageTable#flushCompleted} took this gather (or the gather it joined). */
  public boolean flushCompleted() {
    return completed;
  }

  /** True when this gather was merged into another one with {@link #absorb}. */
  public boolean absorbed() {
    return absorbed;
  }

  /**
   * Moves everything {@code other} holds into this gather (batching several operations of the same
   * table into one flush). {@code other} becomes empty and can no longer be completed itself.
   *
   * @throws IllegalArgumentException if {@code other} belongs to another table, or either gather
   *     was already completed or absorbed
   */
  public void absorb(FlushGather other) {
    if (other.owner != owner) {
      throw new IllegalArgumentException("cannot batch gathers of two different page tables");
    }
    if (other == this || other.completed || other.absorbed || completed || absorbed) {
      throw new IllegalArgumentException("gather already completed or absorbed");
    }
    for (int i = 0; i < other.rangeCount; i++) {
      addRange(other.ranges[2 * i], other.ranges[2 * i + 1]);
    }
    for (int i = 0; i < other.freedCount; i++) {
      freeTable(other.freed[i]);
    }
    nonLeafChanged |= other.nonLeafChanged;
    levelsTouched |= other.levelsTouched;
    mappedBytes += other.mappedBytes;
    unmappedBytes += other.unmappedBytes;
    other.rangeCount = 0;
    other.freedCount = 0;
    other.absorbed = true;
  }

  @Override
  public String toString() {
    return "FlushGather{ranges="
        + ranges()
        + (leafOnly() ? ", leaf-only" : "")
        + ", levels=0b"
        + Integer.toBinaryString(levelsTouched)
        + ", freed="
        + freedCount
        + ", mapped="
        + mappedBytes
        + ", unmapped="
        + unmappedBytes
        + (completed ? ", flushed" : "")
        + "}";
  }
}
