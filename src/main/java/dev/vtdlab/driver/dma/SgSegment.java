package dev.vtdlab.driver.dma;

/**
 * One element of a scatter-gather list: a buffer in host-physical memory.
 *
 * @param hpa the buffer's first byte
 * @param length its length in bytes, positive
 */
public record SgSegment(long hpa, long length) {
  public SgSegment {
    if (length <= 0) {
      throw new IllegalArgumentException("a scatter-gather segment needs a positive length");
    }
    if (hpa < 0 || hpa + length < hpa) {
      throw new IllegalArgumentException(
          String.format("segment 0x%x + 0x%x is not a host address range", hpa, length));
    }
  }
}
