package dev.vtdlab.driver.dma;

import dev.vtdlab.pagetable.Prot;

/**
 * The direction of a DMA mapping (Linux {@code enum dma_data_direction}) and the access it gives
 * the device: to the device = the device reads (read-only mapping), from the device = the device
 * writes (write mapping), bidirectional = both. (A first-stage entry cannot be write-only: present
 * entries are readable, digest 5.3.)
 */
public enum DmaDirection {
  /** Memory to device: the device reads. */
  TO_DEVICE(Prot.READ, "to-device"),
  /** Device to memory: the device writes. */
  FROM_DEVICE(Prot.WRITE, "from-device"),
  /** Both ways. */
  BIDIRECTIONAL(Prot.READ_WRITE, "bidirectional");

  private final int prot;
  private final String label;

  DmaDirection(int prot, String label) {
    this.prot = prot;
    this.label = label;
  }

  /** The {@link Prot} flags of the mapping. */
  public int prot() {
    return prot;
  }

  /** "to-device", "from-device" or "bidirectional". */
  public String label() {
    return label;
  }
}
