package dev.vtdlab.driver.device;

import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.regs.RemappingRegisters;
import dev.vtdlab.hw.regs.RootTablePointer;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.CacheHooks;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Rtaddr;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.mem.WritableMemory;
import java.util.concurrent.atomic.LongAdder;

/**
 * A remapping unit assembled from the hardware model's parts: {@link RemappingRegisters} (MMIO,
 * GCMD, fault recording, invalidation) and a {@link DmaTranslator} reading the root table the
 * registers latched, with the caches given (none by default). It is the DMA entry point devices use
 * ({@link DmaPort}): with GSTS.TES = 0 addresses pass untranslated; otherwise each 4 KiB piece is
 * translated, a fault is recorded through the registers' primary fault logging and aborts the
 * transfer. A stand-in until the hardware model's own facade (joining registers, translator and
 * caches) is available; the driver sees only {@link #mmio()}. Thread-safe.
 */
public final class ModelUnit implements DmaPort {
  private static final int PAGE = 4096;

  private final UnitConfig config;
  private final WritableMemory memory;
  private final RemappingRegisters registers;
  private final DmaTranslator translator;
  private final LongAdder transfers = new LongAdder();
  private final LongAdder faults = new LongAdder();
  private volatile RootTablePointer latched;

  /** A unit without caches. */
  public ModelUnit(UnitConfig config, WritableMemory memory) {
    this(config, memory, InvalidationTarget.none(), CacheHooks.NONE);
  }

  /**
   * @param config the unit
   * @param memory the memory holding tables, queue and DMA buffers
   * @param caches where invalidations go (the caches' side)
   * @param hooks the caches' translator hooks
   */
  public ModelUnit(
      UnitConfig config, WritableMemory memory, InvalidationTarget caches, CacheHooks hooks) {
    this.config = config;
    this.memory = memory;
    this.registers = new RemappingRegisters(config, memory, caches);
    this.translator = new DmaTranslator(config, memory, TranslatorOptions.HARDWARE, hooks);
  }

  public UnitConfig config() {
    return config;
  }

  public WritableMemory memory() {
    return memory;
  }

  /** The register model (hardware side: counters, fault recorder, queue). */
  public RemappingRegisters registers() {
    return registers;
  }

  /** The driver's view: MMIO accesses to the register page. */
  public Mmio mmio() {
    return Mmio.of(registers);
  }

  /** DMA transfers issued. */
  public long transfers() {
    return transfers.sum();
  }

  /** Pieces that faulted. */
  public long faults() {
    return faults.sum();
  }

  @Override
  public Translation translate(DmaRequest request) {
    latch();
    return translator.translate(request);
  }

  private void latch() {
    RootTablePointer p = registers.rootTable();
    if (p != latched) {
      latched = p;
      translator.latchRootTable(Rtaddr.of(p.rootTableHpa(), p.mode().value()));
    }
  }

  @Override
  public DmaResult read(Requester who, long address, byte[] dst, int offset, int length) {
    return transfer(who, address, dst, offset, length, false);
  }

  @Override
  public DmaResult write(Requester who, long address, byte[] src, int offset, int length) {
    return transfer(who, address, src, offset, length, true);
  }

  private DmaResult transfer(
      Requester who, long address, byte[] buf, int offset, int length, boolean write) {
    transfers.increment();
    boolean enabled = registers.translationEnabled();
    int done = 0;
    while (done < length) {
      long a = address + done;
      int chunk = (int) Math.min(length - done, PAGE - (a & (PAGE - 1)));
      long hpa = a;
      if (enabled) {
        Translation t = translate(who.request(a, write ? Access.WRITE : Access.READ));
        if (t instanceof Fault f) {
          faults.increment();
          registers.recordFault(f.record(), f.fpdSet());
          return new DmaResult.Faulted(done, a, f);
        }
        if (!(t instanceof Translated ok)) {
          return new DmaResult.Refused(done, a, t.toString());
        }
        hpa = ok.hpa();
      }
      if (write) {
        memory.writeBytes(hpa, buf, offset + done, chunk);
      } else {
        memory.readBytes(hpa, buf, offset + done, chunk);
      }
      done += chunk;
    }
    return new DmaResult.Completed(done);
  }

  @Override
  public String toString() {
    return "ModelUnit[" + config.name() + "]";
  }
}
