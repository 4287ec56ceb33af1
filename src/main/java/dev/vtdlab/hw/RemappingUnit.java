package dev.vtdlab.hw;

import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cache.TranslationCaches;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.InterruptSink;
import dev.vtdlab.hw.regs.RemappingRegisters;
import dev.vtdlab.hw.regs.RootTablePointer;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Interrupt;
import dev.vtdlab.hw.translate.Rtaddr;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.mem.WritableMemory;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One whole remapping unit, driven only through its registers and memory: the register file ({@link
 * RemappingRegisters}), the {@link DmaTranslator} and the translation caches ({@link
 * TranslationCaches}) wired together.
 *
 * <ul>
 *   <li>Software side: {@link #read32}, {@link #read64}, {@link #write32}, {@link #write64} at byte
 *       offsets of the register page ({@code RegisterTable} constants), as a driver would.
 *   <li>Device side: {@link #translate} (one request; a fault is recorded in the fault recording
 *       registers unless FPD suppresses it, D17) and {@link #dmaRead} / {@link #dmaWrite} (a
 *       buffer, page by page, touching memory only at addresses that translated).
 * </ul>
 *
 * <p>Translation follows the registers: GSTS.TES = 0 means DMA is not remapped (digest 7.1): every
 * request, with or without PASID, passes with output = input ({@link Translated#untranslated}),
 * except that a write without PASID to the interrupt range is still an {@link Interrupt} (spec
 * 3.15); nothing is read, cached or recorded (a read there is not checked: not modelled). With TES
 * = 1 the translator uses the root-table pointer latched by the last GCMD.SRTP (RTADDR.TTM
 * included), never the live RTADDR_REG.
 *
 * <p>Thread safety: any number of threads may translate and DMA while one or more threads write
 * registers. Register accesses are serialized on the registers ({@link RemappingRegisters}).
 * Translations hold the read side of a read-write lock; every invalidation reaching the caches
 * holds its write side, so an invalidation waits for the translations in flight and completes
 * before the register write (or the queued descriptor) that asked for it returns; a translation
 * that started before it can never fill a stale entry after it. Each cache also has its own lock
 * for concurrent translations. Faults are recorded after the read lock is released.
 */
public final class RemappingUnit {
  private final UnitConfig config;
  private final WritableMemory memory;
  private final TranslationCaches caches;
  private final DmaTranslator translator;
  private final RemappingRegisters registers;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile RootTablePointer latched;

  /** A unit with {@link CacheConfig#DEFAULT} caches and hardware translator options. */
  public RemappingUnit(UnitConfig config, WritableMemory memory) {
    this(config, memory, CacheConfig.DEFAULT);
  }

  /** A unit with the given caches ({@link CacheConfig#NONE}: none) and hardware options. */
  public RemappingUnit(UnitConfig config, WritableMemory memory, CacheConfig caches) {
    this(config, memory, caches, TranslatorOptions.HARDWARE, message -> {});
  }

  /**
   * @param config what the unit is (CAP, ECAP, HAW)
   * @param memory the memory holding every structure, the invalidation queue and the DMA buffers
   * @param cacheConfig the caches ({@link CacheConfig#NONE}: none)
   * @param options translator options ({@link TranslatorOptions#HARDWARE}: A/D updates, entries
   *     recorded in results; turn recording off for speed)
   * @param sink receives every interrupt message (fault event, invalidation completion) besides the
   *     registers' own log; called with the unit's locks held, must not call back into the unit
   */
  public RemappingUnit(
      UnitConfig config,
      WritableMemory memory,
      CacheConfig cacheConfig,
      TranslatorOptions options,
      InterruptSink sink) {
    if (config == null || memory == null || cacheConfig == null || options == null) {
      throw new IllegalArgumentException("a unit needs a config, memory, caches and options");
    }
    this.config = config;
    this.memory = memory;
    this.caches = new TranslationCaches(config, cacheConfig);
    this.translator = new DmaTranslator(config, memory, options, caches.hooks());
    this.registers =
        new RemappingRegisters(
            config, memory, new ExclusiveInvalidation(caches.invalidationTarget(), lock), sink);
    this.latched = registers.rootTable();
    translator.latchRootTable(rtaddrOf(latched));
  }

  // ---- software side: MMIO

  /** A 32-bit MMIO read at byte {@code offset} of the register page. */
  public int read32(int offset) {
    return registers.read32(offset);
  }

  /** A 64-bit MMIO read at byte {@code offset} of the register page. */
  public long read64(int offset) {
    return registers.read64(offset);
  }

  /** A 32-bit MMIO write at byte {@code offset} of the register page. */
  public void write32(int offset, int value) {
    registers.write32(offset, value);
  }

  /** A 64-bit MMIO write at byte {@code offset} of the register page. */
  public void write64(int offset, long value) {
    registers.write64(offset, value);
  }

  // ---- device side

  /**
   * Translates one request as the unit would (see the class comment for TES = 0) and records a
   * fault in the fault recording registers (FPD and qualification per D17; FSTS, fault event).
   */
  public Translation translate(DmaRequest request) {
    Translation t = translateQuietly(request);
    if (t instanceof Fault f) {
      registers.recordFault(f.record(), f.fpdSet());
    }
    return t;
  }

  /** {@link #translate} without fault recording: for inspection, never for device DMA. */
  public Translation translateQuietly(DmaRequest request) {
    if (!registers.translationEnabled()) {
      if (!request.hasPasid()
          && request.access().isWrite()
          && Interrupt.inRange(request.address())) {
        return new Interrupt(request);
      }
      return Translated.untranslated(request);
    }
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      RootTablePointer now = registers.rootTable();
      if (now != latched) {
        relatch(now);
      }
      return translator.translate(request);
    } finally {
      read.unlock();
    }
  }

  /**
   * Points the translator at a newly latched root table. The translator is updated before {@code
   * latched} is published, under a lock, so a concurrent first translation after GCMD.SRTP never
   * sees the new pointer marked as latched while the translator still walks the old table.
   */
  private synchronized void relatch(RootTablePointer now) {
    if (now != latched) {
      translator.latchRootTable(rtaddrOf(now));
      latched = now;
    }
  }

  /**
   * A device reads {@code length} bytes at the request's address into {@code dst} at {@code
   * offset}: one request per page touched, each page read from memory right after it translates;
   * the first page that does not stops the transfer (see {@link DmaResult}).
   *
   * @param request requester, PASID, privilege, the first input address and the access ({@link
   *     Access#READ} or {@link Access#EXECUTE})
   * @throws IllegalArgumentException for a write access, or a range outside {@code dst}
   */
  public DmaResult dmaRead(DmaRequest request, byte[] dst, int offset, int length) {
    if (request.access().isWrite()) {
      throw new IllegalArgumentException("dmaRead needs a read or execute request: " + request);
    }
    return transfer(request, dst, offset, length);
  }

  /**
   * A device writes {@code length} bytes from {@code src} at {@code offset} to the request's
   * address: one request per page touched, each page written right after it translates; the first
   * page that does not stops the transfer (see {@link DmaResult}).
   *
   * @param request requester, PASID, privilege, the first input address, {@link Access#WRITE}
   * @throws IllegalArgumentException for a read or execute access, or a range outside {@code src}
   */
  public DmaResult dmaWrite(DmaRequest request, byte[] src, int offset, int length) {
    if (!request.access().isWrite()) {
      throw new IllegalArgumentException("dmaWrite needs a write request: " + request);
    }
    return transfer(request, src, offset, length);
  }

  private DmaResult transfer(DmaRequest first, byte[] buffer, int offset, int length) {
    if (length < 1 || offset < 0 || offset > buffer.length - length) {
      throw new IllegalArgumentException(
          "a DMA needs 1 or more bytes inside the buffer: offset "
              + offset
              + ", length "
              + length
              + ", buffer "
              + buffer.length);
    }
    boolean write = first.access().isWrite();
    int done = 0;
    int pages = 0;
    Translation t = null;
    while (done < length) {
      long address = first.address() + done;
      int chunk = (int) Math.min(length - done, 0x1000 - (address & 0xFFF));
      t = translate(done == 0 ? first : at(first, address));
      pages++;
      if (!(t instanceof Translated ok)) {
        DmaResult.DmaStatus why =
            t instanceof Fault ? DmaResult.DmaStatus.FAULT : DmaResult.DmaStatus.NOT_MEMORY;
        return new DmaResult(why, done, pages, t);
      }
      long hpa = ok.hpa();
      if (!backed(hpa, chunk, write)) {
        return new DmaResult(DmaResult.DmaStatus.MEMORY_ERROR, done, pages, t);
      }
      if (write) {
        memory.writeBytes(hpa, buffer, offset + done, chunk);
      } else {
        memory.readBytes(hpa, buffer, offset + done, chunk);
      }
      done += chunk;
    }
    return new DmaResult(DmaResult.DmaStatus.DONE, done, pages, t);
  }

  private boolean backed(long hpa, int length, boolean write) {
    if (!write) {
      return memory.isReadable(hpa, length);
    }
    int width = memory.addressWidth();
    return hpa >= 0 && (width >= 63 || hpa + length <= 1L << width);
  }

  private static DmaRequest at(DmaRequest r, long address) {
    return r.hasPasid()
        ? DmaRequest.withPasid(r.sid(), r.pasid(), address, r.access(), r.privileged())
        : DmaRequest.withoutPasid(r.sid(), address, r.access());
  }

  private static long rtaddrOf(RootTablePointer p) {
    return Rtaddr.TTM.set(p.rootTableHpa(), p.mode().value());
  }

  // ---- parts

  /** The register file (fault records, queue, counters, decode and dump). */
  public RemappingRegisters registers() {
    return registers;
  }

  /** The translator (latched to the root table as of the last translation). */
  public DmaTranslator translator() {
    return translator;
  }

  /** The caches, their counters and configuration. */
  public TranslationCaches caches() {
    return caches;
  }

  /** What the unit is. */
  public UnitConfig config() {
    return config;
  }

  /** The memory. */
  public WritableMemory memory() {
    return memory;
  }

  @Override
  public String toString() {
    return "RemappingUnit[" + config.name() + ", caches: " + caches.config() + "]";
  }
}
