package dev.vtdlab.hw.translate;

/**
 * Which paging walk (or its rights check) a fault belongs to: the scenario format's {@code stage}.
 * Structure faults (root, context, PASID directory, PASID entry, RTADDR) and the output-address
 * check have {@link #NONE}.
 */
public enum FaultStage {
  /**
   * A first-stage walk, a first-stage entry read through nesting (SFS.x), or first-stage rights.
   */
  FIRST("first"),
  /** A second-stage walk (also one for a nested first-stage table) or second-stage rights. */
  SECOND("second"),
  /** Not in a paging walk. */
  NONE("none");

  private final String label;

  FaultStage(String label) {
    this.label = label;
  }

  /** "first", "second" or "none". */
  public String label() {
    return label;
  }
}
