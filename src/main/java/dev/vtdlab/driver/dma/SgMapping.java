package dev.vtdlab.driver.dma;

import java.util.List;

/**
 * A mapped scatter-gather list (Linux {@code dma_map_sg}): one IOVA range holding every segment,
 * each starting on a page boundary (at its offset within its first page). Unmap it whole with
 * {@link DmaApi#unmapSg}.
 *
 * @param iovaStart the first IOVA page of the range
 * @param pages pages mapped
 * @param segments the device's view, one per input segment, in order
 * @param direction the mapping's direction
 */
public record SgMapping(
    long iovaStart, long pages, List<DmaSegment> segments, DmaDirection direction) {
  public SgMapping {
    segments = List.copyOf(segments);
  }
}
