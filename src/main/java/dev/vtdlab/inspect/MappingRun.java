package dev.vtdlab.inspect;

import dev.vtdlab.addr.PageSize;

/**
 * Consecutive leaves merged into one run: input {@code inputStart..inputLast} maps to output {@code
 * outputStart..outputLast} (inclusive), with pages of one size and equal rights and attributes.
 *
 * @param inputStart first input address (IOVA, GVA)
 * @param inputLast last input address
 * @param outputStart first output address (HPA, or GPA for a nested first stage)
 * @param outputLast last output address
 * @param pageSize the size of every page of the run
 * @param rights the {@link dev.vtdlab.pagetable.Rights} of every page
 * @param attributes the leaf bits other than the address, accessed and dirty (equal over the run)
 * @param pages number of leaves merged
 */
public record MappingRun(
    long inputStart,
    long inputLast,
    long outputStart,
    long outputLast,
    PageSize pageSize,
    int rights,
    long attributes,
    long pages) {

  /** Number of bytes mapped. */
  public long bytes() {
    return inputLast - inputStart + 1;
  }
}
