package dev.vtdlab.driver.iova;

/**
 * No free IOVA range of the requested size fits below the limit in the aperture (Linux's
 * alloc_iova_fast returning 0; the DMA API turns it into a mapping error).
 */
public final class IovaExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long pages;
  private final long limitIova;

  IovaExhaustedException(String message, long pages, long limitIova) {
    super(message);
    this.pages = pages;
    this.limitIova = limitIova;
  }

  /** Size of the failed request in pages (after rounding small requests to a power of two). */
  public long pages() {
    return pages;
  }

  /** Highest IOVA the range was allowed to reach. */
  public long limitIova() {
    return limitIova;
  }
}
