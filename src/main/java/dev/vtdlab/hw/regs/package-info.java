/**
 * The register file of a remapping unit (VT-d spec 10.4 / 11.4; digest 1) and the facade that joins
 * it with fault recording and invalidation.
 *
 * <h2>API</h2>
 *
 * <pre>{@code
 * RemappingRegisters regs = new RemappingRegisters(UnitConfig.server(), memory, caches);
 * regs.write64(RegisterTable.RTADDR_REG, rootTableHpa | ttm << 10);   // software side: MMIO
 * regs.write32(RegisterTable.GCMD_REG, GlobalCommand.SRTP.mask());     // latch it
 * int gsts = regs.read32(RegisterTable.GSTS_REG);                      // RTPS = 1
 *
 * boolean on = regs.translationEnabled();                              // hardware side
 * RootTablePointer root = regs.rootTable();                            // RTA + TTM latched
 * RecordOutcome o = regs.recordFault(FaultRecord.forRequest(...), fpd); // primary fault logging
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.regs.RemappingRegisters}: the facade (constructed from {@code
 *       UnitConfig}, {@code WritableMemory} and {@code InvalidationTarget}); read32/read64/
 *       write32/write64 at byte offsets; translator state; components and counters ({@code
 *       faults()}, {@code queue()}, {@code invalidations()}, {@code interrupts()}, {@code
 *       writeBufferFlushes()}, {@code ignoredCommands()}); {@code decode(name)} and {@code dump()}.
 *   <li>{@link dev.vtdlab.hw.regs.RegisterTable}: register behaviour as data: every register's
 *       offset, width and per-bit access ({@link dev.vtdlab.hw.regs.RegisterDef}, derived from the
 *       {@code BitField}s of the field holders {@link dev.vtdlab.hw.regs.GlobalCommand}, {@link
 *       dev.vtdlab.hw.regs.RootTableAddress}, {@link dev.vtdlab.hw.regs.MiscRegisters} and those of
 *       {@code hw.fault} / {@code hw.inval}). Capability-gated fields are reserved on units without
 *       the capability; registers of absent features are not in the table.
 *   <li>Side effects are handlers keyed by register, wired in the facade: GCMD (protocol in {@code
 *       GlobalCommandProtocol}), CCMD and IOTLB (commands), FSTS (clearing IQE/ITE resumes the
 *       queue), IQT (processing), PMEN (PRS follows EPM).
 * </ul>
 *
 * <h2>Choices</h2>
 *
 * <ul>
 *   <li>GCMD_REG reads as 0; one command per write (the highest-numbered asked for, the rest
 *       ignored and counted); commands complete before the write returns (WBFS is never seen 1).
 *   <li>RTADDR.TTM is latched as written; an unsupported mode is the translator's RTA.1.
 *   <li>VER_REG is 1.0 without ECAP.SMTS and 3.0 with it.
 *   <li>Not modelled, plain storage: PMEN/PLMBASE/PLMLIMIT/PHMBASE/PHMLIMIT (protected memory is
 *       not enforced), AFLOG (advanced fault logging), IRTA (interrupt remapping), PQH/PQT/PQA/PRS
 *       and PE* (page requests). Absent: MTRRs, performance monitoring, enhanced and virtual
 *       commands.
 * </ul>
 */
package dev.vtdlab.hw.regs;
