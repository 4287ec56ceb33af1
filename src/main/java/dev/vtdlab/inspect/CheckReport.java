package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.mem.PhysicalMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code inspect check} output: structural problems, each with its location. Looks at RTADDR
 * (reserved bits, TTM against ECAP), every present root, context, PASID-directory and PASID entry
 * (reserved bits and invalid programming as the {@code hw.struct} decoders report them, D4-D9, D18,
 * D19, D23), widths against CAP.MGAW, every page table reachable from them (tables absent from the
 * dump, i.e. pointers outside memory; reserved bits; loops) and domain ids (one DID, one set of
 * tables).
 *
 * @param findings every problem, in the order found
 * @param devices number of devices looked at
 * @param tables number of distinct page tables traversed
 * @param pages number of leaves seen in them
 */
public record CheckReport(List<Finding> findings, int devices, int tables, long pages) {

  /** Copies the list. */
  public CheckReport {
    findings = List.copyOf(findings);
  }

  /** A device, and a PASID or -1 (requests without PASID). */
  private record Owner(SourceId sid, int pasid) {
    @Override
    public String toString() {
      return sid + (pasid >= 0 ? " PASID " + pasid : "");
    }
  }

  /** Checks everything reachable from RTADDR. */
  public static CheckReport of(PhysicalMemory memory, RegisterValues regs) {
    UnitConfig unit = regs.unit();
    RootTablePointer rt = regs.rtaddr();
    List<Finding> out = new ArrayList<>();
    rtaddr(rt, unit, out);
    DeviceScan.Result scan = DeviceScan.scan(memory, rt);
    out.addAll(scan.unreadable());
    Set<Long> seen = new HashSet<>();
    Map<Owner, DomainTables> domains = new LinkedHashMap<>();
    for (DeviceView d : scan.devices()) {
      entries(d, unit, seen, out);
      for (int pasid : pasids(d)) {
        Owner owner = new Owner(d.sid(), pasid);
        try {
          domains.put(owner, DomainTables.of(scan, d.sid(), pasid, unit));
        } catch (IllegalArgumentException e) {
          out.add(new Finding(owner.toString(), d.contextEntryHpa(), e.getMessage()));
        }
      }
    }
    int tables = 0;
    long pages = 0;
    Set<String> traversed = new HashSet<>();
    Map<Integer, String> tablesByDid = new HashMap<>();
    Map<String, Integer> didByTables = new HashMap<>();
    for (Map.Entry<Owner, DomainTables> e : domains.entrySet()) {
      DomainTables t = e.getValue();
      String owner = e.getKey().toString();
      String key = tablesKey(t);
      widths(owner, t, unit, out);
      String other = tablesByDid.putIfAbsent(t.did(), key);
      if (other != null && !other.equals(key)) {
        out.add(
            new Finding(
                owner,
                0,
                "DID " + t.did() + " also tags other tables (" + other + " vs " + key + ")"));
      }
      Integer otherDid = didByTables.putIfAbsent(key, t.did());
      if (otherDid != null && otherDid != t.did()) {
        out.add(
            new Finding(
                owner,
                0,
                "tables " + key + " are tagged with DIDs " + otherDid + " and " + t.did()));
      }
      if (!traversed.add(key)) {
        continue;
      }
      MappingsReport m = MappingsReport.of(memory, e.getKey().sid(), e.getKey().pasid(), t);
      tables++;
      pages += m.pages();
      out.addAll(m.findings());
    }
    return new CheckReport(out, scan.devices().size(), tables, pages);
  }

  private static void rtaddr(RootTablePointer rt, UnitConfig unit, List<Finding> out) {
    if (rt.reservedBits() != 0) {
      out.add(
          new Finding(
              "RTADDR",
              rt.value(),
              String.format("reserved bits 0x%x set (bits 9:0)", rt.reservedBits())));
    }
    switch (rt.mode()) {
      case SCALABLE -> {
        if (!unit.ecap().scalableMode()) {
          out.add(new Finding("RTADDR", rt.value(), "TTM 01b (scalable) but ECAP.SMTS = 0"));
        }
      }
      case RESERVED -> out.add(new Finding("RTADDR", rt.value(), "TTM 10b is reserved"));
      case ABORT_DMA -> {
        if (!unit.ecap().abortDma()) {
          out.add(new Finding("RTADDR", rt.value(), "TTM 11b (abort-DMA) but ECAP.ADMS = 0"));
        }
      }
      case LEGACY -> {
        // always supported
      }
    }
  }

  private static List<Integer> pasids(DeviceView d) {
    List<Integer> out = new ArrayList<>();
    if (d instanceof DeviceView.Scalable s) {
      for (PasidView p : s.pasids()) {
        out.add(p.pasid());
      }
    } else {
      out.add(-1);
    }
    return out;
  }

  private static void entries(DeviceView d, UnitConfig unit, Set<Long> seen, List<Finding> out) {
    String sid = d.sid().toString();
    if (d instanceof DeviceView.Legacy l) {
      if (seen.add(l.rootEntryHpa())) {
        errors(
            "root entry of bus " + sid.substring(0, 2),
            l.rootEntryHpa(),
            new RootEntry(l.rootLo(), l.rootHi()).decode(unit),
            out);
      }
      errors("context entry " + sid, l.contextEntryHpa(), l.context().decode(unit), out);
      return;
    }
    DeviceView.Scalable s = (DeviceView.Scalable) d;
    if (seen.add(s.rootEntryHpa())) {
      errors(
          "root entry of bus " + sid.substring(0, 2), s.rootEntryHpa(), s.root().decode(unit), out);
    }
    errors("context entry " + sid, s.contextEntryHpa(), s.context().decode(unit), out);
    for (PasidView p : s.pasids()) {
      if (seen.add(p.dirEntryHpa())) {
        errors(
            "PASID directory entry "
                + sid
                + " PASIDs "
                + (p.pasid() & ~63)
                + "-"
                + (p.pasid() | 63),
            p.dirEntryHpa(),
            p.dirEntry().decode(unit),
            out);
      }
      errors(
          "PASID entry " + sid + " PASID " + p.pasid(), p.entryHpa(), p.entry().decode(unit), out);
    }
  }

  private static void errors(String where, long hpa, Decoded d, List<Finding> out) {
    for (String e : d.errors()) {
      out.add(new Finding(where, hpa, e));
    }
  }

  private static void widths(String owner, DomainTables t, UnitConfig unit, List<Finding> out) {
    int mgawBits = unit.cap().mgaw();
    if (t instanceof DomainTables.Paged p
        && p.format().inputWidth() > mgawBits
        && p.format().stage() == dev.vtdlab.pagetable.Stage.SECOND_STAGE) {
      out.add(
          new Finding(
              owner,
              p.rootHpa(),
              String.format(
                  "%d-bit second stage (AW %s) is wider than CAP.MGAW allows (%d bits): input at"
                      + " or above 2^%d faults",
                  p.format().inputWidth(),
                  Agaw.describe((p.format().inputWidth() - 30) / 9),
                  mgawBits,
                  mgawBits)));
    }
  }

  private static String tablesKey(DomainTables t) {
    if (t instanceof DomainTables.Paged p) {
      return p.format().stage().label()
          + " "
          + p.format().levels()
          + "-level at "
          + HexNumbers.hex(p.rootHpa());
    }
    if (t instanceof DomainTables.Nested n) {
      return "nested at "
          + HexNumbers.hex(n.firstStageRoot())
          + "/"
          + HexNumbers.hex(n.secondStageRoot());
    }
    return "pass-through";
  }

  /** True when nothing is wrong. */
  public boolean clean() {
    return findings.isEmpty();
  }

  /** Text for people. */
  public String text(RegisterValues regs) {
    StringBuilder sb = new StringBuilder(DevicesReport.header(regs));
    sb.append(
        String.format(
            "checked %d devices, %d page tables (%d pages): %s%n",
            devices,
            tables,
            pages,
            findings.isEmpty() ? "no problems" : findings.size() + " problems"));
    for (Finding f : findings) {
      sb.append(String.format("%s @0x%x: %s%n", f.location(), f.hpa(), f.problem()));
    }
    return sb.toString();
  }

  /** JSON for scripts. */
  public String json(RegisterValues regs) {
    ObjectNode o = DevicesReport.headerJson(regs);
    o.put("devices", devices);
    o.put("tables", tables);
    o.put("pages", pages);
    MappingsReport.findingsJson(o.putArray("problems"), findings);
    return JsonOut.render(o);
  }
}
