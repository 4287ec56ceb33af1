package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;
import java.util.List;

/**
 * An immutable record of one walk (a {@link WalkPath#snapshot()}).
 *
 * @param status how the walk ended
 * @param level the level where it stopped: the leaf's level, or the level of the entry that could
 *     not be fetched, was not present or had reserved bits; the top level for {@link
 *     WalkStatus#INVALID_INPUT}
 * @param iova the input address walked
 * @param steps the entries visited, top level first; the last one is at {@code level} (none for
 *     {@link WalkStatus#INVALID_INPUT})
 * @param reservedBits the reserved bits set in the stopping entry ({@link WalkStatus#RESERVED}),
 *     else 0
 * @param rights the {@link Rights} ANDed over every present, valid entry walked (the final rights
 *     when {@link WalkStatus#LEAF})
 * @param outputAddress the output address of {@code iova}, page offset included (LEAF only, else 0)
 * @param pageSize the leaf's page size (LEAF only, else null)
 */
public record WalkResult(
    WalkStatus status,
    int level,
    long iova,
    List<WalkStep> steps,
    long reservedBits,
    int rights,
    long outputAddress,
    PageSize pageSize) {

  public WalkResult {
    steps = List.copyOf(steps);
  }

  /** True when a leaf was reached. */
  public boolean isLeaf() {
    return status == WalkStatus.LEAF;
  }

  /** The entry where the walk stopped (the leaf when {@link #isLeaf()}). */
  public long lastEntry() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("no entry was visited (" + status + ")");
    }
    return steps.get(steps.size() - 1).entry();
  }

  /** The output address of the page (offset removed); LEAF only. */
  public long pageBase() {
    if (!isLeaf()) {
      throw new IllegalStateException("no page: the walk ended with " + status);
    }
    return outputAddress & ~pageSize.offsetMask();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("walk 0x%x: %s at level %d", iova, status, level));
    if (isLeaf()) {
      sb.append(
          String.format(
              " -> 0x%x (%s, %s)", outputAddress, pageSize.label(), Rights.toString(rights)));
    }
    if (reservedBits != 0) {
      sb.append(String.format(" reserved 0x%x", reservedBits));
    }
    for (WalkStep s : steps) {
      sb.append("\n  ").append(s);
    }
    return sb.toString();
  }
}
