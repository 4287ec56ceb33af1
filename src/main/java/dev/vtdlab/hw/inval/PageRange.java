package dev.vtdlab.hw.inval;

/**
 * The address range an ADDR/AM pair covers: 2^AM 4 KiB pages, ADDR's low AM page bits ignored. An
 * AM of 52 or more covers the whole 64-bit space.
 */
final class PageRange {
  private PageRange() {}

  private static long sizeMask(int am) {
    return am + 12 >= 64 ? -1L : (1L << (am + 12)) - 1;
  }

  static long start(long address, int am) {
    return address & ~sizeMask(am);
  }

  static long last(long address, int am) {
    return start(address, am) + sizeMask(am);
  }

  static String pages(int am) {
    return am >= 63 ? "2^" + am + " pages" : (1L << am) + (am == 0 ? " page" : " pages");
  }
}
