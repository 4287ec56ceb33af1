package dev.vtdlab.pagetable;

/**
 * One entry a walk visited.
 *
 * @param level the level of the table the entry is in
 * @param tableAddress the table's address (in the table's address space: HPA, or GPA for nested
 *     first-stage tables)
 * @param index the entry's index in the table, 0..511
 * @param fetched false only for the last step of a {@link WalkStatus#FETCH_FAILED} walk
 * @param entry the 64-bit entry (0 when not fetched)
 */
public record WalkStep(int level, long tableAddress, int index, boolean fetched, long entry) {

  /** The address the entry was (or would have been) read from: table + 8 * index. */
  public long entryAddress() {
    return tableAddress + (long) index * PageTableFormat.ENTRY_BYTES;
  }

  @Override
  public String toString() {
    return fetched
        ? String.format("L%d[%d] @0x%x = 0x%016x", level, index, entryAddress(), entry)
        : String.format("L%d[%d] @0x%x = (fetch failed)", level, index, entryAddress());
  }
}
