/**
 * Fault reasons, fault records and primary fault logging (VT-d spec 7; digest 1.6, 1.7, 8).
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.fault.FaultReason}: every FR code, its spec name and whether it is
 *       qualified (D17).
 *   <li>{@link dev.vtdlab.hw.fault.FaultRecord}: the 128-bit FRCD_REG contents as two words with
 *       typed accessors, {@code forRequest(...)} for the translator (D22) and {@code decode()} for
 *       {@code vtdlab decode frcd LO HI}.
 *   <li>{@link dev.vtdlab.hw.fault.FaultRecorder}: the NFR + 1 recording registers, FSTS_REG and
 *       the fault event. Entry point for the translator: {@code record(FaultRecord,
 *       suppressedByFpd)}; the hardware does the rest (FPD, PFO, ring, FRI, interrupt).
 *   <li>{@link dev.vtdlab.hw.fault.EventInterrupt}: the IM/IP protocol shared by the fault event
 *       and the invalidation completion event; messages go to an {@link
 *       dev.vtdlab.hw.fault.InterruptSink} ({@link dev.vtdlab.hw.fault.InterruptLog} records them).
 * </ul>
 *
 * <p>Fault recording is outside the conformance-scenario format (D21, which only carries the record
 * contents, {@code frcd}); its register behaviour is covered by unit tests.
 *
 * <p>Glossary: FRI = fault record index; PFO = primary fault overflow; PPF = primary pending fault;
 * FPD = fault processing disable (context / PASID-directory / PASID entry bit); qualified fault = a
 * fault FPD may suppress.
 */
package dev.vtdlab.hw.fault;
