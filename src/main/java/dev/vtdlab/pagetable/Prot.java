package dev.vtdlab.pagetable;

/**
 * What a caller asks a new mapping to allow, as a small bit set in an {@code int} (like the DMA
 * API's protection flags). The format turns it into entry bits the way Linux does (digest 10.3):
 *
 * <ul>
 *   <li>first stage: P, U/S and A always; R/W and D when {@link #WRITE}; XD only when {@link
 *       #NO_EXECUTE} and NXE = 1 (off by default); {@link #SNOOP} is ignored (first-stage snooping
 *       is the PASID entry's PGSNP);
 *   <li>second stage: R when {@link #READ}, W when {@link #WRITE}, SNP when {@link #SNOOP} (needs
 *       ECAP.SC); X only when SLEE = 1 and not {@link #NO_EXECUTE}.
 * </ul>
 *
 * A mapping must allow {@link #READ} or {@link #WRITE}.
 */
public final class Prot {
  /** Device reads allowed. */
  public static final int READ = 1;

  /** Device writes allowed. */
  public static final int WRITE = 1 << 1;

  /** Execute not allowed (only expressible with first-stage NXE = 1 or second-stage SLEE = 1). */
  public static final int NO_EXECUTE = 1 << 2;

  /** Force snooping: second-stage SNP (Linux sets it when the domain enforces coherency). */
  public static final int SNOOP = 1 << 3;

  /** Read and write. */
  public static final int READ_WRITE = READ | WRITE;

  /** Every defined flag. */
  public static final int ALL = READ | WRITE | NO_EXECUTE | SNOOP;

  private Prot() {}

  /**
   * Checks that {@code prot} uses only defined flags and allows reads or writes.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static void check(int prot) {
    if ((prot & ~ALL) != 0) {
      throw new IllegalArgumentException(
          String.format("unknown protection flags 0x%x", prot & ~ALL));
    }
    if ((prot & READ_WRITE) == 0) {
      throw new IllegalArgumentException("a mapping must allow READ or WRITE (prot " + prot + ")");
    }
  }

  /** E.g. "rw", "r-,noexec,snoop". */
  public static String toString(int prot) {
    StringBuilder sb = new StringBuilder();
    sb.append((prot & READ) != 0 ? 'r' : '-').append((prot & WRITE) != 0 ? 'w' : '-');
    if ((prot & NO_EXECUTE) != 0) {
      sb.append(",noexec");
    }
    if ((prot & SNOOP) != 0) {
      sb.append(",snoop");
    }
    return sb.toString();
  }
}
