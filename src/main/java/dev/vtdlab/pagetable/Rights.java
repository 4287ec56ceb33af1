package dev.vtdlab.pagetable;

/**
 * Access rights as a small bit set in an {@code int}, so that a walker can AND them over the path
 * without allocating. What each entry grants is the format's business ({@link
 * PageTableFormat#rights}); the hardware model compares the ANDed set with the request (D12).
 *
 * <ul>
 *   <li>first stage: read always, write iff R/W, user iff U/S, execute unless XD with NXE = 1;
 *   <li>second stage: read iff R, write iff W, execute iff R (and X when SLEE = 1), user always.
 * </ul>
 */
public final class Rights {
  /** Reads allowed. */
  public static final int READ = 1;

  /** Writes allowed. */
  public static final int WRITE = 1 << 1;

  /** Execute-requested reads allowed (rev 3.x execute requests, D1). */
  public static final int EXECUTE = 1 << 2;

  /** User-privilege requests allowed (first-stage U/S; always granted by the second stage). */
  public static final int USER = 1 << 3;

  /** Every right: the start value of an AND over a walk. */
  public static final int ALL = READ | WRITE | EXECUTE | USER;

  /** No right. */
  public static final int NONE = 0;

  private Rights() {}

  /** True when every right of {@code wanted} is in {@code rights}. */
  public static boolean allows(int rights, int wanted) {
    return (rights & wanted) == wanted;
  }

  /** Four characters, {@code r}, {@code w}, {@code x}, {@code u} or {@code -}, e.g. "rw-u". */
  public static String toString(int rights) {
    return new String(
        new char[] {
          (rights & READ) != 0 ? 'r' : '-',
          (rights & WRITE) != 0 ? 'w' : '-',
          (rights & EXECUTE) != 0 ? 'x' : '-',
          (rights & USER) != 0 ? 'u' : '-'
        });
  }
}
