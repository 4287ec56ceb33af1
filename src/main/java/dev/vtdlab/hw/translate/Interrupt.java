package dev.vtdlab.hw.translate;

/**
 * A write without PASID to 0xFEE0_0000-0xFEEF_FFFF: an interrupt request, handled by interrupt
 * remapping, not DMA remapping; nothing is read (D14). Only writes (VT-d spec 5.10 3.15:
 * "Single-DWORD length write requests"; a request here has no length, so every write counts): a
 * read without PASID to the range is a fault (LGN.4 / SGN.8, docs/spec-deviations.md row 11).
 *
 * @param request the request
 */
public record Interrupt(DmaRequest request) implements Translation {
  /** First address of the interrupt range. */
  public static final long RANGE_START = 0xFEE0_0000L;

  /** Last address of the interrupt range (inclusive). */
  public static final long RANGE_LAST = 0xFEEF_FFFFL;

  /** True when {@code address} is in 0xFEE0_0000-0xFEEF_FFFF. */
  public static boolean inRange(long address) {
    return address >= RANGE_START && address <= RANGE_LAST;
  }

  @Override
  public Reads reads() {
    return Reads.NONE;
  }

  @Override
  public String resultWord() {
    return "interrupt";
  }
}
