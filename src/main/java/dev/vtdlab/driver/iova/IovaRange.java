package dev.vtdlab.driver.iova;

/**
 * A page-granular range of I/O virtual addresses, {@code start} to {@code last} inclusive: {@code
 * start} is 4 KiB aligned and {@code last} is the last byte of a 4 KiB page.
 *
 * @param start first byte (4 KiB aligned)
 * @param last last byte (inclusive; {@code last + 1} is 4 KiB aligned or wraps to 0)
 */
public record IovaRange(long start, long last) {
  /** log2 of the IOVA granule (4 KiB), Linux's {@code iova_shift}. */
  public static final int PAGE_SHIFT = 12;

  /** The IOVA granule in bytes (4 KiB). */
  public static final long PAGE_BYTES = 1L << PAGE_SHIFT;

  private static final long PAGE_MASK = PAGE_BYTES - 1;

  /** Checks granularity and order. */
  public IovaRange {
    if ((start & PAGE_MASK) != 0 || (last & PAGE_MASK) != PAGE_MASK) {
      throw new IllegalArgumentException(
          String.format(
              "IOVA range 0x%x-0x%x is not 4 KiB granular (start must be page aligned, last must"
                  + " end a page)",
              start, last));
    }
    if (Long.compareUnsigned(start, last) > 0) {
      throw new IllegalArgumentException(
          String.format("IOVA range start 0x%x is above its last byte 0x%x", start, last));
    }
  }

  /** The range of {@code pages} 4 KiB pages starting at {@code start}. */
  public static IovaRange ofPages(long start, long pages) {
    if (pages <= 0) {
      throw new IllegalArgumentException("an IOVA range needs at least one page, got " + pages);
    }
    return new IovaRange(start, start + (pages << PAGE_SHIFT) - 1);
  }

  /** The range of page frame numbers {@code startPfn} to {@code lastPfn} inclusive. */
  static IovaRange ofPfns(long startPfn, long lastPfn) {
    return new IovaRange(startPfn << PAGE_SHIFT, (lastPfn << PAGE_SHIFT) | PAGE_MASK);
  }

  /** Number of 4 KiB pages. */
  public long pages() {
    return ((last - start) >>> PAGE_SHIFT) + 1;
  }

  /** Page frame number of {@code start} (Linux's {@code pfn_lo}). */
  public long startPfn() {
    return start >>> PAGE_SHIFT;
  }

  /** Page frame number of {@code last} (Linux's {@code pfn_hi}). */
  public long lastPfn() {
    return last >>> PAGE_SHIFT;
  }

  /** True when {@code iova} lies in this range. */
  public boolean contains(long iova) {
    return Long.compareUnsigned(iova, start) >= 0 && Long.compareUnsigned(iova, last) <= 0;
  }

  /** True when {@code other} lies entirely in this range. */
  public boolean contains(IovaRange other) {
    return contains(other.start) && contains(other.last);
  }

  /** True when the two ranges share at least one byte. */
  public boolean overlaps(IovaRange other) {
    return Long.compareUnsigned(start, other.last) <= 0
        && Long.compareUnsigned(other.start, last) <= 0;
  }

  @Override
  public String toString() {
    return String.format("0x%x-0x%x (%d pages)", start, last, pages());
  }
}
