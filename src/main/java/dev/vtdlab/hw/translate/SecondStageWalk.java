package dev.vtdlab.hw.translate;

import dev.vtdlab.pagetable.EntryReader;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.WalkPath;
import dev.vtdlab.pagetable.Walker;

/**
 * A second-stage-only translation (legacy TT = 00b/01b, PGTT = 010b): width check (D16), then the
 * walk from SSPTPTR (digest 6, D12, D15). Rights are checked by {@link Completion}.
 */
final class SecondStageWalk {
  private SecondStageWalk() {}

  /**
   * Walks the request's address into {@code s.path}; on success sets the output, page size and
   * second-stage rights in {@code s} and returns null.
   *
   * @param widthBits min(AGAW width, MGAW)
   */
  static Fault translate(
      Scratch s, Walker walker, long root, int widthBits, SecondStageCodes codes) {
    long input = s.request.address();
    if ((input >>> widthBits) != 0) {
      return FaultBuilder.structure(
          s,
          codes.width,
          "input address "
              + Explain.hex(input)
              + " is at or above 2^"
              + widthBits
              + " (min of the AGAW width "
              + walker.format().inputWidth()
              + " and MGAW, D16)");
    }
    WalkPath p = walkCached(s, walker, root, input, s.secondStageReader, s.path);
    Fault f = stop(s, walker.format(), p, codes);
    if (f != null) {
      return f;
    }
    s.ssRights = p.rights();
    s.outHpa = p.outputAddress();
    s.outSize = p.pageSize();
    return null;
  }

  /**
   * A second-stage walk of {@code input} in domain {@code s.did} through the paging-structure
   * caches: from the deepest cached entry if there is one, else from {@code root}; the walk's
   * non-leaf entries are then offered to the caches.
   */
  static WalkPath walkCached(
      Scratch s, Walker walker, long root, long input, EntryReader reader, WalkPath into) {
    PagingStructureCacheHook psc = s.hooks.pagingStructure();
    PageTableFormat format = walker.format();
    CachedTableEntry from = psc.lookupSecondStage(s.did, input, format.levels());
    WalkPath p =
        from == null
            ? walker.walk(root, input, reader, into)
            : walker.walkFrom(
                from.nextTable(), from.level() - 1, from.rights(), input, reader, into);
    psc.fillSecondStage(s.did, input, format, p, from);
    return p;
  }

  /**
   * The fault of a second-stage walk that did not reach a leaf (D12, D15), or null for a leaf: read
   * error of the top entry / a lower entry, not present (by access type in legacy mode), reserved
   * bits.
   */
  static Fault stop(Scratch s, PageTableFormat ss, WalkPath p, SecondStageCodes codes) {
    if (p.status() == dev.vtdlab.pagetable.WalkStatus.LEAF) {
      return null;
    }
    String text = Explain.walkStop("second-stage", ss, p);
    return switch (p.status()) {
      case LEAF -> null;
      case FETCH_FAILED ->
          FaultBuilder.fault(
              s,
              p.level() == p.topLevel() ? codes.topReadError : codes.readError,
              p.level(),
              FaultStage.SECOND,
              text);
      case NOT_PRESENT ->
          FaultBuilder.fault(
              s,
              s.request.access().isWrite() ? codes.notPresentWrite : codes.notPresentRead,
              p.level(),
              FaultStage.SECOND,
              text + " (D12)");
      case RESERVED -> FaultBuilder.fault(s, codes.reserved, p.level(), FaultStage.SECOND, text);
      case INVALID_INPUT ->
          FaultBuilder.structure(
              s,
              codes.width,
              "input address "
                  + Explain.hex(p.iova())
                  + " is beyond the "
                  + ss.inputWidth()
                  + "-bit second-stage table");
    };
  }
}
