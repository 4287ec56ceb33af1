/**
 * The remapping hardware, exact to the VT-d specification: registers, root/context/PASID
 * structures, translation in every mode, caches, invalidation and fault recording. Room: above
 * {@code pagetable}; driven only through registers and memory.
 *
 * <h2>The whole unit: {@link dev.vtdlab.hw.RemappingUnit}</h2>
 *
 * <pre>{@code
 * RemappingUnit unit = new RemappingUnit(UnitConfig.server(), memory, CacheConfig.DEFAULT);
 * // software: MMIO at RegisterTable offsets, structures and the invalidation queue in memory
 * unit.write64(RegisterTable.RTADDR_REG, rootTableHpa | ttm << 10);
 * unit.write32(RegisterTable.GCMD_REG, GlobalCommand.SRTP.mask());    // latch (GSTS.RTPS)
 * ... IQA, QIE, descriptors + IQT, TE ...
 * // devices
 * Translation t = unit.translate(DmaRequest.withoutPasid(sid, iova, Access.READ));
 * DmaResult r = unit.dmaWrite(DmaRequest.withoutPasid(sid, iova, Access.WRITE), buf, 0, len);
 * }</pre>
 *
 * <ul>
 *   <li>Constructors: {@code (UnitConfig, WritableMemory)} with {@link
 *       dev.vtdlab.hw.cache.CacheConfig#DEFAULT} caches; {@code (..., CacheConfig)}; {@code (...,
 *       CacheConfig, TranslatorOptions, InterruptSink)}.
 *   <li>MMIO: {@code read32/read64/write32/write64(offset, ...)}; {@code registers()} for fault
 *       records, queue and counters, {@code decode(name)}, {@code dump()}.
 *   <li>Devices: {@code translate(DmaRequest)} records faults (D17: FPD suppresses qualified
 *       faults); {@code translateQuietly} does not. {@code dmaRead/dmaWrite(request, buffer,
 *       offset, length)} translate page by page and return a {@link dev.vtdlab.hw.DmaResult}.
 *   <li>TE = 0 (GSTS.TES clear): not remapped, output = input ({@code
 *       TranslationMode.UNTRANSLATED}); a request without PASID to the interrupt range is still an
 *       {@code Interrupt}. The scenario format never uses TE = 0 (D21).
 *   <li>The translator follows the root-table pointer latched by GCMD.SRTP (checked on every
 *       translation), never the live RTADDR_REG.
 *   <li>Parts: {@code translator()}, {@code caches()} (counters, configuration), {@code config()},
 *       {@code memory()}.
 * </ul>
 *
 * <p>Locking: registers are synchronized on themselves; translations take the read side of a
 * read-write lock and every invalidation the write side (an invalidation completes only after the
 * translations in flight, which therefore cannot refill a stale entry after it); caches lock
 * themselves for concurrent translations; faults are recorded outside the read lock.
 */
package dev.vtdlab.hw;
