package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.Walker;

/**
 * A first-stage-only translation (PGTT = 001b): canonical check (SGN.1, D16), then the walk from
 * FSPTPTR with FSPM levels (digest 5; SFS.4 for the top entry's read error, SFS.1 below, SFS.2 not
 * present, SFS.3 reserved). Rights are checked by {@link Completion}.
 */
final class FirstStageWalk {
  private FirstStageWalk() {}

  /** Walks the request's address into {@code s.path}; on success fills {@code s}, returns null. */
  static Fault translate(Scratch s, Walker walker, long root) {
    long input = s.request.address();
    PageTableFormat fs = walker.format();
    if (!fs.isValidInput(input)) {
      return nonCanonical(s, fs, input);
    }
    CachedTableEntry from =
        s.hooks.pagingStructure().lookupFirstStage(s.did, s.pasid, input, fs.levels(), false);
    s.firstStageFrom = from;
    WalkPath p =
        from == null
            ? walker.walk(root, input, s.firstStageReader, s.path)
            : walker.walkFrom(
                from.nextTable(),
                from.level() - 1,
                from.rights(),
                input,
                s.firstStageReader,
                s.path);
    Fault f = stop(s, fs, p, "first-stage");
    if (f != null) {
      return f;
    }
    s.fsRights = p.rights();
    s.outHpa = p.outputAddress();
    s.outSize = p.pageSize();
    return null;
  }

  static Fault nonCanonical(Scratch s, PageTableFormat fs, long input) {
    int w = fs.inputWidth();
    return FaultBuilder.structure(
        s,
        FaultReason.SGN_1,
        "input address "
            + Explain.hex(input)
            + " is not canonical for a "
            + fs.levels()
            + "-level first stage: bits 63:"
            + (w - 1)
            + " must all equal bit "
            + (w - 1));
  }

  /** The fault of a first-stage walk that did not reach a leaf, or null for a leaf. */
  static Fault stop(Scratch s, PageTableFormat fs, WalkPath p, String label) {
    if (p.status() == dev.vtdlab.pagetable.WalkStatus.LEAF) {
      return null;
    }
    String text = Explain.walkStop(label, fs, p);
    return switch (p.status()) {
      case LEAF -> null;
      case FETCH_FAILED ->
          FaultBuilder.fault(
              s,
              p.level() == p.topLevel() ? FaultReason.SFS_4 : FaultReason.SFS_1,
              p.level(),
              FaultStage.FIRST,
              text);
      case NOT_PRESENT ->
          FaultBuilder.fault(s, FaultReason.SFS_2, p.level(), FaultStage.FIRST, text);
      case RESERVED -> FaultBuilder.fault(s, FaultReason.SFS_3, p.level(), FaultStage.FIRST, text);
      case INVALID_INPUT -> nonCanonical(s, fs, p.iova());
    };
  }
}
