package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.Walker;

/**
 * Per-thread working state of one translator: reusable walk paths and readers (no allocation on the
 * walk itself) and the state of the request in progress. Never shared between threads.
 */
final class Scratch {
  final Trail trail;

  /** N of the fault records' FI field (bits 63:N are 0; spec 5.10 11.4.7.6). */
  final int fiWidth;

  /** Single-stage walks and the first-stage walk of a nested translation. */
  final WalkPath path = new WalkPath();

  /** Nested: the second-stage walk of the final GPA. */
  final WalkPath finalPath = new WalkPath();

  /** Nested: the second-stage walk of each first-stage entry's GPA. */
  final WalkPath tablePath = new WalkPath();

  final CacheHooks hooks;
  final CountingReader firstStageReader;
  final CountingReader secondStageReader;
  final NestedReader nestedReader;

  // The request in progress.
  DmaRequest request;

  /** An applicable FPD bit is 1 (D17): context, PASID-directory or PASID entry read. */
  boolean fpd;

  /** Supervisor request: the PASID prefix's bit, or RID_PRIV without PASID (D3, D6). */
  boolean supervisor;

  /** Scalable mode: a PASID entry was selected; {@link #pasid} is its PASID. */
  boolean pasidUsed;

  int pasid;
  int did;

  // PASID-entry controls used after the walk (scalable mode; defaults for legacy).
  boolean wpe;
  boolean smep;

  /** Execute permission may be granted: request with PASID and ERE = 1 (D1, vectors-format). */
  boolean executeAllowed;

  /** Page-walk snoop (PWSNP): needed for A/D updates (D20). */
  boolean snoopedWalk;

  /** Second-stage A/D enable (SSADE). */
  boolean ssade;

  Walker firstStageWalker;
  Walker secondStageWalker;

  /** The paging-structure cache entry the first-stage walk started from, or null. */
  CachedTableEntry firstStageFrom;

  // The walk's outcome.
  long outHpa;
  PageSize outSize;
  int fsRights;
  int ssRights;

  Scratch(TranslatorCore core) {
    this.trail = new Trail(core.options.recordEntries());
    this.fiWidth = FaultRecord.faultInfoWidth(core.unit.cap());
    this.hooks = core.hooks;
    this.firstStageReader = new CountingReader(core.memory, trail, EntryKind.FIRST_STAGE);
    this.secondStageReader = new CountingReader(core.memory, trail, EntryKind.SECOND_STAGE);
    this.nestedReader =
        new NestedReader(
            core.memory, trail, secondStageReader, tablePath, core.hooks.pagingStructure());
  }

  void begin(DmaRequest r) {
    trail.reset();
    request = r;
    fpd = false;
    supervisor = false;
    pasidUsed = false;
    pasid = 0;
    did = 0;
    wpe = false;
    smep = false;
    executeAllowed = false;
    snoopedWalk = false;
    ssade = false;
    firstStageWalker = null;
    secondStageWalker = null;
    firstStageFrom = null;
    outHpa = 0;
    outSize = null;
    fsRights = Rights.ALL;
    ssRights = Rights.ALL;
  }
}
