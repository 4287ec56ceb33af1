package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.Rights;
import java.util.List;

/**
 * The {@code inspect mappings} output: every mapped range of a device's domain merged into compact
 * runs (IOVA range to physical range, page size, rights), with the problems met on the way.
 *
 * @param sid the device
 * @param pasid the PASID asked for, or -1 (requests without PASID)
 * @param tables the tables translating them
 * @param outputSpace "HPA", or "GPA" for a nested first stage
 * @param runs the runs, in IOVA order
 * @param pages number of leaves
 * @param findings absent tables, reserved bits, loops
 */
public record MappingsReport(
    SourceId sid,
    int pasid,
    DomainTables tables,
    String outputSpace,
    List<MappingRun> runs,
    long pages,
    List<Finding> findings) {

  /** Copies the lists. */
  public MappingsReport {
    runs = List.copyOf(runs);
    findings = List.copyOf(findings);
  }

  /** Lists the mappings of {@code tables}. */
  public static MappingsReport of(
      PhysicalMemory memory, SourceId sid, int pasid, DomainTables tables) {
    String owner = sid + (pasid >= 0 ? " PASID " + pasid : "");
    if (tables instanceof DomainTables.Paged p) {
      TableTraversal t = new TableTraversal(p.format(), memory, owner);
      RunCollector c = new RunCollector(p.format());
      t.traverse(p.rootHpa(), c);
      return new MappingsReport(sid, pasid, tables, "HPA", c.runs(), c.pages(), t.findings());
    }
    if (tables instanceof DomainTables.Nested n) {
      PhysicalMemory gpa = new SecondStageView(memory, n.secondStage(), n.secondStageRoot());
      TableTraversal t = new TableTraversal(n.firstStage(), gpa, owner + " first stage");
      RunCollector c = new RunCollector(n.firstStage());
      t.traverse(n.firstStageRoot(), c);
      return new MappingsReport(sid, pasid, tables, "GPA", c.runs(), c.pages(), t.findings());
    }
    return new MappingsReport(sid, pasid, tables, "HPA", List.of(), 0, List.of());
  }

  /** Text for people. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(sid)
        .append(pasid >= 0 ? " PASID " + pasid : "")
        .append(" DID ")
        .append(tables.did())
        .append(": ")
        .append(tables.description())
        .append('\n');
    if (tables instanceof DomainTables.PassThrough) {
      sb.append("every address maps to itself\n");
      return sb.toString();
    }
    TextTable t =
        new TextTable("IOVA range", "", outputSpace + " range", "page", "pages", "rights");
    for (MappingRun r : runs) {
      t.row(
          range(r.inputStart(), r.inputLast()),
          "->",
          range(r.outputStart(), r.outputLast()),
          r.pageSize().label(),
          String.valueOf(r.pages()),
          Rights.toString(r.rights()));
    }
    sb.append(t.render());
    sb.append(String.format("%d runs, %d pages%n", runs.size(), pages));
    for (Finding f : findings) {
      sb.append("problem: ").append(f).append('\n');
    }
    return sb.toString();
  }

  /** JSON for scripts. */
  public String json() {
    ObjectNode o = JsonOut.object();
    o.put("bdf", sid.toString());
    if (pasid >= 0) {
      o.put("pasid", pasid);
    }
    o.put("did", tables.did());
    o.put("tables", tables.description());
    o.put("passThrough", tables instanceof DomainTables.PassThrough);
    o.put("outputSpace", outputSpace);
    o.put("pages", pages);
    ArrayNode rs = o.putArray("runs");
    for (MappingRun r : runs) {
      ObjectNode rn = rs.addObject();
      rn.put("iovaStart", HexNumbers.hex(r.inputStart()));
      rn.put("iovaLast", HexNumbers.hex(r.inputLast()));
      rn.put("outputStart", HexNumbers.hex(r.outputStart()));
      rn.put("outputLast", HexNumbers.hex(r.outputLast()));
      rn.put("pageSize", r.pageSize().label());
      rn.put("pages", r.pages());
      rn.put("rights", Rights.toString(r.rights()));
      rn.put("attributes", HexNumbers.hex(r.attributes()));
    }
    findingsJson(o.putArray("problems"), findings);
    return JsonOut.render(o);
  }

  static void findingsJson(ArrayNode a, List<Finding> findings) {
    for (Finding f : findings) {
      ObjectNode fn = a.addObject();
      fn.put("location", f.location());
      fn.put("hpa", HexNumbers.hex(f.hpa()));
      fn.put("problem", f.problem());
    }
  }

  static String range(long start, long last) {
    return String.format("0x%016x-0x%016x", start, last);
  }
}
