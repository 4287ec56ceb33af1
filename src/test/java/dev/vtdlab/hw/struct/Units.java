package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;

/** Variations of the presets for the capability-dependent tests. */
final class Units {
  private Units() {}

  static UnitConfig withEcap(UnitConfig unit, BitField bit, boolean on) {
    return unit.with(unit.cap(), new Ecap(bit.set(unit.ecap().value(), on)));
  }

  static UnitConfig withEcapField(UnitConfig unit, BitField field, long value) {
    return unit.with(unit.cap(), new Ecap(field.set(unit.ecap().value(), value)));
  }

  static UnitConfig withCap(UnitConfig unit, BitField field, long value) {
    return unit.with(new Cap(field.set(unit.cap().value(), value)), unit.ecap());
  }
}
