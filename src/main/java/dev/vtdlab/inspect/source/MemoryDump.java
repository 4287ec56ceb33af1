package dev.vtdlab.inspect.source;

import dev.vtdlab.mem.PhysicalMemory;
import java.nio.file.Path;
import java.util.List;

/**
 * A read-only physical memory backed by a file (see the package docs). Addresses outside every
 * segment are absent: {@link #isReadable} answers false and reads throw {@link
 * dev.vtdlab.mem.MemoryAccessException}. Thread-safe for reads. Close it to release the file.
 */
public interface MemoryDump extends PhysicalMemory, AutoCloseable {

  /** The file as the user named it (for a compressed file: that file, not the temporary copy). */
  Path file();

  /** The detected format. */
  DumpFormat format();

  /** The physical ranges held, sorted by address, non-overlapping. */
  List<DumpSegment> segments();

  /** Total bytes held (the sum of the segment sizes). */
  default long bytesHeld() {
    long sum = 0;
    for (DumpSegment s : segments()) {
      sum += s.size();
    }
    return sum;
  }

  /** Releases the file (and deletes a temporary decompressed copy). Never throws. */
  @Override
  void close();
}
