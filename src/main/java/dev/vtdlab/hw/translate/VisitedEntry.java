package dev.vtdlab.hw.translate;

/**
 * One entry fetch of a translation, in the order the reads happened (D2: one fetch per entry).
 *
 * @param kind what was read
 * @param level the paging level (1 = PTE .. 5 = PML5) for paging entries; 0 for structure entries,
 *     which have no level
 * @param hpa the host-physical address read (for nested first-stage entries: the HPA the second
 *     stage produced)
 * @param value the first qword read (for the upper half of a scalable-mode root entry: the high
 *     qword, which holds UP and UCTP); 0 when the read failed
 * @param readable false when the read failed (an access error, D15)
 */
public record VisitedEntry(EntryKind kind, int level, long hpa, long value, boolean readable) {

  @Override
  public String toString() {
    String where =
        kind.paging()
            ? String.format("%s L%d @0x%x", kind.label(), level, hpa)
            : String.format("%s @0x%x", kind.label(), hpa);
    return readable ? where + String.format(" = 0x%016x", value) : where + " (read failed)";
  }
}
