package dev.vtdlab.pagetable;

/**
 * An input-address range, {@code start..last} inclusive (unsigned; first-stage upper-half addresses
 * are large unsigned values).
 *
 * @param start first address
 * @param last last address (inclusive)
 */
public record IovaRange(long start, long last) {

  public IovaRange {
    if (Long.compareUnsigned(start, last) > 0) {
      throw new IllegalArgumentException(
          String.format("range start 0x%x is after its last address 0x%x", start, last));
    }
  }

  /** Size in bytes ({@code last - start + 1}; 0 stands for the whole 2^64 space). */
  public long size() {
    return last - start + 1;
  }

  /** True when {@code iova} is in the range. */
  public boolean contains(long iova) {
    return Long.compareUnsigned(iova, start) >= 0 && Long.compareUnsigned(iova, last) <= 0;
  }

  @Override
  public String toString() {
    return String.format("0x%x..0x%x", start, last);
  }
}
