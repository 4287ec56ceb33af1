package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.mem.WritableMemory;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;

/**
 * Accessed/dirty updates after a successful translation (D20, digest 5.4, 6.3, 7.4): first stage, A
 * (and EA with EAFE) in every entry used and D in the leaf on writes; second stage only with SSADE,
 * A in every entry used and D in the leaf on writes. Each update is an atomic OR through {@link
 * WritableMemory#compareAndSet64}; entries whose bits are already set are not written.
 *
 * <p>Faults: a needed update with a non-snooped walk (PWSNP = 0) faults SFS.9 / SSS.5; in nested
 * mode a first-stage update needs second-stage write permission on the table page, else SFS.8.
 * Order: the walk's order (for nested: per first-stage level, the second-stage entries that reached
 * it, then the entry itself; then the final second-stage walk). With SSADE, a first-stage A/D write
 * also sets D in the second-stage leaf of that table page (it is a write; digest 7.4 leaves this
 * open). Entries a walk did not read (above a paging-structure cache hit) are not updated: their A
 * bits were set before the cached entry was made (spec 6.2.5).
 */
final class AccessedDirty {
  private AccessedDirty() {}

  /** Performs the updates for {@code mode}; null when done, else the fault. */
  static Fault update(TranslatorCore core, Scratch s, TranslationMode mode) {
    boolean write = s.request.access().isWrite();
    return switch (mode) {
      case FIRST_STAGE -> firstStagePath(core, s, write);
      case SECOND_STAGE ->
          s.ssade ? secondStagePath(core, s, s.path, s.secondStageWalker.format(), write) : null;
      case NESTED -> nested(core, s, write);
      default -> null;
    };
  }

  /**
   * True when a write needs no D update in the leaf(s) of the translation just walked: D is set
   * where the mode tracks it.
   */
  static boolean leafDirty(Scratch s, TranslationMode mode) {
    return switch (mode) {
      case FIRST_STAGE -> dirty(s.firstStageWalker.format(), s.path);
      case SECOND_STAGE -> !s.ssade || dirty(s.secondStageWalker.format(), s.path);
      case NESTED ->
          dirty(s.firstStageWalker.format(), s.path)
              && (!s.ssade || dirty(s.secondStageWalker.format(), s.finalPath));
      default -> true;
    };
  }

  private static boolean dirty(PageTableFormat f, WalkPath p) {
    long d = f.dirtyMask(p.level());
    return (p.leafEntry() & d) == d;
  }

  private static long needed(PageTableFormat f, long entry, int level, boolean setDirty) {
    long bits = f.accessedMask(level) | (setDirty ? f.dirtyMask(level) : 0);
    return bits & ~entry;
  }

  private static Fault firstStagePath(TranslatorCore core, Scratch s, boolean write) {
    PageTableFormat fs = s.firstStageWalker.format();
    WalkPath p = s.path;
    for (int l = p.startLevel(); l >= p.level(); l--) {
      long need = needed(fs, p.entry(l), l, write && l == p.level());
      if (need != 0) {
        if (!s.snoopedWalk) {
          return notSnooped(s, FaultReason.SFS_9, l, FaultStage.FIRST, p.entryAddress(l));
        }
        Fault f =
            setBits(core, s, p.entryAddress(l), need, FaultReason.SFS_10, l, FaultStage.FIRST);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  private static Fault secondStagePath(
      TranslatorCore core, Scratch s, WalkPath p, PageTableFormat ss, boolean write) {
    for (int l = p.startLevel(); l >= p.level(); l--) {
      Fault f =
          secondStageEntry(core, s, ss, p.entryAddress(l), p.entry(l), l, write && l == p.level());
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static Fault secondStageEntry(
      TranslatorCore core,
      Scratch s,
      PageTableFormat ss,
      long hpa,
      long entry,
      int level,
      boolean setDirty) {
    long need = needed(ss, entry, level, setDirty);
    if (need == 0) {
      return null;
    }
    if (!s.snoopedWalk) {
      return notSnooped(s, FaultReason.SSS_5, level, FaultStage.SECOND, hpa);
    }
    return setBits(core, s, hpa, need, FaultReason.SSS_1, level, FaultStage.SECOND);
  }

  private static Fault nested(TranslatorCore core, Scratch s, boolean write) {
    PageTableFormat fs = s.firstStageWalker.format();
    PageTableFormat ss = s.secondStageWalker.format();
    NestedReader r = s.nestedReader;
    WalkPath p = s.path;
    for (int l = p.startLevel(); l >= p.level(); l--) {
      int ssLeaf = r.ssLeafLevel[l];
      if (s.ssade) {
        for (int sl = r.ssStartLevel[l]; sl >= ssLeaf; sl--) {
          Fault f =
              secondStageEntry(core, s, ss, r.ssEntryHpa[l][sl], r.ssEntryValue[l][sl], sl, false);
          if (f != null) {
            return f;
          }
        }
      }
      long need = needed(fs, p.entry(l), l, write && l == p.level());
      if (need == 0) {
        continue;
      }
      if (!s.snoopedWalk) {
        return notSnooped(s, FaultReason.SFS_9, l, FaultStage.FIRST, r.entryHpa[l]);
      }
      if ((r.tableRights[l] & Rights.WRITE) == 0) {
        return FaultBuilder.fault(
            s,
            FaultReason.SFS_8,
            l,
            FaultStage.FIRST,
            "setting A/D bits "
                + Explain.bitList(need)
                + " in the first-stage level-"
                + l
                + " entry at "
                + Explain.hex(r.entryHpa[l])
                + " needs second-stage write permission on its page; "
                + Explain.rights("second-stage", r.tableRights[l])
                + " (D20)");
      }
      Fault f = setBits(core, s, r.entryHpa[l], need, FaultReason.SFS_10, l, FaultStage.FIRST);
      if (f == null && s.ssade) {
        f =
            secondStageEntry(
                core, s, ss, r.ssEntryHpa[l][ssLeaf], r.ssEntryValue[l][ssLeaf], ssLeaf, true);
      }
      if (f != null) {
        return f;
      }
    }
    return s.ssade ? secondStagePath(core, s, s.finalPath, ss, write) : null;
  }

  private static Fault notSnooped(
      Scratch s, FaultReason reason, int level, FaultStage stage, long hpa) {
    return FaultBuilder.fault(
        s,
        reason,
        level,
        stage,
        "the entry at "
            + Explain.hex(hpa)
            + " needs an accessed/dirty update but the walk is not snooped (PWSNP = 0, D20)");
  }

  private static Fault setBits(
      TranslatorCore core,
      Scratch s,
      long hpa,
      long bits,
      FaultReason failure,
      int level,
      FaultStage stage) {
    WritableMemory m = core.writable;
    if (!m.isReadable(hpa, PageTableFormat.ENTRY_BYTES)) {
      return FaultBuilder.fault(
          s,
          failure,
          level,
          stage,
          "the accessed/dirty update of the entry at " + Explain.hex(hpa) + " failed (D20)");
    }
    while (true) {
      long current = m.read64(hpa);
      if ((current & bits) == bits || m.compareAndSet64(hpa, current, current | bits)) {
        return null;
      }
    }
  }
}
