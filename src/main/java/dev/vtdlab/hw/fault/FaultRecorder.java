package dev.vtdlab.hw.fault;

import dev.vtdlab.hw.cap.Cap;
import java.util.ArrayList;
import java.util.List;

/**
 * Primary fault logging (VT-d spec 7.2.1; digest 1.6, 1.7, 8.6) and the fault status it reports:
 * the CAP.NFR + 1 fault recording registers, FSTS_REG and the fault event (FECTL and friends).
 *
 * <p>Recording a fault ({@link #record}):
 *
 * <ol>
 *   <li>a qualified fault (D17) with an applicable FPD = 1 is dropped ({@link
 *       RecordOutcome#SUPPRESSED_BY_FPD});
 *   <li>if FSTS.PFO = 1 it is dropped;
 *   <li>the record at the internal next-slot pointer (starts at 0, advances modulo NFR + 1 after
 *       each recorded fault) still has F = 1: PFO is set and the fault dropped;
 *   <li>otherwise the record is written with F = 1; if no record was pending before, FSTS.FRI
 *       becomes its index (FRI is valid while PPF = 1).
 * </ol>
 *
 * <p>Fault event: setting any status field (PFO, PPF, AFO, APF, IQE, ICE, ITE) is a new interrupt
 * condition only when none of them was set before (spec 7.4.1 as read in the digest 1.6; QEMU
 * behaves the same). IP is cleared when software has cleared all of them (all F bits, PFO, AFO,
 * APF, IQE, ICE, ITE). Exact duplicates of a pending record are recorded again (the spec allows
 * suppression; we do not suppress).
 *
 * <p>Advanced fault logging is not modelled (AFO/APF are storage only). Thread-safe: every method
 * is synchronized (a translator may record while software reads the registers).
 */
public final class FaultRecorder {
  private static final long STATUS_RW1C =
      Fsts.PFO.mask()
          | Fsts.AFO.mask()
          | Fsts.APF.mask()
          | Fsts.IQE.mask()
          | Fsts.ICE.mask()
          | Fsts.ITE.mask();

  private final long[] lo;
  private final long[] hi;
  private final EventInterrupt event;
  private long status;
  private int nextSlot;
  private int fri;
  private int pendingRecords;
  private long recorded;
  private long droppedByFpd;
  private long droppedByOverflow;

  /**
   * @param cap the unit's capabilities (NFR gives the number of records)
   * @param sink where fault-event messages go
   */
  public FaultRecorder(Cap cap, InterruptSink sink) {
    int n = cap.faultRecordCount();
    this.lo = new long[n];
    this.hi = new long[n];
    this.event = new EventInterrupt(InterruptMessage.Source.FAULT_EVENT, sink);
  }

  /**
   * Primary fault logging of one fault.
   *
   * @param faultRecord the record to write (its F bit is set when written)
   * @param suppressedByFpd true when an applicable FPD bit is 1 (the translator knows); only
   *     qualified faults are then dropped
   */
  public synchronized RecordOutcome record(FaultRecord faultRecord, boolean suppressedByFpd) {
    if (suppressedByFpd && faultRecord.qualified()) {
      droppedByFpd++;
      return RecordOutcome.SUPPRESSED_BY_FPD;
    }
    if (Fsts.PFO.isSet(status)) {
      droppedByOverflow++;
      return RecordOutcome.DROPPED_OVERFLOW;
    }
    boolean anyBefore = anyStatus();
    int slot = nextSlot;
    if (FaultRecord.F.isSet(hi[slot])) {
      status = Fsts.PFO.set(status, true);
      droppedByOverflow++;
      raiseIfNew(anyBefore);
      return RecordOutcome.DROPPED_OVERFLOW;
    }
    if (pendingRecords == 0) {
      fri = slot;
    }
    FaultRecord written = faultRecord.withF(true);
    lo[slot] = written.lo();
    hi[slot] = written.hi();
    pendingRecords++;
    nextSlot = (slot + 1) % lo.length;
    recorded++;
    raiseIfNew(anyBefore);
    return RecordOutcome.RECORDED;
  }

  /** Hardware sets IQE, ICE or ITE (raising the fault event if it is a new condition). */
  public synchronized void setInvalidationError(InvalidationError error) {
    boolean anyBefore = anyStatus();
    status = error.bit().set(status, true);
    raiseIfNew(anyBefore);
  }

  /** True while FSTS has this invalidation error bit set. */
  public synchronized boolean hasInvalidationError(InvalidationError error) {
    return error.bit().isSet(status);
  }

  /** The FSTS_REG value (PPF and FRI computed). */
  public synchronized long fsts() {
    long v = status;
    v = Fsts.PPF.set(v, pendingRecords > 0);
    return Fsts.FRI.set(v, fri);
  }

  /**
   * A software write of FSTS_REG after the access masks were applied: the RW1C bits of {@code
   * value} are the new status (they can only have been cleared); RO bits are ignored.
   */
  public synchronized void writeFsts(long value) {
    status = status & value & STATUS_RW1C;
    clearPendingIfServiced();
  }

  /** Number of fault recording registers (CAP.NFR + 1). */
  public int recordCount() {
    return lo.length;
  }

  /** FRCD_REG[index] bits 63:0. */
  public synchronized long frcdLow(int index) {
    return lo[index];
  }

  /** FRCD_REG[index] bits 127:64. */
  public synchronized long frcdHigh(int index) {
    return hi[index];
  }

  /** FRCD_REG[index] as a record. */
  public synchronized FaultRecord frcd(int index) {
    return new FaultRecord(lo[index], hi[index]);
  }

  /**
   * A software write of FRCD_REG[index] bits 127:64 after the access masks: F (RW1C) is cleared
   * when {@code value} has it clear; every other bit is read-only. The record keeps its contents.
   */
  public synchronized void writeFrcdHigh(int index, long value) {
    if (FaultRecord.F.isSet(hi[index]) && !FaultRecord.F.isSet(value)) {
      hi[index] = FaultRecord.F.set(hi[index], false);
      pendingRecords--;
      clearPendingIfServiced();
    }
  }

  /** The records with F = 1, starting at FRI and wrapping, as software would read them. */
  public synchronized List<FaultRecord> pendingRecords() {
    List<FaultRecord> out = new ArrayList<>();
    for (int i = 0; i < lo.length; i++) {
      int slot = (fri + i) % lo.length;
      if (FaultRecord.F.isSet(hi[slot])) {
        out.add(new FaultRecord(lo[slot], hi[slot]));
      }
    }
    return out;
  }

  /** The fault event (FECTL, FEDATA, FEADDR, FEUADDR). Callers synchronize on this recorder. */
  public EventInterrupt event() {
    return event;
  }

  /** A software write of FECTL_REG (IM; IP is read-only). */
  public synchronized void writeFectl(long value) {
    event.writeControl(value);
  }

  /** FECTL_REG value. */
  public synchronized long fectl() {
    return event.control();
  }

  /** Faults written into a record. */
  public synchronized long recordedCount() {
    return recorded;
  }

  /** Qualified faults dropped because an applicable FPD was 1. */
  public synchronized long droppedByFpdCount() {
    return droppedByFpd;
  }

  /** Faults dropped because PFO was set or the next record was still pending. */
  public synchronized long droppedByOverflowCount() {
    return droppedByOverflow;
  }

  /** Fault-event messages sent. */
  public synchronized long interruptsSent() {
    return event.sentCount();
  }

  private boolean anyStatus() {
    return (status & Fsts.STATUS_MASK) != 0 || pendingRecords > 0;
  }

  private void raiseIfNew(boolean anyBefore) {
    if (!anyBefore) {
      event.raise();
    }
  }

  private void clearPendingIfServiced() {
    if (!anyStatus()) {
      event.clearPending();
    }
  }

  @Override
  public synchronized String toString() {
    return String.format(
        "FaultRecorder[FSTS=0x%x records=%d pending=%d next=%d recorded=%d fpd=%d overflow=%d]",
        fsts(), lo.length, pendingRecords, nextSlot, recorded, droppedByFpd, droppedByOverflow);
  }
}
