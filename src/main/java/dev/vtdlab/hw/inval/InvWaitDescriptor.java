package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * Invalidation wait descriptor, type 5 (VT-d spec 6.5.2.8; digest 9.5). Completes after every
 * earlier descriptor; then SW writes the 32-bit STDATA at STADDR, and IF sets ICS.IWC and raises
 * the invalidation completion event (status write first). FN (fence) holds later descriptors until
 * this one completes. PD (page-request drain) is reserved without ECAP.PDS.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64
 */
public record InvWaitDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 5;

  /** Interrupt flag. Bit 4. */
  public static final BitField IF = BitField.bit("IF", 4);

  /** Status write. Bit 5. */
  public static final BitField SW = BitField.bit("SW", 5);

  /** Fence. Bit 6. */
  public static final BitField FN = BitField.bit("FN", 6);

  /** Page-request drain. Bit 7. */
  public static final BitField PD = BitField.bit("PD", 7);

  /** Status data. Bits 63:32. */
  public static final BitField STDATA = new BitField("STDATA", 63, 32);

  /** Status address (dword aligned). Bits 127:66. */
  public static final BitField STADDR = new BitField("STADDR", 63, 2);

  /** Qword 0 layout; bits 8, 31:12 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("invalidation wait qword 0", TYPE_LO, IF, SW, FN, PD, TYPE_HI, STDATA);

  /** Qword 1 layout; bits 65:64 reserved. */
  public static final WordLayout QW1 = new WordLayout("invalidation wait qword 1", STADDR);

  /**
   * A wait descriptor.
   *
   * @param interrupt IF
   * @param statusWrite SW
   * @param fence FN
   * @param statusData STDATA
   * @param statusHpa STADDR (dword aligned; ignored without SW)
   */
  public static InvWaitDescriptor of(
      boolean interrupt, boolean statusWrite, boolean fence, int statusData, long statusHpa) {
    if ((statusHpa & ~STADDR.mask()) != 0) {
      throw new IllegalArgumentException(
          String.format("status address 0x%x is not dword aligned", statusHpa));
    }
    long w0 = DescriptorFields.withType(TYPE);
    w0 = IF.set(w0, interrupt);
    w0 = SW.set(w0, statusWrite);
    w0 = FN.set(w0, fence);
    w0 = STDATA.set(w0, statusData & 0xFFFF_FFFFL);
    return new InvWaitDescriptor(w0, statusHpa);
  }

  /** A wait that writes {@code statusData} at {@code statusHpa} (SW = 1), as Linux submits. */
  public static InvWaitDescriptor statusWrite(int statusData, long statusHpa) {
    return of(false, true, false, statusData, statusHpa);
  }

  public boolean interruptFlag() {
    return IF.isSet(qw0);
  }

  public boolean statusWrite() {
    return SW.isSet(qw0);
  }

  public boolean fence() {
    return FN.isSet(qw0);
  }

  public boolean pageRequestDrain() {
    return PD.isSet(qw0);
  }

  public int statusData() {
    return (int) STDATA.get(qw0);
  }

  /** STADDR in place. */
  public long statusHpa() {
    return qw1 & STADDR.mask();
  }

  @Override
  public String name() {
    return "invalidation wait descriptor";
  }

  @Override
  public WordLayout qw0Layout() {
    return QW0;
  }

  @Override
  public WordLayout qw1Layout() {
    return QW1;
  }

  @Override
  public long reservedQw0(UnitConfig config) {
    long r = QW0.reservedMask();
    return config.ecap().has(Ecap.PDS) ? r : r | PD.mask();
  }

  @Override
  public String summary() {
    StringBuilder sb = new StringBuilder("wait");
    if (statusWrite()) {
      sb.append(String.format(", write 0x%x at 0x%x", statusData(), statusHpa()));
    }
    if (interruptFlag()) {
      sb.append(", completion interrupt");
    }
    if (fence()) {
      sb.append(", fence");
    }
    if (pageRequestDrain()) {
      sb.append(", page-request drain");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.format("InvWait[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
