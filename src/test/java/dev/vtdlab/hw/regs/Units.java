package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;

/** Unit configurations for register tests. */
final class Units {
  private Units() {}

  /** The server preset plus every optional register: AFL, RWBF, PLMR, PHMR, ESRTPS, ESIRTPS. */
  static UnitConfig everything() {
    UnitConfig s = UnitConfig.server();
    long cap = set(s.cap().value(), Cap.AFL, Cap.RWBF, Cap.PLMR, Cap.PHMR, Cap.ESRTPS, Cap.ESIRTPS);
    return s.with(new Cap(cap), new Ecap(set(s.ecap().value(), Ecap.DIT)));
  }

  /** The legacy preset without queued invalidation. */
  static UnitConfig withoutQueuedInvalidation() {
    UnitConfig l = UnitConfig.legacy();
    return l.with(l.cap(), new Ecap(Ecap.QI.set(l.ecap().value(), false)));
  }

  static UnitConfig withCap(UnitConfig c, BitField field, long value) {
    return c.with(new Cap(field.set(c.cap().value(), value)), c.ecap());
  }

  private static long set(long word, BitField... bits) {
    for (BitField b : bits) {
      word = b.set(word, true);
    }
    return word;
  }
}
