/**
 * Translation of untranslated DMA requests by one remapping unit (VT-d spec chapter 3 and 7; digest
 * sections 5-8; decisions D1-D24, except where VT-d spec rev 5.10 says otherwise: there the spec
 * rules, as listed in docs/spec-deviations.md and noted below with "spec 5.10"). Room: {@code hw}.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * DmaTranslator t = new DmaTranslator(unit, memory, TranslatorOptions.HARDWARE, CacheHooks.NONE);
 * t.latchRootTable(Rtaddr.of(rootTableHpa, Rtaddr.TTM_SCALABLE));        // GCMD.SRTP
 * Translation r = t.translate(DmaRequest.withPasid(sid, 5, gva, Access.WRITE, false));
 * switch (r) {
 *   case Translated ok -> ok.hpa();          // offset included; pageSize(), perm(), did(), reads()
 *   case Fault f -> f.recordInto(recorder);  // FaultRecorder: FPD (D17), FRCD words (D22)
 *   case Interrupt i -> ...;                 // a write without PASID to 0xFEEx_xxxx, nothing read
 * }
 * }</pre>
 *
 * <h2>Modes</h2>
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.translate.DmaTranslator}: a write without PASID to the interrupt range
 *       is an interrupt (D14; spec 5.10 3.15: only writes); then RTADDR.TTM (RTA.1, RTA.2;
 *       abort-DMA mode faults RTA.4, spec 5.10 3.4.4 and Table 30, where the decisions had a {@code
 *       blocked} result without record); a read without PASID to the interrupt range faults LGN.4 /
 *       SGN.8 after the TTM checks (spec 5.10 3.15; the code is vtdlab's choice).
 *   <li>{@code LegacyTranslator}: root and context entry, TT = 10b pass-through (D9) or the
 *       second-stage walk ({@code SecondStageWalk}, codes {@code SecondStageCodes.LEGACY}).
 *   <li>{@code ScalableTranslator}: root half (D4), scalable-mode context entry and its invalid
 *       programming (SCT.4: PRE without DTE, RID_PASID beyond the PDTS limit; spec 5.10), PASID /
 *       RID_PASID (D6), for requests with PASID SCT.6, SGN.10 (ECAP.PSS), SCT.7 (PDTS only), SCT.9
 *       (PASID = RID_PASID) (spec 5.10), PASID directory and PASID entry (SPT.4 includes a nested
 *       FSPTPTR beyond 2^min(AW width, MGAW), spec 5.10 SPT.4.4), ERE (SPT.5, requests with PASID)
 *       then SRE (SPT.6, every supervisor request, RID_PRIV included: spec 5.10; D7 order); then
 *       {@code PgttDispatch}: {@code FirstStageWalk}, {@code SecondStageWalk} (too wide: SGN.5,
 *       spec 5.10), {@code NestedWalk} (with {@code NestedReader}, D13; second-stage faults on
 *       table paths are SSS.*, spec 5.10) or pass-through (SGN.4 above HAW, D9).
 *   <li>{@code Completion}: rights (D12, {@code RightsCheck}; in scalable mode a second-stage walk
 *       granting neither R nor W faults SSS.2 first, spec 5.10), output in the interrupt range
 *       (D14), accessed/dirty updates ({@code AccessedDirty}, D20), IOTLB fill, result.
 * </ul>
 *
 * Every walk uses the one {@link dev.vtdlab.pagetable.Walker} with this package's {@link
 * dev.vtdlab.pagetable.EntryReader}s: {@code CountingReader} (counts and records each fetch, D2;
 * fails on unreadable memory, D15) and {@code NestedReader} (translates each first-stage entry's
 * GPA through a full second-stage walk). Walkers are built once per format config ({@code
 * Walkers}); walk paths and readers are per-thread scratch ({@code Scratch}), so a walk allocates
 * nothing but its result.
 *
 * <h2>Results</h2>
 *
 * {@link dev.vtdlab.hw.translate.Translated}: hpa (offset included), page size (nested: the smaller
 * leaf), perm for this requester ("rw-"; x only with PASID and ERE), DID, PASID used, mode, reads
 * (structure / walk, D2) and the entries read. {@link dev.vtdlab.hw.translate.Fault}: reason, level
 * (walk faults; nested SFS.5-7: the first-stage level), stage, FPD / recorded (D17, with the
 * qualification of spec 5.10 Table 30), the FRCD words (D22; FI keeps address bits (N-1):12, N = 30
 * + 9 x the largest CAP.SAGAW AW, spec 5.10 11.4.7.6), reads up to and including the faulting one,
 * and an explanation naming the entry, its address, raw value and the bits at fault. There is no
 * "blocked" result: abort-DMA mode is the fault RTA.4.
 *
 * <h2>Level and stage of faults</h2>
 *
 * Walk faults (read error, not present, reserved) carry the level of the entry; nested SFS.5/6/7 of
 * a table carry the first-stage level whose entry could not be reached (SFS.5 of the final GPA has
 * none); SSS faults met while translating a first-stage table carry the second-stage level (SSS.2
 * for a non-present entry included, spec 5.10). Rights faults, the SSS.2 of a walk granting neither
 * R nor W, structure faults, width checks and LGN.4 / SGN.8 have no level. Stage: first for SFS.*
 * and first-stage rights; second for LCT.4 from the walk's top read, LSL.*, SSS.*, LGN.2/3 and
 * second-stage rights; none otherwise (structure faults, SGN.1, width checks LGN.1 / SGN.4 / SGN.5,
 * SGN.10, output range), as the conformance vectors record them.
 *
 * <h2>Cache hooks (for {@code dev.vtdlab.hw.cache})</h2>
 *
 * {@link dev.vtdlab.hw.translate.CacheHooks} bundles three small interfaces, each with a {@code
 * NONE} default that caches nothing:
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.translate.ContextCacheHook}: {@code lookupLegacy(sid)} / {@code
 *       lookupScalable(sid)} before the root and context reads; {@code fill...} after a present,
 *       valid entry was read (LCT.4 / SCT.4 checked). A hit skips 2 structure reads; its FPD still
 *       applies.
 *   <li>{@link dev.vtdlab.hw.translate.PasidCacheHook}: {@code lookup(sid, pasid)} with the PASID
 *       used (RID_PASID without PASID), after the SCT.6, SGN.10, SCT.7 and SCT.9 checks; the {@link
 *       dev.vtdlab.hw.translate.CachedPasidEntry} keeps the directory entry's FPD.
 *   <li>{@link dev.vtdlab.hw.translate.IotlbHook}: {@code lookupLegacy(did, iova)} / {@code
 *       lookup(did, pasid, address)} once the DID is known, before the walk (not for pass-through);
 *       {@code fill...} after a successful walk and its A/D updates with a {@link
 *       dev.vtdlab.hw.translate.CachedTranslation} (page, size, per-stage rights, mode, dirty). On
 *       a hit the request's rights and the output range are still checked; a write hitting an entry
 *       whose D bit may be clear is handled as a miss.
 * </ul>
 *
 * Paging-structure caches have no hook yet: the natural point is the {@link
 * dev.vtdlab.pagetable.EntryReader} (a caching reader keyed by DID and entry address) or a walk
 * that starts below the top level; a cache helper adding them should extend {@code CacheHooks}.
 *
 * <h2>Accessed / dirty (D20)</h2>
 *
 * With {@link dev.vtdlab.hw.translate.TranslatorOptions#accessedDirtyUpdates()} on, after every
 * check passed: first stage A (EA with EAFE) in every entry and D in the leaf on writes; second
 * stage the same only with SSADE; atomic compare-and-set ORs; non-snooped walk (PWSNP = 0) faults
 * SFS.9 / SSS.5 when an update is needed; nested first-stage updates need second-stage W on the
 * table page (SFS.8). Off: nothing is written (the vectors runner).
 *
 * <h2>Conformance scenarios</h2>
 *
 * {@code dev.vtdlab.hw.translate.vectors} loads and runs {@code vtd-scenario/1} files
 * (vectors-format.md).
 */
package dev.vtdlab.hw.translate;
