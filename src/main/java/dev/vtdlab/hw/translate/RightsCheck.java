package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;

/**
 * Access rights of a request against the rights ANDed over a complete walk (D12): evaluated once,
 * in the order U/S (SGN.2), execute (SGN.3), write (SGN.6), read (SGN.7).
 *
 * <ul>
 *   <li>First stage (digest 5.3): a user request needs U/S = 1 everywhere; execute needs XD = 0
 *       everywhere when NXE = 1, and SMEP = 1 blocks supervisor execute of a user page; a user
 *       write needs R/W = 1 everywhere, a supervisor write only when WPE = 1; reads are always
 *       allowed; no SMAP-like rule.
 *   <li>Second stage (digest 6.3): in scalable mode, ANDed R = 0 and ANDed W = 0 faults SSS.2
 *       first, whatever the access (VT-d spec 5.10 Table 30 SSS.2, docs/spec-deviations.md row 9);
 *       then execute needs R (and X with SSEE), write needs W, read needs R.
 * </ul>
 */
final class RightsCheck {
  private RightsCheck() {}

  /** The first-stage fault for this access, or null when allowed. */
  static FaultReason firstStage(
      int rights, Access access, boolean supervisor, boolean wpe, boolean smep) {
    boolean userPage = (rights & Rights.USER) != 0;
    if (!supervisor && !userPage) {
      return FaultReason.SGN_2;
    }
    if (access == Access.EXECUTE) {
      if ((rights & Rights.EXECUTE) == 0 || (supervisor && smep && userPage)) {
        return FaultReason.SGN_3;
      }
    }
    if (access == Access.WRITE && (!supervisor || wpe) && (rights & Rights.WRITE) == 0) {
      return FaultReason.SGN_6;
    }
    return null;
  }

  /** The second-stage fault for this access, or null when allowed. */
  static FaultReason secondStage(int rights, Access access, SecondStageCodes codes) {
    if (codes.noReadWrite != null && (rights & (Rights.READ | Rights.WRITE)) == 0) {
      return codes.noReadWrite;
    }
    return switch (access) {
      case EXECUTE -> (rights & Rights.EXECUTE) == 0 ? codes.execute : null;
      case WRITE -> (rights & Rights.WRITE) == 0 ? codes.write : null;
      case READ -> (rights & Rights.READ) == 0 ? codes.read : null;
    };
  }

  /**
   * What a requester may do through first-stage rights: read always, write per the user/WPE rule,
   * execute when allowed at all and not blocked by XD or SMEP.
   */
  static int firstStagePermission(
      int rights, boolean supervisor, boolean wpe, boolean smep, boolean executeAllowed) {
    int perm = Rights.READ;
    if ((supervisor && !wpe) || (rights & Rights.WRITE) != 0) {
      perm |= Rights.WRITE;
    }
    boolean userPage = (rights & Rights.USER) != 0;
    if (executeAllowed && (rights & Rights.EXECUTE) != 0 && !(supervisor && smep && userPage)) {
      perm |= Rights.EXECUTE;
    }
    return perm;
  }

  /** What a requester may do through second-stage rights. */
  static int secondStagePermission(int rights, boolean executeAllowed) {
    int perm = rights & (Rights.READ | Rights.WRITE);
    if (executeAllowed && (rights & Rights.EXECUTE) != 0) {
      perm |= Rights.EXECUTE;
    }
    return perm;
  }

  /** The right whose absence raised {@code reason}. */
  static int missingRight(FaultReason reason) {
    return switch (reason) {
      case SGN_2 -> Rights.USER;
      case SGN_3 -> Rights.EXECUTE;
      case SGN_6, LGN_2 -> Rights.WRITE;
      default -> Rights.READ;
    };
  }

  /** A sentence for a rights fault, naming the entries that lack the right when a walk is given. */
  static String explain(
      String stage,
      FaultReason reason,
      Access access,
      boolean sup,
      int rights,
      PageTableFormat format,
      WalkPath path) {
    return explain(stage, reason, access, sup, rights)
        + Explain.deniedBy(format, path, missingRight(reason));
  }

  /** A sentence for a rights fault. */
  static String explain(String stage, FaultReason reason, Access access, boolean sup, int rights) {
    String who = sup ? "supervisor" : "user";
    String why =
        switch (reason) {
          case SGN_2 -> "U/S = 0 in an entry (supervisor-only page)";
          case SGN_3 -> "execute not granted (XD with NXE, SMEP, or R/X in the second stage)";
          case SGN_6, LGN_2 -> "write not granted (R/W or W = 0 in an entry)";
          case SSS_2 -> "neither read nor write granted (R = 0 and W = 0 over the walk, spec 5.10)";
          default -> "read not granted (R = 0 in an entry)";
        };
    return who
        + " "
        + access.label()
        + " denied: "
        + why
        + "; "
        + Explain.rights(stage, rights)
        + " (D12)";
  }
}
