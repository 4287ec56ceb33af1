package dev.vtdlab.driver.device;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * The 16-byte RX/TX descriptor of the model NIC (shaped like a simple legacy Ethernet descriptor):
 * qword 0 is the buffer's DMA address; qword 1 holds the length and the status the device writes
 * back.
 */
public final class NicDescriptor {
  /** Bytes per descriptor. */
  public static final int BYTES = 16;

  /** Qword 1: packet length in bytes. Bits 15:0. */
  public static final BitField LENGTH = new BitField("LENGTH", 15, 0);

  /** Qword 1: descriptor done, written by the device. Bit 32. */
  public static final BitField DD = BitField.bit("DD", 32);

  /** Qword 1: end of packet. Bit 33. */
  public static final BitField EOP = BitField.bit("EOP", 33);

  /** Layout of qword 1. */
  public static final WordLayout STATUS = new WordLayout("NIC descriptor qword 1", LENGTH, DD, EOP);

  private NicDescriptor() {}

  /** Qword 1 for a done packet of {@code length} bytes. */
  public static long done(int length) {
    return EOP.set(DD.set(LENGTH.set(0, length), true), true);
  }
}
