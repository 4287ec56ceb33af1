package dev.vtdlab.hw.translate;

/** What kind of entry a translation read. */
public enum EntryKind {
  /** A legacy or scalable-mode root entry (128 bits). */
  ROOT("root entry", false),
  /** A legacy (128 bits) or scalable-mode (256 bits) context entry. */
  CONTEXT("context entry", false),
  /** A PASID-directory entry (64 bits). */
  PASID_DIRECTORY("PASID-directory entry", false),
  /** A PASID entry (512 bits). */
  PASID_ENTRY("PASID entry", false),
  /** A first-stage paging entry. */
  FIRST_STAGE("first-stage entry", true),
  /** A second-stage paging entry. */
  SECOND_STAGE("second-stage entry", true);

  private final String label;
  private final boolean paging;

  EntryKind(String label, boolean paging) {
    this.label = label;
    this.paging = paging;
  }

  /** A short name. */
  public String label() {
    return label;
  }

  /** True for paging entries (counted as "walk" reads, D2); false for structure entries. */
  public boolean paging() {
    return paging;
  }
}
