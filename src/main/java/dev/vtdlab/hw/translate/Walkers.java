package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Walker;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The walkers of one unit, one per format config a PASID or context entry can ask for, built on
 * first use and shared by every thread (walkers are immutable). What varies per entry: the stage,
 * the number of levels, SSEE (second stage), NXE and EAFE (first stage); what the unit fixes: HAW,
 * CAP.FS1GP, CAP.SSLPS, ECAP.SC and the D11 option.
 */
final class Walkers {
  private static final int LEVEL_SLOTS = 8;

  private final UnitConfig unit;
  private final AtomicReferenceArray<Walker> firstStage =
      new AtomicReferenceArray<>(LEVEL_SLOTS * 4);
  private final AtomicReferenceArray<Walker> secondStage =
      new AtomicReferenceArray<>(LEVEL_SLOTS * 2);

  Walkers(UnitConfig unit) {
    this.unit = unit;
  }

  /**
   * The first-stage walker for {@code levels} (4 or 5, from FSPM), PASID-entry NXE and EAFE: HAW, 1
   * GiB leaves per CAP.FS1GP (D24), XD per NXE and the D11 option.
   */
  Walker firstStage(int levels, boolean nxe, boolean eafe) {
    int slot = levels * 4 + (nxe ? 2 : 0) + (eafe ? 1 : 0);
    Walker w = firstStage.get(slot);
    if (w == null) {
      FormatConfig config =
          FormatConfig.firstStage(levels, unit.haw())
              .withLeaf1G(unit.cap().firstStage1G())
              .withNxe(nxe)
              .withXdReservedWithoutNxe(unit.xdReservedWithoutNxe())
              .withExtendedAccessed(eafe);
      w = new Walker(PageTableFormat.of(config));
      firstStage.compareAndSet(slot, null, w);
    }
    return w;
  }

  /**
   * The second-stage walker for {@code levels} (3..5, from AW) and SSEE: HAW, large leaves per
   * CAP.SSLPS, SNP per ECAP.SC (D10).
   */
  Walker secondStage(int levels, boolean executeEnable) {
    int slot = levels * 2 + (executeEnable ? 1 : 0);
    Walker w = secondStage.get(slot);
    if (w == null) {
      FormatConfig config =
          FormatConfig.secondStage(levels, unit.haw())
              .withLeaf2M(unit.cap().secondStage2M())
              .withLeaf1G(unit.cap().secondStage1G())
              .withSnoopControl(unit.ecap().snoopControl())
              .withExecuteEnable(executeEnable);
      w = new Walker(PageTableFormat.of(config));
      secondStage.compareAndSet(slot, null, w);
    }
    return w;
  }
}
