package dev.vtdlab.inspect;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.mem.PhysicalMemory;

/** Finds the tables that translate one device's requests, from RTADDR. */
public final class DomainLookup {
  private DomainLookup() {}

  /**
   * The tables found.
   *
   * @param tables the domain's tables
   * @param pasid the PASID asked for, or -1 for requests without PASID
   * @param unit the unit checked against
   */
  public record Found(DomainTables tables, int pasid, UnitConfig unit) {}

  /**
   * @throws IllegalArgumentException (bad input) when the root table is not in the dump, the device
   *     has no present context entry, or the PASID no present PASID entry
   */
  public static Found find(PhysicalMemory memory, RegisterValues regs, SourceId sid, int pasid) {
    UnitConfig unit = regs.unit();
    DeviceScan.Result scan = DeviceScan.scan(memory, regs.rtaddr());
    if (scan.rtaddr().mode() != RootTablePointer.Mode.LEGACY
        && scan.rtaddr().mode() != RootTablePointer.Mode.SCALABLE) {
      throw new IllegalArgumentException(
          "RTADDR.TTM is " + scan.rtaddr().mode().text() + ": no device is translated");
    }
    return new Found(DomainTables.of(scan, sid, pasid, unit), pasid, unit);
  }
}
