package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.Walker;

/**
 * A nested translation (PGTT = 011b, D13): the first-stage walk reads every entry through a full
 * second-stage walk of its GPA ({@link NestedReader}); then the first-stage rights are checked
 * (D12), and the final GPA goes through one more second-stage walk. Page size = the smaller of the
 * two leaves. A full n-over-m walk reads (n + 1)(m + 1) - 1 entries (24 for 4/4, 35 for 5/5).
 */
final class NestedWalk {
  private NestedWalk() {}

  /**
   * Translates the request's address; on success sets output, page size and both stages' rights in
   * {@code s} and returns null.
   *
   * @param gpaWidthBits min(second-stage AGAW width, MGAW)
   */
  static Fault translate(
      Scratch s, Walker fsWalker, long fsRootGpa, Walker ssWalker, long ssRoot, int gpaWidthBits) {
    long input = s.request.address();
    PageTableFormat fs = fsWalker.format();
    if (!fs.isValidInput(input)) {
      return FirstStageWalk.nonCanonical(s, fs, input);
    }
    NestedReader reader = s.nestedReader;
    reader.start(ssWalker, ssRoot, gpaWidthBits, fs.levels(), s.did);
    CachedTableEntry from =
        s.hooks.pagingStructure().lookupFirstStage(s.did, s.pasid, input, fs.levels(), true);
    s.firstStageFrom = from;
    WalkPath p =
        from == null
            ? fsWalker.walk(fsRootGpa, input, reader, s.path)
            : fsWalker.walkFrom(
                from.nextTable(), from.level() - 1, from.rights(), input, reader, s.path);
    if (p.status() == dev.vtdlab.pagetable.WalkStatus.FETCH_FAILED) {
      return FaultBuilder.fault(
          s, reader.failure, reader.failureLevel, reader.failureStage, reader.failureText);
    }
    Fault f = FirstStageWalk.stop(s, fs, p, "first-stage (table addresses are GPAs)");
    if (f != null) {
      return f;
    }
    s.fsRights = p.rights();
    FaultReason denied =
        RightsCheck.firstStage(p.rights(), s.request.access(), s.supervisor, s.wpe, s.smep);
    if (denied != null) {
      return FaultBuilder.fault(
          s,
          denied,
          0,
          FaultStage.FIRST,
          RightsCheck.explain("first-stage", denied, s.request.access(), s.supervisor, p.rights()));
    }
    long gpa = p.outputAddress();
    PageSize fsSize = p.pageSize();
    if ((gpa >>> gpaWidthBits) != 0) {
      return FaultBuilder.fault(
          s,
          FaultReason.SFS_5,
          0,
          FaultStage.FIRST,
          "the first stage's output GPA "
              + Explain.hex(gpa)
              + " is at or above 2^"
              + gpaWidthBits
              + " (min of the second-stage AGAW width and MGAW, D13)");
    }
    WalkPath fp =
        SecondStageWalk.walkCached(s, ssWalker, ssRoot, gpa, s.secondStageReader, s.finalPath);
    f = SecondStageWalk.stop(s, ssWalker.format(), fp, SecondStageCodes.SCALABLE);
    if (f != null) {
      return f;
    }
    s.ssRights = fp.rights();
    s.outHpa = fp.outputAddress();
    PageSize ssSize = fp.pageSize();
    s.outSize = ssSize.bytes() < fsSize.bytes() ? ssSize : fsSize;
    return null;
  }
}
