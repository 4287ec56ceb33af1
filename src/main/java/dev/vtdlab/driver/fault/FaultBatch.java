package dev.vtdlab.driver.fault;

import java.util.List;

/**
 * What one run of the fault handler found.
 *
 * @param fsts FSTS_REG as read at the start
 * @param faults the records read and cleared, in FRI order
 * @param overflow FSTS.PFO was set (faults were lost)
 */
public record FaultBatch(long fsts, List<ReportedFault> faults, boolean overflow) {
  public FaultBatch {
    faults = List.copyOf(faults);
  }
}
