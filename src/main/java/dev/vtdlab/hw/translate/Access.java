package dev.vtdlab.hw.translate;

/**
 * The access type of an untranslated DMA request. Execute is the rev 3.x execute-requested read
 * (D1): it exists only in requests with PASID (D3).
 */
public enum Access {
  /** A read (T1 = 1 in a fault record). */
  READ("read"),
  /** A write (T1 = 0 in a fault record). */
  WRITE("write"),
  /** An execute-requested read (T1 = 1, EXE = 1 in a fault record; D22). */
  EXECUTE("exec");

  private final String label;

  Access(String label) {
    this.label = label;
  }

  /** "read", "write" or "exec" (the scenario format's words). */
  public String label() {
    return label;
  }

  /** True for {@link #WRITE}. */
  public boolean isWrite() {
    return this == WRITE;
  }

  /** The access named {@code label} ("read", "write" or "exec"). */
  public static Access ofLabel(String label) {
    for (Access a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown access '" + label + "' (expected read, write or exec)");
  }
}
