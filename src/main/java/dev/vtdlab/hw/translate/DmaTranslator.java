package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;

/**
 * The DMA-remapping translation of one remapping unit (digest 7): takes a {@link DmaRequest} and
 * returns a {@link Translation} value. Translation is assumed enabled (GSTS.TES = 1); the mode
 * comes from the latched RTADDR ({@link #latchRootTable}).
 *
 * <p>Order (digest 7.1-7.3): a request without PASID to the interrupt range is an {@link Interrupt}
 * (D14); then TTM: 00b legacy (a request with PASID faults RTA.2), 01b scalable (RTA.1 without
 * ECAP.SMTS), 10b RTA.1, 11b {@link Blocked} with ECAP.ADMS, else RTA.1.
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
    if (!request.hasPasid() && Interrupt.inRange(request.address())) {
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
        return legacy.translate(s, rootTable);
      case Rtaddr.TTM_SCALABLE:
        if (!core.unit.ecap().scalableMode()) {
          return FaultBuilder.structure(
              s, FaultReason.RTA_1, "RTADDR.TTM = 01b (scalable) but ECAP.SMTS = 0 (RTA.1.3)");
        }
        return scalable.translate(s, rootTable);
      case Rtaddr.TTM_RESERVED:
        return FaultBuilder.structure(
            s, FaultReason.RTA_1, "RTADDR.TTM = 10b is a reserved encoding (RTA.1.2)");
      default:
        if (core.unit.ecap().abortDma()) {
          return new Blocked(request);
        }
        return FaultBuilder.structure(
            s, FaultReason.RTA_1, "RTADDR.TTM = 11b (abort-DMA) but ECAP.ADMS = 0 (RTA.1.1)");
    }
  }
}
