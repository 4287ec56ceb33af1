package dev.vtdlab.driver.dma;

import java.util.List;

/**
 * The DMA API of one device (Linux {@code dma_map_single} / {@code dma_map_sg}): buffers in host
 * memory become addresses the device can use. Thread-safe.
 */
public interface DmaApi {

  /** Every address is usable (a 64-bit DMA mask). */
  long DMA_MASK_64 = -1L;

  /**
   * Maps {@code size} bytes at {@code hpa} for {@code direction}.
   *
   * @return the DMA address of {@code hpa} (same offset within the page)
   * @throws IllegalArgumentException for an empty or overflowing buffer
   */
  long map(long hpa, long size, DmaDirection direction);

  /**
   * Unmaps a buffer mapped by {@link #map} with the same size and direction.
   *
   * @throws IllegalArgumentException if it is not mapped as such
   */
  void unmap(long dmaAddress, long size, DmaDirection direction);

  /** Maps a scatter-gather list into one contiguous IOVA range. */
  SgMapping mapSg(List<SgSegment> segments, DmaDirection direction);

  /** Unmaps a scatter-gather mapping whole. */
  void unmapSg(SgMapping mapping);
}
