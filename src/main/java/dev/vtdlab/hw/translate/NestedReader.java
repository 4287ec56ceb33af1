package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.EntryReader;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.WalkStatus;
import dev.vtdlab.pagetable.Walker;

/**
 * The first-stage entry reader of a nested translation (D13): each first-stage entry's GPA (table
 * pointer + 8 x index) goes through a full second-stage walk before the entry is read at the HPA it
 * yields. A failure keeps its own fault (SFS.5, SSS.1-4, SFS.6/SFS.7, SFS.4/SFS.1) for the
 * translator; the walker only sees the fetch fail. Following VT-d spec 5.10 Table 30 (the SFS.1
 * note and SSS.2; docs/spec-deviations.md rows 8 and 9) rather than D13: a non-present second-stage
 * entry (R = W = 0) on the table path faults SSS.2 at its second-stage level, and a complete table
 * walk whose ANDed R and W are both 0 faults SSS.2 without a level; SFS.6 (first-stage root table)
 * / SFS.7 remain for a table page the second stage maps write-only.
 *
 * <p>Per first-stage level it remembers what the A/D updates need (D20): the HPA of the entry, the
 * second-stage rights on its page, and the second-stage entries used to reach it.
 */
final class NestedReader implements EntryReader {
  private static final int SLOTS = 6;

  private final PhysicalMemory memory;
  private final Trail trail;
  private final CountingReader secondStageReader;
  private final WalkPath tablePath;
  private final PagingStructureCacheHook psc;
  private int did;

  private Walker secondStageWalker;
  private long secondStageRoot;
  private int widthBits;
  private int firstStageTop;
  private long entry;

  /** HPA of the first-stage entry read at each level. */
  final long[] entryHpa = new long[SLOTS];

  /** Second-stage rights of the page holding the first-stage entry, per first-stage level. */
  final int[] tableRights = new int[SLOTS];

  /** Second-stage entries used for each first-stage level: [fs level][ss level] -> HPA / value. */
  final long[][] ssEntryHpa = new long[SLOTS][SLOTS];

  final long[][] ssEntryValue = new long[SLOTS][SLOTS];

  /** The second-stage leaf level reached for each first-stage level. */
  final int[] ssLeafLevel = new int[SLOTS];

  /** The first second-stage level read for each first-stage level (below the top after a hit). */
  final int[] ssStartLevel = new int[SLOTS];

  /** The top second-stage level (the same for every table walk). */
  int ssTopLevel;

  // The failure, when fetch answered false.
  FaultReason failure;
  int failureLevel;
  FaultStage failureStage;
  String failureText;

  NestedReader(
      PhysicalMemory memory,
      Trail trail,
      CountingReader secondStageReader,
      WalkPath tablePath,
      PagingStructureCacheHook psc) {
    this.memory = memory;
    this.trail = trail;
    this.secondStageReader = secondStageReader;
    this.tablePath = tablePath;
    this.psc = psc;
  }

  /**
   * Prepares a nested walk.
   *
   * @param ssWalker the second-stage walker (PASID-entry AW, SSEE)
   * @param ssRoot SSPTPTR
   * @param gpaWidthBits min(second-stage AGAW width, MGAW): GPAs at or above 2^width fault SFS.5
   * @param fsTop the first-stage top level (4 or 5)
   * @param domain the DID (second-stage paging-structure cache tag)
   */
  void start(Walker ssWalker, long ssRoot, int gpaWidthBits, int fsTop, int domain) {
    this.did = domain;
    this.secondStageWalker = ssWalker;
    this.secondStageRoot = ssRoot;
    this.widthBits = gpaWidthBits;
    this.firstStageTop = fsTop;
    this.ssTopLevel = ssWalker.format().levels();
    this.failure = null;
  }

  @Override
  public boolean fetch(long tableGpa, int index, int level) {
    long gpa = tableGpa + (long) index * PageTableFormat.ENTRY_BYTES;
    boolean top = level == firstStageTop;
    if ((gpa >>> widthBits) != 0) {
      return fail(
          FaultReason.SFS_5,
          level,
          FaultStage.FIRST,
          "the first-stage level-"
              + level
              + " entry's GPA "
              + Explain.hex(gpa)
              + " is at or above 2^"
              + widthBits
              + " (min of the second-stage AGAW width and MGAW, D13)");
    }
    PageTableFormat ss = secondStageWalker.format();
    CachedTableEntry from = psc.lookupSecondStage(did, gpa, ss.levels());
    WalkPath p =
        from == null
            ? secondStageWalker.walk(secondStageRoot, gpa, secondStageReader, tablePath)
            : secondStageWalker.walkFrom(
                from.nextTable(),
                from.level() - 1,
                from.rights(),
                gpa,
                secondStageReader,
                tablePath);
    psc.fillSecondStage(did, gpa, ss, p, from);
    if (p.status() != WalkStatus.LEAF) {
      return failTableWalk(p, ss, level, gpa);
    }
    if ((p.rights() & (Rights.READ | Rights.WRITE)) == 0) {
      return fail(
          FaultReason.SSS_2,
          0,
          FaultStage.SECOND,
          "the second stage grants neither read nor write on the first-stage level-"
              + level
              + " table page (GPA "
              + Explain.hex(gpa)
              + "); "
              + Explain.rights("second-stage", p.rights())
              + " (spec 5.10 SSS.2)");
    }
    if (!Rights.allows(p.rights(), Rights.READ)) {
      return fail(
          top ? FaultReason.SFS_6 : FaultReason.SFS_7,
          level,
          FaultStage.FIRST,
          "the second stage maps the first-stage level-"
              + level
              + " table page (GPA "
              + Explain.hex(gpa)
              + ") without read permission; "
              + Explain.rights("second-stage", p.rights()));
    }
    int leaf = p.level();
    ssLeafLevel[level] = leaf;
    ssStartLevel[level] = p.startLevel();
    for (int l = p.startLevel(); l >= leaf; l--) {
      ssEntryHpa[level][l] = p.entryAddress(l);
      ssEntryValue[level][l] = p.entry(l);
    }
    long hpa = p.outputAddress();
    entryHpa[level] = hpa;
    tableRights[level] = p.rights();
    if (!memory.isReadable(hpa, PageTableFormat.ENTRY_BYTES)) {
      trail.add(EntryKind.FIRST_STAGE, level, hpa, 0, false);
      return fail(
          top ? FaultReason.SFS_4 : FaultReason.SFS_1,
          level,
          FaultStage.FIRST,
          Explain.readError(
              "first-stage level-" + level + " entry (GPA " + Explain.hex(gpa) + ")",
              hpa,
              PageTableFormat.ENTRY_BYTES));
    }
    entry = memory.read64(hpa);
    trail.add(EntryKind.FIRST_STAGE, level, hpa, entry, true);
    return true;
  }

  private boolean failTableWalk(WalkPath p, PageTableFormat ss, int level, long gpa) {
    String context =
        " (second-stage walk of the first-stage level-"
            + level
            + " entry's GPA "
            + Explain.hex(gpa);
    return switch (p.status()) {
      case FETCH_FAILED ->
          fail(
              p.level() == p.topLevel() ? FaultReason.SSS_4 : FaultReason.SSS_1,
              p.level(),
              FaultStage.SECOND,
              Explain.walkStop("second-stage", ss, p) + context + ")");
      case NOT_PRESENT ->
          fail(
              FaultReason.SSS_2,
              p.level(),
              FaultStage.SECOND,
              Explain.walkStop("second-stage", ss, p) + context + ", spec 5.10 SFS.1 note)");
      case RESERVED ->
          fail(
              FaultReason.SSS_3,
              p.level(),
              FaultStage.SECOND,
              Explain.walkStop("second-stage", ss, p) + context + ")");
      default ->
          fail(
              FaultReason.SFS_5,
              level,
              FaultStage.FIRST,
              "GPA " + Explain.hex(gpa) + " is not a valid second-stage input" + context + ")");
    };
  }

  private boolean fail(FaultReason reason, int level, FaultStage stage, String text) {
    failure = reason;
    failureLevel = level;
    failureStage = stage;
    failureText = text;
    return false;
  }

  @Override
  public long entry() {
    return entry;
  }
}
