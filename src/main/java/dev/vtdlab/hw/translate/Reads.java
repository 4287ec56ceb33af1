package dev.vtdlab.hw.translate;

/**
 * The memory reads of one translation without caches (D2): one per entry fetched, whatever its
 * width; a read that failed (beyond {@code mem_limit}) is counted.
 *
 * @param structure root, context, PASID-directory and PASID entries (2 in legacy mode, 4 in
 *     scalable mode for a complete translation)
 * @param walk paging entries of either stage (nested 4-over-4: 24)
 */
public record Reads(int structure, int walk) {
  /** No read. */
  public static final Reads NONE = new Reads(0, 0);

  /** structure + walk. */
  public int total() {
    return structure + walk;
  }

  @Override
  public String toString() {
    return "reads " + structure + " structure + " + walk + " walk";
  }
}
