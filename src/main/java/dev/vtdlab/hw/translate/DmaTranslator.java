package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;

/**
 * The DMA-remapping translation of one remapping unit (digest 7): takes a {@link DmaRequest} and
 * returns a {@link Translation} value. Translation is assumed enabled (GSTS.TES = 1); the mode
 * comes from the latched RTADDR ({@link #latchRootTable}).
 *
 * <p>Order (digest 7.1-7.3, VT-d spec 5.10 3.4.4 and 3.15): a write without PASID to the interrupt
 * range is an {@link Interrupt} (D14; a write is taken as a single-DWORD write); then TTM: 00b
 * legacy (a request with PASID faults RTA.2, a read without PASID to the interrupt range LGN.4),
 * 01b scalable (RTA.1 without ECAP.SMTS, then a read without PASID to the interrupt range SGN.8),
 * 10b RTA.1, 11b RTA.4 with ECAP.ADMS (abort-DMA mode: a recorded, non-qualified fault; the
 * format's {@code blocked} result is no longer produced), else RTA.1. See docs/spec-deviations.md
 * rows 10 and 11.
 *
 * <p>Thread-safe: per-thread scratch state; the cache hooks must be thread-safe themselves.
 */
public final class DmaTranslator {
  private final TranslatorCore core;
  private final LegacyTranslator legacy;
  private final ScalableTranslator scalable;
  private final ThreadLocal<Scratch> scratch;
  private volatile long rtaddr;

  /**
   * @param unit the unit (CAP, ECAP, HAW, D11 option)
   * @param memory the memory holding the structures and page tables; a {@link
   *     dev.vtdlab.mem.WritableMemory} when A/D updates are on
   * @param options A/D updates and entry recording
   * @param hooks the cache hooks ({@link CacheHooks#NONE}: no caches)
   */
  public DmaTranslator(
      UnitConfig unit, PhysicalMemory memory, TranslatorOptions options, CacheHooks hooks) {
    this.core = new TranslatorCore(unit, memory, options, hooks);
    this.legacy = new LegacyTranslator(core);
    this.scalable = new ScalableTranslator(core);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(core));
  }

  /** A translator without caches, with the given options, latched to {@code rtaddr}. */
  public static DmaTranslator uncached(
      UnitConfig unit, PhysicalMemory memory, TranslatorOptions options, long rtaddr) {
    DmaTranslator t = new DmaTranslator(unit, memory, options, CacheHooks.NONE);
    t.latchRootTable(rtaddr);
    return t;
  }

  /** Latches RTADDR (root-table address and TTM), as GCMD.SRTP does. */
  public void latchRootTable(long rtaddrValue) {
    this.rtaddr = rtaddrValue;
  }

  /** The latched RTADDR value. */
  public long latchedRtaddr() {
    return rtaddr;
  }

  /** The unit. */
  public UnitConfig unit() {
    return core.unit;
  }

  /** The options. */
  public TranslatorOptions options() {
    return core.options;
  }

  /** Translates one request. Never throws for anything found in memory. */
  public Translation translate(DmaRequest request) {
    boolean interruptRange = !request.hasPasid() && Interrupt.inRange(request.address());
    if (interruptRange && request.access().isWrite()) {
      return new Interrupt(request);
    }
    long latched = rtaddr;
    Scratch s = scratch.get();
    s.begin(request);
    int ttm = Rtaddr.ttm(latched);
    long rootTable = Rtaddr.rootTableHpa(latched);
    switch (ttm) {
      case Rtaddr.TTM_LEGACY:
        if (request.hasPasid()) {
          return FaultBuilder.structure(
              s,
              FaultReason.RTA_2,
              "request with PASID while RTADDR.TTM = 00b (legacy mode has no PASID support)");
        }
        if (interruptRange) {
          return interruptRangeRead(s, FaultReason.LGN_4);
        }
        return legacy.translate(s, rootTable);
      case Rtaddr.TTM_SCALABLE:
        if (!core.unit.ecap().scalableMode()) {
          return FaultBuilder.structure(
              s, FaultReason.RTA_1, "RTADDR.TTM = 01b (scalable) but ECAP.SMTS = 0 (RTA.1.3)");
        }
        if (interruptRange) {
          return interruptRangeRead(s, FaultReason.SGN_8);
        }
        return scalable.translate(s, rootTable);
      case Rtaddr.TTM_RESERVED:
        return FaultBuilder.structure(
            s, FaultReason.RTA_1, "RTADDR.TTM = 10b is a reserved encoding (RTA.1.2)");
      default:
        if (core.unit.ecap().abortDma()) {
          return FaultBuilder.structure(
              s,
              FaultReason.RTA_4,
              "RTADDR.TTM = 11b with ECAP.ADMS = 1: abort-DMA mode aborts every request (spec 5.10"
                  + " 3.4.4, Table 30 RTA.4)");
        }
        return FaultBuilder.structure(
            s, FaultReason.RTA_1, "RTADDR.TTM = 11b (abort-DMA) but ECAP.ADMS = 0 (RTA.1.1)");
    }
  }

  /**
   * A read (or execute) without PASID to the interrupt range: an illegal request, "blocked and
   * reported as DMA Remapping faults" (spec 5.10 3.15); nothing is read. The spec names no code:
   * vtdlab uses the mode's interrupt-range code (docs/spec-deviations.md row 11).
   */
  private static Fault interruptRangeRead(Scratch s, FaultReason reason) {
    return FaultBuilder.structure(
        s,
        reason,
        s.request.access().label()
            + " without PASID to "
            + Explain.hex(s.request.address())
            + " in the interrupt range 0xfee00000-0xfeefffff: only writes are interrupt requests"
            + " (spec 5.10 3.15)");
  }
}
