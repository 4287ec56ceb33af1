package dev.vtdlab.addr;

/** The page sizes VT-d translations use (both stages). */
public enum PageSize {
  SIZE_4K(12),
  SIZE_2M(21),
  SIZE_1G(30);

  private final int sizeLg2;

  PageSize(int sizeLg2) {
    this.sizeLg2 = sizeLg2;
  }

  /** log2 of the size in bytes. */
  public int sizeLg2() {
    return sizeLg2;
  }

  /** Size in bytes. */
  public long bytes() {
    return 1L << sizeLg2;
  }

  /** Mask of the offset bits within a page. */
  public long offsetMask() {
    return bytes() - 1;
  }

  /**
   * The paging level whose leaf maps a page of this size (levels: 1 = leaf table / PTE, 2 = PD, 3 =
   * PDPT, as in the digest and the scenario format).
   */
  public int leafLevel() {
    return (sizeLg2 - 12) / 9 + 1;
  }

  /** The page size mapped by a leaf at {@code level} (1, 2 or 3). */
  public static PageSize ofLevel(int level) {
    return switch (level) {
      case 1 -> SIZE_4K;
      case 2 -> SIZE_2M;
      case 3 -> SIZE_1G;
      default -> throw new IllegalArgumentException("no page size for a leaf at level " + level);
    };
  }

  /** The page size of {@code bytes}. */
  public static PageSize ofBytes(long bytes) {
    for (PageSize p : values()) {
      if (p.bytes() == bytes) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a page size: " + bytes);
  }

  /** "4K", "2M" or "1G". */
  public String label() {
    return switch (this) {
      case SIZE_4K -> "4K";
      case SIZE_2M -> "2M";
      case SIZE_1G -> "1G";
    };
  }
}
