package dev.vtdlab.inspect.source;

/**
 * One physical range a memory file holds: bytes {@code start .. last} (inclusive) of the physical
 * address space are the file bytes from {@code fileOffset} on.
 *
 * @param start first physical address held
 * @param last last physical address held (inclusive)
 * @param fileOffset file offset of the byte at {@code start}
 */
public record DumpSegment(long start, long last, long fileOffset) {

  /** Validates the range. */
  public DumpSegment {
    if (start < 0 || last < start || fileOffset < 0) {
      throw new IllegalArgumentException(
          String.format("bad segment 0x%x..0x%x at file offset 0x%x", start, last, fileOffset));
    }
  }

  /** Number of bytes held. */
  public long size() {
    return last - start + 1;
  }

  /** True when {@code address} is in this segment. */
  public boolean contains(long address) {
    return address >= start && address <= last;
  }

  @Override
  public String toString() {
    return String.format("0x%x-0x%x @0x%x", start, last, fileOffset);
  }
}
