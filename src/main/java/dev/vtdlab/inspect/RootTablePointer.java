package dev.vtdlab.inspect;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * The RTADDR_REG value (offset 0x20; VT-d spec 11.4.5, digest 2.1): the root table address and the
 * translation table mode.
 *
 * @param value the 64-bit register value
 */
public record RootTablePointer(long value) {
  /** Translation table mode. Bits 11:10. */
  public static final BitField TTM = new BitField("TTM", 11, 10);

  /** Root table address (HPA, 4 KiB aligned). Bits 63:12. */
  public static final BitField RTA = new BitField("RTA", 63, 12);

  /** The register: bits 9:0 reserved. */
  public static final WordLayout LAYOUT = new WordLayout("RTADDR_REG", TTM, RTA);

  /** RTADDR.TTM encodings (digest 2.1). */
  public enum Mode {
    /** 00b: legacy root and context entries. */
    LEGACY("00b legacy"),
    /** 01b: scalable-mode root, context, PASID directory and PASID entries. */
    SCALABLE("01b scalable"),
    /** 10b: reserved (translation faults RTA.x). */
    RESERVED("10b reserved"),
    /** 11b: abort-DMA mode (every request blocked; needs ECAP.ADMS). */
    ABORT_DMA("11b abort-DMA");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /** "00b legacy" etc. */
    public String text() {
      return text;
    }
  }

  /** The root table's HPA. */
  public long rootTableHpa() {
    return RTA.get(value) << 12;
  }

  /** The translation table mode. */
  public Mode mode() {
    return Mode.values()[(int) TTM.get(value)];
  }

  /** Bits 9:0 as set (reserved). */
  public long reservedBits() {
    return value & LAYOUT.reservedMask();
  }

  @Override
  public String toString() {
    return String.format(
        "RTADDR 0x%016x (root table 0x%x, TTM %s)", value, rootTableHpa(), mode().text());
  }
}
