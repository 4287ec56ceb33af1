package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.TranslationType;

/**
 * The {@code inspect devices} output: every present root/context entry as a device with its mode,
 * DID, translation type, address width and table pointers; in scalable mode the PASID directory
 * summary and each present PASID entry. Text columns follow Linux's debugfs dmar_translation_struct
 * (B.D.F, root entry, context entry as hi:lo raw pairs) with the decoded fields added.
 */
public final class DevicesReport {
  private DevicesReport() {}

  /** The header lines every inspect report starts with: RTADDR and the unit checked against. */
  static String header(RegisterValues regs) {
    RootTablePointer rt = regs.rtaddr();
    UnitConfig unit = regs.unit();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "RTADDR %s: root table %s, TTM %s%n",
            HexNumbers.hex64(rt.value()), HexNumbers.hex(rt.rootTableHpa()), rt.mode().text()));
    if (regs.capabilitiesKnown()) {
      sb.append(
          String.format(
              "unit: CAP %s ECAP %s HAW %d (from %s)%n",
              HexNumbers.hex64(unit.cap().value()),
              HexNumbers.hex64(unit.ecap().value()),
              unit.haw(),
              regs.source()));
    } else {
      sb.append("unit: CAP/ECAP not given; checks assume the 'server' preset (give --registers)\n");
    }
    return sb.toString();
  }

  static ObjectNode headerJson(RegisterValues regs) {
    RootTablePointer rt = regs.rtaddr();
    UnitConfig unit = regs.unit();
    ObjectNode o = JsonOut.object();
    o.put("rtaddr", HexNumbers.hex64(rt.value()));
    o.put("rootTable", HexNumbers.hex(rt.rootTableHpa()));
    o.put("mode", rt.mode().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode u = o.putObject("unit");
    u.put("capabilitiesKnown", regs.capabilitiesKnown());
    u.put("cap", HexNumbers.hex64(unit.cap().value()));
    u.put("ecap", HexNumbers.hex64(unit.ecap().value()));
    u.put("haw", unit.haw());
    u.put("source", regs.capabilitiesKnown() ? regs.source() : "preset " + unit.name());
    return o;
  }

  /** Text for people. */
  public static String text(DeviceScan.Result scan, RegisterValues regs) {
    StringBuilder sb = new StringBuilder(header(regs));
    int n = scan.devices().size();
    sb.append(n).append(n == 1 ? " device\n" : " devices\n");
    if (n > 0) {
      sb.append('\n');
      if (scan.rtaddr().mode() == RootTablePointer.Mode.LEGACY) {
        sb.append(legacyTable(scan).render());
      } else {
        sb.append(scalableTables(scan));
      }
    }
    appendUnreadable(sb, scan);
    return sb.toString();
  }

  static void appendUnreadable(StringBuilder sb, DeviceScan.Result scan) {
    if (!scan.unreadable().isEmpty()) {
      sb.append('\n');
      for (Finding f : scan.unreadable()) {
        sb.append("absent: ").append(f).append('\n');
      }
    }
  }

  private static TextTable legacyTable(DeviceScan.Result scan) {
    TextTable t =
        new TextTable(
            "B:D.F",
            "DID",
            "TT",
            "AW",
            "SSPTPTR",
            "FPD",
            "root entry (hi:lo)",
            "context entry (hi:lo)");
    for (DeviceView d : scan.devices()) {
      DeviceView.Legacy l = (DeviceView.Legacy) d;
      ContextEntry c = l.context();
      TranslationType tt = c.translationType();
      boolean ss = tt.usesSecondStage();
      t.row(
          l.sid().toString(),
          String.valueOf(c.did()),
          ttText(tt),
          ss ? awText(c.aw()) : "-",
          ss ? HexNumbers.hex(c.ssptptr()) : "-",
          c.fpd() ? "1" : "0",
          pair(l.rootHi(), l.rootLo()),
          pair(c.hi(), c.lo()));
    }
    return t;
  }

  private static String scalableTables(DeviceScan.Result scan) {
    TextTable dev =
        new TextTable(
            "B:D.F",
            "PASID dir",
            "PDTS",
            "dir present",
            "PASIDs present",
            "RID_PASID",
            "PASIDE",
            "DTE",
            "FPD",
            "context entry (w1:w0)");
    TextTable pas =
        new TextTable(
            "B:D.F",
            "PASID",
            "DID",
            "PGTT",
            "AW",
            "SSPTPTR",
            "FSPTPTR",
            "FSPM",
            "PASID entry (w2:w1:w0)");
    for (DeviceView d : scan.devices()) {
      DeviceView.Scalable s = (DeviceView.Scalable) d;
      ScalableContextEntry c = s.context();
      dev.row(
          s.sid().toString(),
          HexNumbers.hex(c.pasiddirptr()),
          c.pdts() + " (" + c.pasidDirectoryEntries() + ")",
          String.valueOf(s.directoryEntriesPresent()),
          String.valueOf(s.pasids().size()),
          String.valueOf(c.ridPasid()),
          c.pasidEnable() ? "1" : "0",
          c.dte() ? "1" : "0",
          c.fpd() ? "1" : "0",
          pair(c.w1(), c.w0()));
      for (PasidView p : s.pasids()) {
        PasidEntry e = p.entry();
        Pgtt g = e.pgtt();
        pas.row(
            s.sid().toString(),
            String.valueOf(p.pasid()),
            String.valueOf(e.did()),
            pgttText(g),
            g.usesSecondStage() ? awText(e.aw()) : "-",
            g.usesSecondStage() ? HexNumbers.hex(e.ssptptr()) : "-",
            g.usesFirstStage() ? HexNumbers.hex(e.fsptptr()) : "-",
            g.usesFirstStage() ? e.firstStageLevels() + "-level" : "-",
            String.format("%016x:%016x:%016x", e.w2(), e.w1(), e.w0()));
      }
    }
    return dev.render() + "\n" + pas.render();
  }

  /** JSON for scripts. */
  public static String json(DeviceScan.Result scan, RegisterValues regs) {
    UnitConfig unit = regs.unit();
    ObjectNode o = headerJson(regs);
    ArrayNode devices = o.putArray("devices");
    for (DeviceView d : scan.devices()) {
      ObjectNode dn = devices.addObject();
      dn.put("bdf", d.sid().toString());
      if (d instanceof DeviceView.Legacy l) {
        ContextEntry c = l.context();
        dn.put("did", c.did());
        dn.put("translationType", c.translationType().name().toLowerCase(java.util.Locale.ROOT));
        if (c.translationType().usesSecondStage()) {
          dn.put("addressWidth", Agaw.widthBits(c.aw()));
          dn.put("levels", Agaw.levels(c.aw()));
          dn.put("secondStageTable", HexNumbers.hex(c.ssptptr()));
        }
        dn.set(
            "rootEntry",
            JsonOut.entry(l.rootEntryHpa(), new RootEntry(l.rootLo(), l.rootHi()).decode(unit)));
        dn.set("contextEntry", JsonOut.entry(l.contextEntryHpa(), c.decode(unit)));
      } else if (d instanceof DeviceView.Scalable s) {
        ScalableContextEntry c = s.context();
        dn.put("pasidDirectory", HexNumbers.hex(c.pasiddirptr()));
        dn.put("pasidDirectoryEntries", c.pasidDirectoryEntries());
        dn.put("pasidDirectoryEntriesPresent", s.directoryEntriesPresent());
        dn.set("rootEntry", JsonOut.entry(s.rootEntryHpa(), s.root().decode(unit)));
        dn.set("contextEntry", JsonOut.entry(s.contextEntryHpa(), c.decode(unit)));
        ArrayNode pasids = dn.putArray("pasids");
        for (PasidView p : s.pasids()) {
          PasidEntry e = p.entry();
          ObjectNode pn = pasids.addObject();
          pn.put("pasid", p.pasid());
          pn.put("did", e.did());
          pn.put("pgtt", e.pgtt().name().toLowerCase(java.util.Locale.ROOT));
          if (e.pgtt().usesSecondStage()) {
            pn.put("addressWidth", Agaw.widthBits(e.aw()));
            pn.put("levels", Agaw.levels(e.aw()));
            pn.put("secondStageTable", HexNumbers.hex(e.ssptptr()));
          }
          if (e.pgtt().usesFirstStage()) {
            pn.put("firstStageLevels", e.firstStageLevels());
            pn.put("firstStageTable", HexNumbers.hex(e.fsptptr()));
          }
          pn.set("pasidDirectoryEntry", JsonOut.entry(p.dirEntryHpa(), p.dirEntry().decode(unit)));
          pn.set("pasidEntry", JsonOut.entry(p.entryHpa(), e.decode(unit)));
        }
      }
    }
    ArrayNode absent = o.putArray("absent");
    for (Finding f : scan.unreadable()) {
      ObjectNode fn = absent.addObject();
      fn.put("location", f.location());
      fn.put("hpa", HexNumbers.hex(f.hpa()));
      fn.put("problem", f.problem());
    }
    return JsonOut.render(o);
  }

  static String pair(long hi, long lo) {
    return String.format("%016x:%016x", hi, lo);
  }

  static String ttText(TranslationType tt) {
    return switch (tt) {
      case UNTRANSLATED -> "00b second stage";
      case DEVICE_TLB -> "01b second stage+ATS";
      case PASS_THROUGH -> "10b pass-through";
      case RESERVED -> "11b reserved";
    };
  }

  static String pgttText(Pgtt g) {
    return String.format("%3s", Integer.toBinaryString(g.encoding())).replace(' ', '0')
        + "b "
        + switch (g) {
          case FIRST_STAGE -> "first stage";
          case SECOND_STAGE -> "second stage";
          case NESTED -> "nested";
          case PASS_THROUGH -> "pass-through";
          default -> "reserved";
        };
  }

  static String awText(int aw) {
    return Agaw.widthBits(aw) + "-bit " + Agaw.levels(aw) + "-level";
  }
}
