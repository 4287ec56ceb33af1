package dev.vtdlab.hw.translate;

import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.EntryReader;
import dev.vtdlab.pagetable.PageTableFormat;

/**
 * Reads paging entries from host-physical memory, counting and recording every fetch in the trail
 * (D2), a failed one included; a fetch fails when the memory says the entry is unreadable (D15).
 */
final class CountingReader implements EntryReader {
  private final PhysicalMemory memory;
  private final Trail trail;
  private final EntryKind kind;
  private long entry;

  CountingReader(PhysicalMemory memory, Trail trail, EntryKind kind) {
    this.memory = memory;
    this.trail = trail;
    this.kind = kind;
  }

  @Override
  public boolean fetch(long tableAddress, int index, int level) {
    long hpa = tableAddress + (long) index * PageTableFormat.ENTRY_BYTES;
    if (!memory.isReadable(hpa, PageTableFormat.ENTRY_BYTES)) {
      trail.add(kind, level, hpa, 0, false);
      return false;
    }
    entry = memory.read64(hpa);
    trail.add(kind, level, hpa, entry, true);
    return true;
  }

  @Override
  public long entry() {
    return entry;
  }
}
