package dev.vtdlab.hw.fault;

/**
 * An MSI the remapping unit sent (edge triggered; digest 1.6).
 *
 * @param source which event sent it
 * @param address the message address: upper-address register in bits 63:32, address register bits
 *     31:2
 * @param data the message data register
 */
public record InterruptMessage(Source source, long address, int data) {

  /** The unit's event interrupts. */
  public enum Source {
    /** Fault event (FECTL/FEDATA/FEADDR/FEUADDR): faults recorded, PFO, IQE, ICE, ITE. */
    FAULT_EVENT,
    /** Invalidation completion event (IECTL/...): a wait descriptor with IF = 1 completed. */
    INVALIDATION_COMPLETION
  }

  @Override
  public String toString() {
    return String.format("MSI %s addr=0x%x data=0x%x", source, address, data);
  }
}
