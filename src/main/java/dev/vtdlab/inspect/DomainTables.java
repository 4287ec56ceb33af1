package dev.vtdlab.inspect;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;

/**
 * The page table that translates a device's requests (without PASID, or with one PASID), as its
 * context entry (legacy) or PASID entry (scalable) selects it, with the entry format the unit and
 * the entry configure (CAP.SSLPS, CAP.FS1GP, ECAP.SC, SSEE, NXE, EAFE, HAW).
 */
public sealed interface DomainTables
    permits DomainTables.Paged, DomainTables.Nested, DomainTables.PassThrough {

  /** The domain id. */
  int did();

  /** One sentence for people: "second stage, 3-level (39-bit), table at 0x...". */
  String description();

  /**
   * One table translates: second stage (legacy TT 00b/01b, PGTT 010b) or first stage (PGTT 001b).
   *
   * @param did domain id
   * @param format entry format
   * @param rootHpa top-level table address
   * @param description for people
   */
  record Paged(int did, PageTableFormat format, long rootHpa, String description)
      implements DomainTables {}

  /**
   * Nested (PGTT 011b): a first stage whose table addresses and outputs are GPAs, over a second
   * stage.
   *
   * @param did domain id
   * @param firstStage the first-stage format
   * @param firstStageRoot its top table (GPA)
   * @param secondStage the second-stage format
   * @param secondStageRoot its top table (HPA)
   * @param description for people
   */
  record Nested(
      int did,
      PageTableFormat firstStage,
      long firstStageRoot,
      PageTableFormat secondStage,
      long secondStageRoot,
      String description)
      implements DomainTables {}

  /**
   * Pass-through (legacy TT 10b, PGTT 100b): output = input.
   *
   * @param did domain id
   * @param description for people
   */
  record PassThrough(int did, String description) implements DomainTables {}

  /**
   * The tables of a device.
   *
   * @param scan the device scan
   * @param sid the device
   * @param pasid the PASID, or -1 for requests without PASID (RID_PASID in scalable mode)
   * @param unit the unit
   * @throws IllegalArgumentException when the device has no present context entry, the PASID has no
   *     present PASID entry, a PASID is given in legacy mode, or the entry selects a reserved type
   */
  static DomainTables of(DeviceScan.Result scan, SourceId sid, int pasid, UnitConfig unit) {
    DeviceView d = scan.device(sid);
    if (d == null) {
      throw new IllegalArgumentException(
          "device " + sid + " has no present context entry (see 'inspect devices')");
    }
    if (d instanceof DeviceView.Legacy l) {
      if (pasid >= 0) {
        throw new IllegalArgumentException(
            "device " + sid + " is in legacy mode (RTADDR.TTM 00b): requests carry no PASID");
      }
      return legacy(l.context(), unit);
    }
    DeviceView.Scalable s = (DeviceView.Scalable) d;
    ScalableContextEntry c = s.context();
    int p = pasid >= 0 ? pasid : c.effectiveRidPasid(unit);
    for (PasidView v : s.pasids()) {
      if (v.pasid() == p) {
        return scalable(v.entry(), unit, p);
      }
    }
    throw new IllegalArgumentException(
        "device "
            + sid
            + " has no present PASID entry for PASID "
            + p
            + (pasid < 0 ? " (RID_PASID, used for requests without PASID)" : ""));
  }

  private static DomainTables legacy(ContextEntry c, UnitConfig unit) {
    return switch (c.translationType()) {
      case UNTRANSLATED, DEVICE_TLB -> {
        PageTableFormat f = secondStage(unit, c.aw(), false);
        yield new Paged(c.did(), f, c.ssptptr(), describe("second stage", f, c.ssptptr()));
      }
      case PASS_THROUGH -> new PassThrough(c.did(), "pass-through (TT 10b)");
      case RESERVED ->
          throw new IllegalArgumentException(
              "the context entry's TT is 11b (reserved): it translates nothing");
    };
  }

  private static DomainTables scalable(PasidEntry e, UnitConfig unit, int pasid) {
    Pgtt g = e.pgtt();
    String at = "PASID " + pasid + ": ";
    if (g == Pgtt.SECOND_STAGE) {
      PageTableFormat f = secondStage(unit, e.aw(), e.ssee());
      return new Paged(e.did(), f, e.ssptptr(), at + describe("second stage", f, e.ssptptr()));
    }
    if (g == Pgtt.FIRST_STAGE) {
      PageTableFormat f = firstStage(unit, e);
      return new Paged(e.did(), f, e.fsptptr(), at + describe("first stage", f, e.fsptptr()));
    }
    if (g == Pgtt.NESTED) {
      PageTableFormat fs = firstStage(unit, e);
      PageTableFormat ss = secondStage(unit, e.aw(), e.ssee());
      return new Nested(
          e.did(),
          fs,
          e.fsptptr(),
          ss,
          e.ssptptr(),
          at
              + describe("nested: first stage", fs, e.fsptptr())
              + " (GPA), over "
              + describe("second stage", ss, e.ssptptr()));
    }
    if (g == Pgtt.PASS_THROUGH) {
      return new PassThrough(e.did(), at + "pass-through (PGTT 100b)");
    }
    throw new IllegalArgumentException(
        at
            + "PGTT "
            + Integer.toBinaryString(g.encoding())
            + "b is reserved: it translates nothing");
  }

  private static String describe(String stage, PageTableFormat f, long root) {
    return String.format(
        "%s, %d-level (%d-bit), table at %s",
        stage, f.levels(), f.inputWidth(), HexNumbers.hex(root));
  }

  /** The second-stage format of a unit for AW {@code aw}. */
  static PageTableFormat secondStage(UnitConfig unit, int aw, boolean executeEnable) {
    if (aw < Agaw.MIN_USABLE || aw > Agaw.MAX_USABLE) {
      throw new IllegalArgumentException("AW " + Agaw.describe(aw) + ": no table can be walked");
    }
    return PageTableFormat.of(
        FormatConfig.secondStage(Agaw.levels(aw), unit.haw())
            .withLeaf2M(unit.cap().secondStage2M())
            .withLeaf1G(unit.cap().secondStage1G())
            .withSnoopControl(unit.ecap().snoopControl())
            .withExecuteEnable(executeEnable));
  }

  private static PageTableFormat firstStage(UnitConfig unit, PasidEntry e) {
    return PageTableFormat.of(
        FormatConfig.firstStage(e.firstStageLevels(), unit.haw())
            .withLeaf1G(unit.cap().firstStage1G())
            .withNxe(e.nxe())
            .withXdReservedWithoutNxe(unit.xdReservedWithoutNxe())
            .withExtendedAccessed(e.eafe()));
  }
}
