package dev.vtdlab.driver.fault;

import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.regs.RegisterTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's fault handler (Linux {@code dmar_fault}; digest 1.6, 1.7, 10.4), through registers
 * only: read FSTS; if PPF, walk the fault recording registers from FSTS.FRI, reading each record
 * whose F is set, decoding and keeping it, and clearing F (write 1, RW1C), until a record with F =
 * 0; then write PFO | PPF to FSTS (PFO is RW1C; PPF is read-only and follows the records).
 * Thread-safe.
 */
public final class FaultService {
  private final Mmio mmio;
  private final int recordOffset;
  private final int records;
  private final List<ReportedFault> log = new ArrayList<>();
  private long overflows;

  /** Reads CAP.FRO and CAP.NFR through {@code mmio}. */
  public FaultService(Mmio mmio) {
    this.mmio = mmio;
    Cap cap = new Cap(mmio.read64(RegisterTable.CAP_REG));
    this.recordOffset = cap.faultRecordOffset();
    this.records = cap.faultRecordCount();
  }

  /** Services pending faults once; returns what was read and cleared. */
  public synchronized FaultBatch service() {
    long fsts = mmio.read32(RegisterTable.FSTS_REG) & 0xFFFF_FFFFL;
    List<ReportedFault> found = new ArrayList<>();
    if (Fsts.PPF.isSet(fsts)) {
      int index = (int) Fsts.FRI.get(fsts);
      for (int n = 0; n < records; n++) {
        int hiOffset = recordOffset + 16 * index + 8;
        long hi = mmio.read64(hiOffset);
        if (!FaultRecord.F.isSet(hi)) {
          break;
        }
        long lo = mmio.read64(hiOffset - 8);
        found.add(new ReportedFault(index, new FaultRecord(lo, hi)));
        mmio.write64(hiOffset, FaultRecord.F.mask());
        index = (index + 1) % records;
      }
    }
    boolean overflow = Fsts.PFO.isSet(fsts);
    if (overflow) {
      overflows++;
    }
    mmio.write32(RegisterTable.FSTS_REG, (int) (Fsts.PFO.mask() | Fsts.PPF.mask()));
    log.addAll(found);
    return new FaultBatch(fsts, found, overflow);
  }

  /** Every fault serviced so far, oldest first. */
  public synchronized List<ReportedFault> log() {
    return List.copyOf(log);
  }

  /** Times FSTS.PFO was found set. */
  public synchronized long overflows() {
    return overflows;
  }
}
