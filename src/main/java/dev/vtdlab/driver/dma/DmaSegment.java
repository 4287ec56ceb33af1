package dev.vtdlab.driver.dma;

/**
 * A mapped piece of a scatter-gather list, as the device sees it.
 *
 * @param dmaAddress the address the device uses (IOVA, or HPA in an identity domain)
 * @param length bytes
 */
public record DmaSegment(long dmaAddress, long length) {
  @Override
  public String toString() {
    return String.format("0x%x+0x%x", dmaAddress, length);
  }
}
