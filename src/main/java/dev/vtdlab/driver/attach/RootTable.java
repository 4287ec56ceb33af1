package dev.vtdlab.driver.attach;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;

/**
 * The root table and the context tables below it (digest 2, 3.1), allocated from a frame allocator:
 * one 4 KiB root table; per bus a legacy context table (256 x 16 bytes), or in scalable mode one
 * context table per half of the bus (128 x 32 bytes for devfn 0x00-0x7F under LCTP, 0x80-0xFF under
 * UCTP). Context tables are allocated when a device on the bus (half) is first programmed; a root
 * entry (half) becomes present with its table and stays present. Thread-safe.
 */
public final class RootTable {
  private final FrameAllocator frames;
  private final WritableMemory memory;
  private final boolean scalable;
  private final long rootHpa;

  /** Allocates the (zeroed) root table. */
  public RootTable(FrameAllocator frames, boolean scalable) {
    this.frames = frames;
    this.memory = frames.memory();
    this.scalable = scalable;
    this.rootHpa = frames.allocate();
  }

  /** The root table's address (RTADDR.RTA). */
  public long hpa() {
    return rootHpa;
  }

  /** True for scalable-mode root and context entries. */
  public boolean scalable() {
    return scalable;
  }

  /**
   * The address of {@code sid}'s context entry, allocating its context table (and making the root
   * entry, or its half, present) if needed. A new context table is complete (zero) before the
   * single 64-bit write that links it.
   */
  public synchronized long contextEntryHpa(SourceId sid) {
    long rootEntryHpa = RootEntry.address(rootHpa, sid.bus());
    if (!scalable) {
      RootEntry root = RootEntry.read(memory, rootEntryHpa);
      if (!root.present()) {
        root = root.withCtp(frames.allocate()).withPresent(true);
        memory.write64(rootEntryHpa, root.lo());
      }
      return ContextEntry.address(root.ctp(), sid.devfn());
    }
    ScalableRootEntry root = ScalableRootEntry.read(memory, rootEntryHpa);
    if (!root.present(sid.devfn())) {
      long table = frames.allocate();
      if (ScalableRootEntry.upperHalf(sid.devfn())) {
        root = root.withUctp(table).withUp(true);
        memory.write64(rootEntryHpa + 8, root.hi());
      } else {
        root = root.withLctp(table).withLp(true);
        memory.write64(rootEntryHpa, root.lo());
      }
    }
    return ScalableContextEntry.address(root.contextTable(sid.devfn()), sid.devfn());
  }
}
