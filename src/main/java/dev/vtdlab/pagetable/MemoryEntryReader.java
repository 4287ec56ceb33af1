package dev.vtdlab.pagetable;

import dev.vtdlab.mem.PhysicalMemory;

/**
 * The default {@link EntryReader}: reads entries directly from a {@link PhysicalMemory}; a fetch
 * fails when the memory says the 8 bytes are not readable ({@link PhysicalMemory#isReadable}, e.g.
 * beyond a read limit or outside a memory dump). Not thread-safe: one per walking thread.
 */
public final class MemoryEntryReader implements EntryReader {
  private final PhysicalMemory memory;
  private long entry;

  /**
   * @param memory the memory holding the tables
   */
  public MemoryEntryReader(PhysicalMemory memory) {
    this.memory = memory;
  }

  @Override
  public boolean fetch(long tableAddress, int index, int level) {
    long address = tableAddress + (long) index * PageTableFormat.ENTRY_BYTES;
    if (!memory.isReadable(address, PageTableFormat.ENTRY_BYTES)) {
      return false;
    }
    entry = memory.read64(address);
    return true;
  }

  @Override
  public long entry() {
    return entry;
  }

  /** The memory read. */
  public PhysicalMemory memory() {
    return memory;
  }
}
