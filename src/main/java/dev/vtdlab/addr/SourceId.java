package dev.vtdlab.addr;

/**
 * A PCI requester id (source id, SID): bus in bits 15:8, device 7:3, function 2:0.
 *
 * @param value the 16-bit requester id
 */
public record SourceId(int value) implements Comparable<SourceId> {

  public SourceId {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("source id out of range: 0x" + Integer.toHexString(value));
    }
  }

  /** From bus, device (0-31) and function (0-7). */
  public static SourceId of(int bus, int device, int function) {
    if (bus < 0 || bus > 255 || device < 0 || device > 31 || function < 0 || function > 7) {
      throw new IllegalArgumentException(
          "bad bus:dev.fn "
              + bus
              + ":"
              + device
              + "."
              + function
              + " (bus 0-255, dev 0-31, fn 0-7)");
    }
    return new SourceId(bus << 8 | device << 3 | function);
  }

  /**
   * Parses "BB:DD.F" (hex, as lspci prints), optionally with a segment "SSSS:BB:DD.F" (segment must
   * be 0), or a plain number "0x3afd".
   */
  public static SourceId parse(String text) {
    String t = text.trim();
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return new SourceId(Integer.parseInt(t.substring(2), 16));
      }
      String[] parts = t.split(":");
      if (parts.length == 3) {
        if (Integer.parseInt(parts[0], 16) != 0) {
          throw new IllegalArgumentException("only PCI segment 0 is modelled: " + text);
        }
        parts = new String[] {parts[1], parts[2]};
      }
      if (parts.length == 2) {
        String[] df = parts[1].split("\\.");
        if (df.length == 2) {
          return of(
              Integer.parseInt(parts[0], 16),
              Integer.parseInt(df[0], 16),
              Integer.parseInt(df[1], 16));
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "bad device '" + text + "': expected bus:dev.fn in hex, like 00:1f.5, or 0x00fd");
  }

  public int bus() {
    return value >>> 8;
  }

  public int device() {
    return (value >>> 3) & 0x1F;
  }

  public int function() {
    return value & 7;
  }

  /** devfn: bits 7:0. */
  public int devfn() {
    return value & 0xFF;
  }

  @Override
  public int compareTo(SourceId o) {
    return Integer.compare(value, o.value);
  }

  /** "3a:1f.5". */
  @Override
  public String toString() {
    return String.format("%02x:%02x.%x", bus(), device(), function());
  }
}
