package dev.vtdlab.pagetable;

import java.util.function.Consumer;

/**
 * Everything that shapes one page-table format: the stage, the number of levels, the host address
 * width and the capability / PASID-entry bits that change what an entry may hold. Build one with
 * {@link #firstStage} or {@link #secondStage} and the {@code with...} methods; {@link
 * PageTableFormat#of} turns it into a format.
 *
 * <p>Options of the other stage must stay false (a first-stage config has no snoop control, a
 * second-stage config no NXE), so that a config never claims a behaviour it cannot have.
 *
 * @param stage which stage's entries
 * @param levels number of levels: first stage 4 or 5 (FSPM/FLPM 00/01), second stage 3, 4 or 5 (AW
 *     001/010/011); the top table is at this level
 * @param haw host address width in bits, 32..52: address bits 51:HAW of every entry are reserved
 *     (D23)
 * @param leaf2M 2 MiB leaves (PS = 1 at level 2) allowed: always true for the first stage (digest
 *     5.1); CAP.SSLPS bit 34 for the second stage. Without it PS = 1 at level 2 is a reserved bit.
 * @param leaf1G 1 GiB leaves (PS = 1 at level 3) allowed: CAP.FS1GP (first stage, D24) or CAP.SSLPS
 *     bit 35 (second stage, D10). Without it PS = 1 at level 3 is a reserved bit.
 * @param snoopControl second stage only: ECAP.SC. Without it SNP (bit 11) is reserved in leaves
 *     (D10).
 * @param executeEnable second stage only: PASID-entry SLEE/SSEE. With it X (bit 2) grants execute
 *     and counts for presence (D10, D12).
 * @param nxe first stage only: PASID-entry NXE. With it XD (bit 63) blocks execute (D11).
 * @param xdReservedWithoutNxe first stage only, option {@code xd_reserved_without_nxe} (D11): with
 *     NXE = 0, XD = 1 is a reserved bit (rev 3.x) instead of ignored (rev 4.x, the default)
 * @param extendedAccessed first stage only: PASID-entry EAFE. With it bit 10 is EA (set with A on
 *     accessed updates); without it bit 10 is ignored. Never reserved.
 */
public record FormatConfig(
    Stage stage,
    int levels,
    int haw,
    boolean leaf2M,
    boolean leaf1G,
    boolean snoopControl,
    boolean executeEnable,
    boolean nxe,
    boolean xdReservedWithoutNxe,
    boolean extendedAccessed) {

  /** Smallest host address width accepted (the unit presets use 46..52). */
  public static final int MIN_HAW = 32;

  /** Largest host address width: paging-entry address fields end at bit 51. */
  public static final int MAX_HAW = 52;

  public FormatConfig {
    if (stage == null) {
      throw new IllegalArgumentException("format config needs a stage");
    }
    if (haw < MIN_HAW || haw > MAX_HAW) {
      throw new IllegalArgumentException(
          "HAW " + haw + " out of range (" + MIN_HAW + ".." + MAX_HAW + " bits)");
    }
    if (stage == Stage.FIRST_STAGE) {
      if (levels != 4 && levels != 5) {
        throw new IllegalArgumentException(
            "first-stage tables have 4 or 5 levels (FSPM 00/01), not " + levels);
      }
      if (!leaf2M) {
        throw new IllegalArgumentException(
            "first-stage 2 MiB pages are always supported (digest 5.1); leaf2M must be true");
      }
      if (snoopControl || executeEnable) {
        throw new IllegalArgumentException(
            "snoopControl (ECAP.SC) and executeEnable (SLEE) are second-stage options");
      }
    } else {
      if (levels < 3 || levels > 5) {
        throw new IllegalArgumentException(
            "second-stage tables have 3, 4 or 5 levels (AW 001..011), not " + levels);
      }
      if (nxe || xdReservedWithoutNxe || extendedAccessed) {
        throw new IllegalArgumentException(
            "nxe, xdReservedWithoutNxe and extendedAccessed (EAFE) are first-stage options");
      }
    }
  }

  /**
   * A first-stage config: 2 MiB leaves, no 1 GiB leaves, NXE = 0 with XD ignored (D11 default),
   * EAFE = 0.
   */
  public static FormatConfig firstStage(int levels, int haw) {
    return new FormatConfig(
        Stage.FIRST_STAGE, levels, haw, true, false, false, false, false, false, false);
  }

  /** A second-stage config: no large leaves, ECAP.SC = 0, SLEE = 0. */
  public static FormatConfig secondStage(int levels, int haw) {
    return new FormatConfig(
        Stage.SECOND_STAGE, levels, haw, false, false, false, false, false, false, false);
  }

  /**
   * The config the CLI's {@code decode fs-pte} uses unless told otherwise: first stage, 5 levels
   * (so every level 1..5 can be decoded), HAW 52, 2 MiB and 1 GiB leaves, NXE = 0, XD ignored (D11
   * default), EAFE = 0.
   */
  public static FormatConfig firstStageDecodeDefault() {
    return firstStage(5, MAX_HAW).withLeaf1G(true);
  }

  /**
   * The config the CLI's {@code decode ss-pte} uses unless told otherwise: second stage, 5 levels,
   * HAW 52, 2 MiB and 1 GiB leaves, ECAP.SC = 1 (SNP legal in leaves), SLEE = 0.
   */
  public static FormatConfig secondStageDecodeDefault() {
    return secondStage(5, MAX_HAW).withLeaf2M(true).withLeaf1G(true).withSnoopControl(true);
  }

  /** The same config with another number of levels. */
  public FormatConfig withLevels(int newLevels) {
    return copy(b -> b.levels = newLevels);
  }

  /** The same config with another host address width. */
  public FormatConfig withHaw(int newHaw) {
    return copy(b -> b.haw = newHaw);
  }

  /** The same config with 2 MiB leaves allowed or not (second stage: CAP.SSLPS bit 34). */
  public FormatConfig withLeaf2M(boolean on) {
    return copy(b -> b.leaf2M = on);
  }

  /** The same config with 1 GiB leaves allowed or not (CAP.FS1GP / CAP.SSLPS bit 35). */
  public FormatConfig withLeaf1G(boolean on) {
    return copy(b -> b.leaf1G = on);
  }

  /** The same config with ECAP.SC set or not (second stage). */
  public FormatConfig withSnoopControl(boolean on) {
    return copy(b -> b.snoopControl = on);
  }

  /** The same config with SLEE set or not (second stage). */
  public FormatConfig withExecuteEnable(boolean on) {
    return copy(b -> b.executeEnable = on);
  }

  /** The same config with NXE set or not (first stage). */
  public FormatConfig withNxe(boolean on) {
    return copy(b -> b.nxe = on);
  }

  /** The same config with the D11 option {@code xd_reserved_without_nxe} (first stage). */
  public FormatConfig withXdReservedWithoutNxe(boolean on) {
    return copy(b -> b.xdReservedWithoutNxe = on);
  }

  /** The same config with EAFE set or not (first stage). */
  public FormatConfig withExtendedAccessed(boolean on) {
    return copy(b -> b.extendedAccessed = on);
  }

  /** A copy of this config with {@code change} applied (validated by the canonical constructor). */
  private FormatConfig copy(Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return new FormatConfig(
        b.stage,
        b.levels,
        b.haw,
        b.leaf2M,
        b.leaf1G,
        b.snoopControl,
        b.executeEnable,
        b.nxe,
        b.xdReservedWithoutNxe,
        b.extendedAccessed);
  }

  /** The mutable components of a config being copied by a {@code with...} method. */
  private static final class Copy {
    Stage stage;
    int levels;
    int haw;
    boolean leaf2M;
    boolean leaf1G;
    boolean snoopControl;
    boolean executeEnable;
    boolean nxe;
    boolean xdReservedWithoutNxe;
    boolean extendedAccessed;

    Copy(FormatConfig c) {
      stage = c.stage;
      levels = c.levels;
      haw = c.haw;
      leaf2M = c.leaf2M;
      leaf1G = c.leaf1G;
      snoopControl = c.snoopControl;
      executeEnable = c.executeEnable;
      nxe = c.nxe;
      xdReservedWithoutNxe = c.xdReservedWithoutNxe;
      extendedAccessed = c.extendedAccessed;
    }
  }

  /** Input address width in bits: 12 + 9 per level (39, 48 or 57). */
  public int inputWidth() {
    return 12 + 9 * levels;
  }

  /** True when a leaf is allowed at {@code level} (1 always; 2 and 3 per the large-page bits). */
  public boolean leafAllowedAt(int level) {
    return switch (level) {
      case 1 -> true;
      case 2 -> leaf2M;
      case 3 -> leaf1G;
      default -> false;
    };
  }

  /** A short name, e.g. "first-stage 4-level (48-bit)". */
  public String label() {
    return stage.label() + " " + levels + "-level (" + inputWidth() + "-bit)";
  }
}
