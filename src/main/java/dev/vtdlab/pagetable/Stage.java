package dev.vtdlab.pagetable;

/**
 * The two VT-d translation stages whose page tables this room builds and walks. Older spec text
 * (rev 3.x) says first-level / second-level; rev 4.x says first-stage / second-stage.
 */
public enum Stage {
  /** First stage: x86-64 IA-32e paging entries (digest 5), 4 or 5 levels. */
  FIRST_STAGE("first-stage"),
  /** Second stage: VT-d second-stage entries (digest 6), 3, 4 or 5 levels. */
  SECOND_STAGE("second-stage");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  /** "first-stage" or "second-stage". */
  public String label() {
    return label;
  }
}
