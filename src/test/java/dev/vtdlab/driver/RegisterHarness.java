package dev.vtdlab.driver;

import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.Invalidation;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.inval.RecordingInvalidationTarget;
import dev.vtdlab.hw.regs.RemappingRegisters;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import java.util.List;

/**
 * A unit's registers on their own memory, with a recording cache target and the driver on top: for
 * tests of what the driver writes (registers, tables, descriptors) without a translator.
 */
public final class RegisterHarness {
  /** Where the driver's frames start. */
  public static final long FRAMES_HPA = 0x100_0000L;

  public final UnitConfig unit;
  public final SparseMemory memory;
  public final FrameAllocator frames;
  public final RecordingInvalidationTarget caches = new RecordingInvalidationTarget();
  public final RemappingRegisters regs;
  public final IntelIommuDriver driver;

  public RegisterHarness(UnitConfig unit, DriverOptions options) {
    this.unit = unit;
    this.memory = new SparseMemory(unit.haw());
    this.frames = new FrameAllocator(memory, FRAMES_HPA, 4096);
    this.regs = new RemappingRegisters(unit, memory, caches);
    this.driver = IntelIommuDriver.bringUp(Mmio.of(regs), frames, unit.haw(), options);
  }

  public RegisterHarness(UnitConfig unit) {
    this(unit, DriverOptions.defaults());
  }

  /** The invalidations the caches received since the last {@link #clear()}. */
  public List<Invalidation> calls() {
    return caches.calls();
  }

  /** The kinds of {@link #calls()}, in order. */
  public List<InvalidationKind> kinds() {
    return calls().stream().map(Invalidation::kind).toList();
  }

  public void clear() {
    caches.clear();
  }

  /** {@code unit} with CAP / ECAP bits changed. */
  public static UnitConfig withCap(UnitConfig unit, long capSet, long capClear) {
    long cap = (unit.cap().value() | capSet) & ~capClear;
    return unit.with(new Cap(cap), unit.ecap());
  }

  /** {@code unit} with ECAP bits changed. */
  public static UnitConfig withEcap(UnitConfig unit, long ecapSet, long ecapClear) {
    long ecap = (unit.ecap().value() | ecapSet) & ~ecapClear;
    return unit.with(unit.cap(), new Ecap(ecap));
  }
}
