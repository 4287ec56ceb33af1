package dev.vtdlab.driver.fault;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;

/**
 * One fault record the driver read and cleared, decoded the way Linux reports it (digest 10.4).
 *
 * @param index the FRCD_REG index it was read from
 * @param record the 128 bits as read (F = 1)
 */
public record ReportedFault(int index, FaultRecord record) {

  /** The requester. */
  public SourceId sid() {
    return new SourceId(record.sid());
  }

  /** The faulting page (FI). */
  public long address() {
    return record.fi();
  }

  /** True for a write request (T1 = 0, T2 = 0). */
  public boolean write() {
    return !record.t1() && !record.t2();
  }

  /** True when the request had a PASID (PP). */
  public boolean hasPasid() {
    return record.pp();
  }

  /** The request's PASID (meaningful with {@link #hasPasid()}). */
  public int pasid() {
    return record.pv();
  }

  /** The FR code. */
  public int code() {
    return record.fr();
  }

  /** The reason; null-free: unknown codes are reported by {@link #reasonText()}. */
  public boolean knownReason() {
    return record.hasKnownReason();
  }

  /**
   * The reason.
   *
   * @throws IllegalArgumentException for an unknown FR code (see {@link #knownReason()})
   */
  public FaultReason reason() {
    return record.reason();
  }

  /** "SSS.2 second-stage paging entry not present" or "unknown". */
  public String reasonText() {
    return knownReason() ? reason().specName() + " " + reason().description() : "unknown";
  }

  /**
   * One line like Linux's: "[DMA Write NO_PASID] Request device [00:03.0] fault addr 0x1000 [fault
   * reason 0x79] SSS.2 second-stage paging entry not present".
   */
  @Override
  public String toString() {
    return String.format(
        "[DMA %s %s] Request device [%s] fault addr 0x%x [fault reason 0x%02x] %s",
        record.requestType().equals("write") ? "Write" : "Read",
        hasPasid() ? "PASID 0x" + Integer.toHexString(pasid()) : "NO_PASID",
        sid(),
        address(),
        code(),
        reasonText());
  }
}
