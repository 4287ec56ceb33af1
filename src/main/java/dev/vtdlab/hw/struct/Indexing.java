package dev.vtdlab.hw.struct;

/** Range checks of the indexing helpers (programming errors, not hardware outcomes). */
final class Indexing {
  private Indexing() {}

  /** Largest PCI bus number. */
  static final int MAX_BUS = 255;

  /** Largest devfn (device 31, function 7). */
  static final int MAX_DEVFN = 255;

  /** Width of a PASID in bits (ECAP.PSS is at most 19). */
  static final int PASID_BITS = 20;

  static void checkBus(int bus) {
    if (bus < 0 || bus > MAX_BUS) {
      throw new IllegalArgumentException("bus " + bus + " out of range 0..255");
    }
  }

  static void checkDevfn(int devfn) {
    if (devfn < 0 || devfn > MAX_DEVFN) {
      throw new IllegalArgumentException(
          "devfn 0x" + Integer.toHexString(devfn) + " out of range 0x00..0xff");
    }
  }

  static void checkPasid(int pasid) {
    if (pasid < 0 || pasid >= 1 << PASID_BITS) {
      throw new IllegalArgumentException(
          "PASID 0x" + Integer.toHexString(pasid) + " out of range (20 bits)");
    }
  }
}
