package dev.vtdlab.hw.inval;

import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_HI;
import static dev.vtdlab.hw.inval.DescriptorFields.TYPE_LO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Interrupt entry cache invalidate descriptor, type 4 (VT-d spec 6.5.2.7; digest 9.5, 11: G = 1 is
 * index-selective). Qword 1 is reserved. Interrupt remapping itself is not modelled; the
 * invalidation reaches the {@link InvalidationTarget} and is counted.
 *
 * @param qw0 bits 63:0
 * @param qw1 bits 127:64 (reserved)
 */
public record InterruptEntryCacheInvDescriptor(long qw0, long qw1) implements InvDescriptor {
  /** The type value. */
  public static final int TYPE = 4;

  /** Granularity: 0 global, 1 index-selective. Bit 4. */
  public static final BitField G = BitField.bit("G", 4);

  /** Index mask: 2^IM entries from IIDX. Bits 31:27. */
  public static final BitField IM = new BitField("IM", 31, 27);

  /** Interrupt index. Bits 47:32. */
  public static final BitField IIDX = new BitField("IIDX", 47, 32);

  /** Qword 0 layout; bits 8:5, 26:12, 63:48 reserved. */
  public static final WordLayout QW0 =
      new WordLayout("interrupt entry cache inv qword 0", TYPE_LO, G, TYPE_HI, IM, IIDX);

  /** Qword 1 layout: reserved. */
  public static final WordLayout QW1 = new WordLayout("interrupt entry cache inv qword 1");

  /** Global invalidation. */
  public static InterruptEntryCacheInvDescriptor global() {
    return new InterruptEntryCacheInvDescriptor(DescriptorFields.withType(TYPE), 0);
  }

  /** Index-selective invalidation of 2^im entries from {@code index}. */
  public static InterruptEntryCacheInvDescriptor index(int index, int im) {
    long w = G.set(DescriptorFields.withType(TYPE), true);
    return new InterruptEntryCacheInvDescriptor(IIDX.set(IM.set(w, im), index), 0);
  }

  public boolean indexSelective() {
    return G.isSet(qw0);
  }

  public int im() {
    return (int) IM.get(qw0);
  }

  public int iidx() {
    return (int) IIDX.get(qw0);
  }

  @Override
  public String name() {
    return "interrupt entry cache invalidate descriptor";
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
  public String fieldMeaning(BitField f) {
    return f == G ? (indexSelective() ? "index-selective" : "global") : "";
  }

  @Override
  public String summary() {
    return indexSelective()
        ? String.format("invalidate %d interrupt entries from index 0x%x", 1L << im(), iidx())
        : "invalidate every interrupt entry";
  }

  @Override
  public String toString() {
    return String.format("IecInv[%s] qw0=0x%016x qw1=0x%016x", summary(), qw0, qw1);
  }
}
