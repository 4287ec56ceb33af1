package dev.vtdlab.pagetable;

import dev.vtdlab.addr.PageSize;

/**
 * A run of consecutive leaves of one page size that map consecutive input addresses to consecutive
 * output addresses with equal rights and attributes: one line of a page-table listing.
 *
 * @param iovaStart first input address
 * @param iovaLast last input address (inclusive)
 * @param outputStart output address of {@code iovaStart}
 * @param pageSize the size of each leaf in the run
 * @param rights {@link Rights} ANDed over the path to the leaves
 * @param attributes the leaves' bits other than the address ({@link PageTableFormat#attributes})
 */
public record MappingRun(
    long iovaStart,
    long iovaLast,
    long outputStart,
    PageSize pageSize,
    int rights,
    long attributes) {

  /** Bytes mapped. */
  public long size() {
    return iovaLast - iovaStart + 1;
  }

  /** Last output address (inclusive). */
  public long outputLast() {
    return outputStart + size() - 1;
  }

  /** Number of leaves. */
  public long pages() {
    return size() >>> pageSize.sizeLg2();
  }

  @Override
  public String toString() {
    return String.format(
        "0x%x..0x%x -> 0x%x..0x%x %s x%d %s attr 0x%x",
        iovaStart,
        iovaLast,
        outputStart,
        outputLast(),
        pageSize.label(),
        pages(),
        Rights.toString(rights),
        attributes);
  }
}
