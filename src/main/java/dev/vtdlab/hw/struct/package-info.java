/**
 * The VT-d remapping structures in memory as typed records of longs (VT-d spec chapter 9; digest
 * sections 2-4): {@link dev.vtdlab.hw.struct.RootEntry}, {@link
 * dev.vtdlab.hw.struct.ScalableRootEntry}, {@link dev.vtdlab.hw.struct.ContextEntry}, {@link
 * dev.vtdlab.hw.struct.ScalableContextEntry}, {@link dev.vtdlab.hw.struct.PasidDirEntry} and {@link
 * dev.vtdlab.hw.struct.PasidEntry}. Room: {@code hw}.
 *
 * <h2>How to use them</h2>
 *
 * <ul>
 *   <li><b>Fields</b>: every field is a {@link dev.vtdlab.bits.BitField} constant named by the spec
 *       (bit positions within its qword; the doc gives the structure-wide bits); one {@link
 *       dev.vtdlab.bits.WordLayout} per qword ({@code LAYOUT_LO}/{@code LAYOUT_HI} or {@code
 *       LAYOUT_W0}...), whose uncovered bits are the reserved bits.
 *   <li><b>Memory</b>: {@code X.read(PhysicalMemory, hpa)} fetches the entry in one access (D2) and
 *       throws {@link dev.vtdlab.mem.MemoryAccessException} when the bytes are unreadable: a
 *       translator asks {@code memory.isReadable(hpa, X.SIZE)} first and faults (D15) instead;
 *       {@code x.write(WritableMemory, hpa)} writes little-endian qwords, lowest address first.
 *       {@code X.address(tableHpa, index)} gives an entry's HPA: root by bus, context by devfn
 *       (legacy 16 B x 256; scalable 32 B x 128 per half, half chosen by {@link
 *       dev.vtdlab.hw.struct.ScalableRootEntry#contextTable(int)}), PASID directory by PASID[19:6],
 *       PASID entry by PASID[5:0]. {@link dev.vtdlab.hw.struct.ScalableContextEntry#pasidLimit}
 *       gives the PDTS limit 2^(PDTS + 7) x 64 (SCT.7; ECAP.PSS is a separate limit, SGN.10, VT-d
 *       spec 5.10 Table 30).
 *   <li><b>Composing</b> (the driver): start from {@code X.ZERO} and chain {@code with...} methods;
 *       pointer setters take 4 KiB-aligned addresses.
 *   <li><b>Checking</b> (the translator), for a present entry, in this order (D19):
 *       <ol>
 *         <li>{@code reservedBits(unit)} ({@code reservedBits(unit, devfn)} for the scalable root
 *             entry, D4) returns {@link dev.vtdlab.hw.struct.ReservedBits}; when {@code any()},
 *             raise its {@code fault()} (LRT.3, SRT.3, LCT.3, SCT.3, SPD.3, SPT.3) with its {@code
 *             message()}.
 *         <li>{@code invalidProgramming(unit)} (legacy context entry: LCT.4; scalable-mode context
 *             entry: SCT.4; PASID entry: SPT.4) returns a {@link
 *             dev.vtdlab.hw.struct.ProgrammingCheck}; an {@code Invalid} carries the {@link
 *             dev.vtdlab.hw.struct.InvalidProgramming} sub-case (with its fault) and a message.
 *       </ol>
 *   <li><b>People</b>: {@code decode(unit)} returns a {@link dev.vtdlab.bits.Decoded} with every
 *       field and a reading, a summary (levels and widths, PASID range, addresses) and the errors a
 *       present entry would fault on; {@code toString()} prints named fields and raw hex.
 * </ul>
 *
 * <h2>Rules implemented (decisions in the project's spec/decisions.md, VT-d spec 5.10 where it
 * differs: docs/spec-deviations.md)</h2>
 *
 * <ul>
 *   <li>D4: a scalable root entry is checked only in the half the devfn selects.
 *   <li>D5: a field that needs a capability is reserved without it, for every PGTT. Context: DTE
 *       (ECAP.DT), PASIDE (PASID), PRE (PRS), RID_PASID (RPS), RID_PRIV (RPRIVS). PASID entry:
 *       SSEE, ERE, SMEP (ERS), SRE (SRS), SSADE (SSADS), PWSNP (SMPWCS), PGSNP (SC), EAFE (EAFS),
 *       CD, EMTE, EMT, PWT, PCD, PAT (MTS). NXE needs nothing.
 *   <li>D6: requests without PASID use RID_PASID (0 without ECAP.RPS) and RID_PRIV (user without
 *       ECAP.RPRIVS). Spec 5.10 instead of D6's single limit: the PASID-directory limit is
 *       2^(PDTS+7) x 64 alone (SCT.7); ECAP.PSS limits PASIDs separately (SGN.10, the translator's
 *       check).
 *   <li>D8: fields the PGTT / TT does not use are ignored, including their bits at or above HAW:
 *       SSPTPTR, AW, SSEE, SSADE for PGTT 001b; FSPTPTR, FSPM, WPE for 010b; the pointers and AW
 *       for 100b; SSPTPTR for legacy TT = 10b. (D5's capability rule still applies to them: D5 says
 *       "applies to every PGTT".)
 *   <li>D9, D19: the invalid-programming sub-cases of {@link
 *       dev.vtdlab.hw.struct.InvalidProgramming}; spec 5.10 Table 30 adds SCT.4 (scalable-mode
 *       context PRE = 1 with DTE = 0; RID_PASID at or above the PDTS limit) and SPT.4.4 (nested
 *       FSPTPTR at or above 2^min(30 + 9 x AW, MGAW)), where D19 and D13 said otherwise.
 *   <li>D18: DID bits at or above 4 + 2 x CAP.ND are reserved.
 *   <li>D23: pointer bits at or above HAW are reserved (CTP, LCTP/UCTP, SSPTPTR, PASIDDIRPTR,
 *       SMPTBLPTR, the PASID-entry pointers the PGTT uses; FSPTPTR also when it is a GPA).
 * </ul>
 *
 * <h2>Glossary (rev 4.x names; rev 3.x names in parentheses)</h2>
 *
 * <dl>
 *   <dt>root entry / scalable-mode root entry
 *   <dd>one per PCI bus in the root table (RTADDR); legacy: P, CTP; scalable: LP/LCTP for devfn
 *       0x00-0x7F, UP/UCTP for devfn 0x80-0xFF.
 *   <dt>CTP, LCTP, UCTP
 *   <dd>context-table pointer (lower / upper half).
 *   <dt>context entry
 *   <dd>one per devfn: legacy (128 bits: TT, SSPTPTR, AW, DID) or scalable-mode (256 bits: PASID
 *       directory and requests-without-PASID settings).
 *   <dt>P, FPD
 *   <dd>present; fault processing disable (qualified faults not recorded, honoured when P = 0).
 *   <dt>TT
 *   <dd>legacy translation type: 00b second stage, 01b also device-TLB (ATS), 10b pass-through.
 *   <dt>SSPTPTR (SLPTPTR), FSPTPTR (FLPTPTR)
 *   <dd>second-stage / first-stage page-table pointer.
 *   <dt>AW, AGAW, SAGAW, MGAW, HAW
 *   <dd>AW selects an adjusted guest address width (AGAW) of 30 + 9 x AW bits and 2 + AW levels;
 *       CAP.SAGAW lists the supported AW values; MGAW is the maximum guest width; HAW the host
 *       address width (from ACPI, not a register).
 *   <dt>DID
 *   <dd>domain identifier tagging cached translations; 4 + 2 x CAP.ND bits wide.
 *   <dt>AVAIL
 *   <dd>legacy context bits for software, ignored by hardware.
 *   <dt>DTE, PASIDE, PRE
 *   <dd>device-TLB enable, PASID enable, page-request enable (scalable context).
 *   <dt>PDTS, PASIDDIRPTR
 *   <dd>PASID directory size (2^(PDTS+7) entries) and pointer.
 *   <dt>RID_PASID, RID_PRIV
 *   <dd>PASID and privilege assumed for requests without PASID.
 *   <dt>PASID directory entry, SMPTBLPTR
 *   <dd>one per 64 PASIDs; points to a PASID table (scalable-mode PASID-table pointer).
 *   <dt>PASID entry, PGTT
 *   <dd>one per PASID (512 bits); PGTT = PASID-granular translation type: 001b first stage, 010b
 *       second stage, 011b nested, 100b pass-through.
 *   <dt>SSEE (SLEE), SSADE (SLADE)
 *   <dd>second-stage execute enable; second-stage accessed/dirty enable.
 *   <dt>PWSNP, PGSNP
 *   <dd>page-walk snoop; page snoop (all accesses snooped).
 *   <dt>CD, EMTE, EMT, PWT, PCD, PAT
 *   <dd>memory-type controls (ECAP.MTS).
 *   <dt>SRE, ERE
 *   <dd>supervisor-request enable; execute-request enable.
 *   <dt>FSPM (FLPM)
 *   <dd>first-stage paging mode: 00b 4-level, 01b 5-level.
 *   <dt>WPE, NXE, SMEP, EAFE
 *   <dd>write-protect enable; no-execute enable; supervisor-mode execute prevention;
 *       extended-accessed-flag enable.
 *   <dt>reserved / ignored
 *   <dd>reserved bits must be zero (a present entry with one set faults .3); ignored bits are not
 *       looked at.
 *   <dt>invalid programming
 *   <dd>an encoding the unit cannot use (.4 faults: LCT.4, SCT.4, SPT.4).
 * </dl>
 */
package dev.vtdlab.hw.struct;
