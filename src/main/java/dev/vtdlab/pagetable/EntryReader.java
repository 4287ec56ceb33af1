package dev.vtdlab.pagetable;

/**
 * How the walker gets each table entry: the hook through which the hardware model counts reads,
 * models read errors and, in nested translation, translates each first-stage table address (a GPA)
 * through a second-stage walk before reading.
 *
 * <p>Protocol: for each entry the walker calls {@link #fetch} once; when it answers true, {@link
 * #entry()} gives the 64-bit value. A reader that fails keeps its own reason (for example the
 * second-stage fault of a nested table access); the walker only records {@link
 * WalkStatus#FETCH_FAILED} at that level. Readers are stateful and used by one walk at a time.
 */
public interface EntryReader {

  /**
   * Fetches entry {@code index} of the table at {@code tableAddress}.
   *
   * @param tableAddress the table's 4 KiB-aligned address, in the table's address space (HPA, or
   *     GPA for first-stage tables under nesting)
   * @param index entry index, 0..511 (the entry is at {@code tableAddress + 8 * index})
   * @param level the table's level (the top level is the root table)
   * @return true when the entry was read; false when it cannot be (the walk stops)
   */
  boolean fetch(long tableAddress, int index, int level);

  /** The entry read by the last successful {@link #fetch}. */
  long entry();
}
