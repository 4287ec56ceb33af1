package dev.vtdlab.hw.translate;

import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkPath;

/** Sentences for fault explanations: where (structure, address, raw value) and which bits. */
final class Explain {
  private Explain() {}

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  static String qword(long v) {
    return String.format("0x%016x", v);
  }

  /** "reading the legacy root entry (bus 0x3) at 0x1030 failed: ... (access error, D15)". */
  static String readError(String what, long hpa, int bytes) {
    return "reading the "
        + what
        + " at "
        + hex(hpa)
        + " ("
        + bytes
        + " bytes) failed: the memory is not readable there (access error, D15)";
  }

  /** "the legacy context entry at 0x2010 = 0x..:0x.. has P (bit 0) = 0". */
  static String notPresent(String what, long hpa, String raw, String bit) {
    return "the " + what + " at " + hex(hpa) + " = " + raw + " has " + bit + " = 0";
  }

  /** "at 0x...: reserved bits ..." from a structure's reserved-bit message. */
  static String reserved(long hpa, String raw, String message) {
    return message + "; entry at " + hex(hpa) + " = " + raw;
  }

  /** "at 0x..: invalid ..." from a structure's invalid-programming message. */
  static String invalid(long hpa, String raw, String message) {
    return message + "; entry at " + hex(hpa) + " = " + raw;
  }

  /** Raw words of a multi-qword entry, lowest first, as "0x..:0x..". */
  static String words(long... w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      sb.append(i == 0 ? "" : ":").append(qword(w[i]));
    }
    return sb.toString();
  }

  /** "SL-PDE (level 2) at 0x5008 = 0x..." for the entry a walk stopped at. */
  static String walkEntry(PageTableFormat format, WalkPath path) {
    int level = path.level();
    return format.entryName(level)
        + " (level "
        + level
        + ") at "
        + hex(path.entryAddress(level))
        + (path.fetched(level) ? " = " + qword(path.entry(level)) : "");
  }

  /** The reason a walk stopped, for a walk fault. */
  static String walkStop(String stage, PageTableFormat format, WalkPath path) {
    String entry = walkEntry(format, path);
    return switch (path.status()) {
      case FETCH_FAILED ->
          stage
              + " walk: reading the "
              + format.entryName(path.level())
              + " (level "
              + path.level()
              + ") at "
              + hex(path.entryAddress(path.level()))
              + " failed (access error, D15)";
      case NOT_PRESENT ->
          stage + " walk: " + entry + " is not present (" + presentBits(format) + " = 0)";
      case RESERVED ->
          stage
              + " walk: "
              + entry
              + " has reserved bits set: "
              + bitList(path.reservedBits())
              + " (mask "
              + hex(path.reservedBits())
              + ")";
      default -> stage + " walk: " + entry + " (" + path.status() + ")";
    };
  }

  private static String presentBits(PageTableFormat format) {
    return format.stage() == dev.vtdlab.pagetable.Stage.FIRST_STAGE ? "P, bit 0" : "R and W";
  }

  /** "bits 62, 11". */
  static String bitList(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int b = 63; b >= 0; b--) {
      if ((mask >>> b & 1) != 0) {
        sb.append(sb.length() == 0 ? (Long.bitCount(mask) == 1 ? "bit " : "bits ") : ", ")
            .append(b);
      }
    }
    return sb.toString();
  }

  /** "rights over the walk: r-xu". */
  static String rights(String stage, int rights) {
    return stage + " rights ANDed over the walk: " + Rights.toString(rights);
  }

  /**
   * The entries of a complete walk that lack {@code right}, e.g. "R/W = 0 in PDE (level 2) at
   * 0x1000 = 0x..."; empty when none does (or the walk is not at hand).
   */
  static String deniedBy(PageTableFormat format, WalkPath path, int right) {
    if (format == null || path == null || !path.isLeaf()) {
      return "";
    }
    String field = rightName(format, right);
    StringBuilder sb = new StringBuilder();
    for (int l = path.topLevel(); l >= path.level(); l--) {
      if ((format.rights(path.entry(l), l) & right) == 0) {
        sb.append(sb.length() == 0 ? "; " + field + " missing in " : ", ")
            .append(format.entryName(l))
            .append(" (level ")
            .append(l)
            .append(") at ")
            .append(hex(path.entryAddress(l)))
            .append(" = ")
            .append(qword(path.entry(l)));
      }
    }
    return sb.toString();
  }

  private static String rightName(PageTableFormat format, int right) {
    boolean first = format.stage() == dev.vtdlab.pagetable.Stage.FIRST_STAGE;
    if (right == Rights.USER) {
      return "U/S";
    }
    if (right == Rights.WRITE) {
      return first ? "R/W" : "W";
    }
    if (right == Rights.EXECUTE) {
      return first ? "execute (XD = 1 with NXE)" : "execute (R, and X with SSEE)";
    }
    return "R";
  }
}
