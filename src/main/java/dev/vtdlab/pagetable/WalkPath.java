package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable, mutable record of one walk, filled by {@link Walker#walk(long, long, EntryReader,
 * WalkPath)} without allocating: the hot-path form of {@link WalkResult}. Per level it keeps the
 * table address, the index and the entry read. Not thread-safe; reuse one per thread. {@link
 * #snapshot()} gives the immutable form.
 */
public final class WalkPath {
  private static final int SLOTS = 6;

  private final long[] tableAddress = new long[SLOTS];
  private final int[] index = new int[SLOTS];
  private final long[] entry = new long[SLOTS];
  private WalkStatus status = WalkStatus.INVALID_INPUT;
  private long iova;
  private int topLevel;
  private int startLevel;
  private int level;
  private long reservedBits;
  private int rights;
  private long outputAddress;
  private PageSize pageSize;

  void start(long walkIova, int top) {
    iova = walkIova;
    topLevel = top;
    startLevel = top;
    level = top;
    reservedBits = 0;
    rights = Rights.ALL;
    outputAddress = 0;
    pageSize = null;
    status = WalkStatus.INVALID_INPUT;
  }

  /** A walk that starts below the top, from a cached entry: rights of the levels above. */
  void startBelow(int atLevel, int rightsAbove) {
    startLevel = atLevel;
    level = atLevel;
    rights = rightsAbove;
  }

  void visit(int atLevel, long table, int entryIndex) {
    level = atLevel;
    tableAddress[atLevel] = table;
    index[atLevel] = entryIndex;
    entry[atLevel] = 0;
  }

  void fetched(long value) {
    entry[level] = value;
  }

  void stop(WalkStatus how) {
    status = how;
  }

  void reserved(long bits) {
    reservedBits = bits;
    status = WalkStatus.RESERVED;
  }

  void grant(int entryRights) {
    rights &= entryRights;
  }

  void leaf(long output, PageSize size) {
    outputAddress = output;
    pageSize = size;
    status = WalkStatus.LEAF;
  }

  /** How the walk ended. */
  public WalkStatus status() {
    return status;
  }

  /** True when a leaf was reached. */
  public boolean isLeaf() {
    return status == WalkStatus.LEAF;
  }

  /** The walked input address. */
  public long iova() {
    return iova;
  }

  /** The top level (the root table's level). */
  public int topLevel() {
    return topLevel;
  }

  /**
   * The level of the first entry this walk fetched: {@link #topLevel()}, or lower when the walk
   * started from a paging-structure cache entry ({@link Walker#walkFrom}); levels above it were not
   * read.
   */
  public int startLevel() {
    return startLevel;
  }

  /** The level where the walk stopped (see {@link WalkResult#level()}). */
  public int level() {
    return level;
  }

  /** True when the entry at {@code atLevel} was fetched by this walk. */
  public boolean fetched(int atLevel) {
    if (status == WalkStatus.INVALID_INPUT || atLevel > startLevel || atLevel < level) {
      return false;
    }
    return atLevel > level || status != WalkStatus.FETCH_FAILED;
  }

  /** The entry read at {@code atLevel} (0 when not {@link #fetched}). */
  public long entry(int atLevel) {
    return fetched(atLevel) ? entry[atLevel] : 0;
  }

  /** The table address used at {@code atLevel}. */
  public long tableAddress(int atLevel) {
    return tableAddress[atLevel];
  }

  /** The index used at {@code atLevel}. */
  public int index(int atLevel) {
    return index[atLevel];
  }

  /** The address of the entry at {@code atLevel}: table + 8 * index. */
  public long entryAddress(int atLevel) {
    return tableAddress[atLevel] + (long) index[atLevel] * PageTableFormat.ENTRY_BYTES;
  }

  /** Number of entries fetched (the walk's memory references through the reader). */
  public int entriesFetched() {
    if (status == WalkStatus.INVALID_INPUT) {
      return 0;
    }
    int visited = startLevel - level + 1;
    return status == WalkStatus.FETCH_FAILED ? visited - 1 : visited;
  }

  /** Reserved bits set in the stopping entry (RESERVED only, else 0). */
  public long reservedBits() {
    return reservedBits;
  }

  /** Rights ANDed over the present, valid entries walked. */
  public int rights() {
    return rights;
  }

  /** Output address, offset included (LEAF only, else 0). */
  public long outputAddress() {
    return outputAddress;
  }

  /** Page size of the leaf (LEAF only, else null). */
  public PageSize pageSize() {
    return pageSize;
  }

  /** The leaf entry (LEAF only). */
  public long leafEntry() {
    if (status != WalkStatus.LEAF) {
      throw new IllegalStateException("no leaf: the walk ended with " + status);
    }
    return entry[level];
  }

  /** An immutable copy. */
  public WalkResult snapshot() {
    List<WalkStep> steps = new ArrayList<>();
    if (status != WalkStatus.INVALID_INPUT) {
      for (int l = startLevel; l >= level; l--) {
        boolean f = fetched(l);
        steps.add(new WalkStep(l, tableAddress[l], index[l], f, f ? entry[l] : 0));
      }
    }
    return new WalkResult(
        status, level, iova, steps, reservedBits, rights, outputAddress, pageSize);
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
