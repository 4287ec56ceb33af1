package dev.vtdlab.hw.inval;

/**
 * The address range of a device-TLB invalidation (types 3 and 8) and its ATS size encoding (digest
 * 9.5): with S = 0 the 4 KiB page at ADDR; with S = 1 the lowest clear bit k (k >= 12) of
 * ADDR[63:12] gives a naturally aligned range of 2^(k+1) bytes. ADDR[62:12] all ones with bit 63 =
 * 0 means the entire address space (so does an all-ones ADDR).
 *
 * @param start first address (inclusive)
 * @param last last address (inclusive); -1 (all ones) for the entire space
 */
public record DeviceTlbRange(long start, long last) {

  /** ADDR field (bits 63:12 in place) meaning "entire address space" with S = 1. */
  public static final long ENTIRE_ADDRESS_FIELD = 0x7FFF_FFFF_FFFF_F000L;

  public DeviceTlbRange {
    long size = last - start + 1;
    boolean entire = start == 0 && last == -1L;
    if (!entire
        && (Long.compareUnsigned(last, start) < 0
            || Long.bitCount(size) != 1
            || Long.compareUnsigned(size, 4096) < 0
            || (start & (size - 1)) != 0)) {
      throw new IllegalArgumentException(
          String.format(
              "device-TLB range 0x%x..0x%x is not a naturally aligned power-of-two number of 4 KiB"
                  + " pages",
              start, last));
    }
  }

  /** The range of 2^sizeLg2 bytes at {@code start} (12 <= sizeLg2 <= 64). */
  public static DeviceTlbRange of(long start, int sizeLg2) {
    if (sizeLg2 < 12 || sizeLg2 > 64) {
      throw new IllegalArgumentException(
          "device-TLB range size 2^" + sizeLg2 + " out of 2^12..2^64");
    }
    if (sizeLg2 == 64) {
      return entire();
    }
    return new DeviceTlbRange(start, start + (1L << sizeLg2) - 1);
  }

  /** The entire address space. */
  public static DeviceTlbRange entire() {
    return new DeviceTlbRange(0, -1L);
  }

  /** Decodes the ADDR field (bits 63:12 in place, low bits ignored) and the S flag. */
  public static DeviceTlbRange decode(long address, boolean sizeFlag) {
    long page = address & ~0xFFFL;
    if (!sizeFlag) {
      return new DeviceTlbRange(page, page + 0xFFF);
    }
    int ones = Long.numberOfTrailingZeros(~(page >>> 12));
    int k = 12 + ones;
    if (k >= 63) {
      return entire();
    }
    return of(page & ~((1L << (k + 1)) - 1), k + 1);
  }

  /** True for the entire address space. */
  public boolean isEntireAddressSpace() {
    return start == 0 && last == -1L;
  }

  /** log2 of the size in bytes (64 for the entire space). */
  public int sizeLg2() {
    return isEntireAddressSpace() ? 64 : Long.numberOfTrailingZeros(last - start + 1);
  }

  /** The S flag of the encoding (0 only for a single 4 KiB page). */
  public boolean sizeFlag() {
    return sizeLg2() > 12;
  }

  /** The ADDR field of the encoding (bits 63:12 in place). */
  public long addressField() {
    if (isEntireAddressSpace()) {
      return ENTIRE_ADDRESS_FIELD;
    }
    return start | (((last - start + 1) >>> 1) - 1) & ~0xFFFL;
  }

  @Override
  public String toString() {
    return isEntireAddressSpace()
        ? "entire address space"
        : String.format("0x%x..0x%x (2^%d bytes)", start, last, sizeLg2());
  }
}
