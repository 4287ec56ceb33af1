package dev.vtdlab.driver.inv;

/**
 * The page-selective invalidation (PSI) that covers an input range (digest 9.4, 10.3): ADDR and AM
 * such that the 2^AM pages at ADDR (aligned to 2^(AM + 12)) include every page of the range. The
 * page count is rounded up to a power of two; when the start is not aligned to it, AM grows until
 * the first and last page numbers agree in every bit from AM up (Linux's PSI alignment).
 *
 * @param iova ADDR: the first address covered, aligned to 2^(am + 12)
 * @param am the address mask: 2^am pages are covered
 */
public record PsiRange(long iova, int am) {
  private static final int PAGE_SHIFT = 12;

  /** The PSI covering {@code iovaStart..iovaLast} (inclusive). */
  public static PsiRange covering(long iovaStart, long iovaLast) {
    if (Long.compareUnsigned(iovaStart, iovaLast) > 0) {
      throw new IllegalArgumentException(
          String.format("range start 0x%x is after its last address 0x%x", iovaStart, iovaLast));
    }
    long firstPfn = iovaStart >>> PAGE_SHIFT;
    long lastPfn = iovaLast >>> PAGE_SHIFT;
    long pages = lastPfn - firstPfn + 1;
    int am = pages <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(pages - 1);
    long alignMask = (1L << am) - 1;
    if ((firstPfn & alignMask) != 0) {
      int differing = 64 - Long.numberOfLeadingZeros(firstPfn ^ lastPfn);
      am = Math.max(am, differing);
    }
    long pfn = am >= 64 - PAGE_SHIFT ? 0 : firstPfn & ~((1L << am) - 1);
    return new PsiRange(pfn << PAGE_SHIFT, am);
  }

  /** Number of 4 KiB pages covered. */
  public long pages() {
    return 1L << am;
  }

  /** Last address covered (inclusive). */
  public long iovaLast() {
    return iova + (pages() << PAGE_SHIFT) - 1;
  }

  @Override
  public String toString() {
    return String.format("0x%x AM=%d (%d pages)", iova, am, pages());
  }
}
