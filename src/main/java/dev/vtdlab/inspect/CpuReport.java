package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.FirstStageFormat;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkResult;
import dev.vtdlab.pagetable.Walker;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code inspect cpu} output: the CPU's page tables from CR3, walked with the same first-stage
 * format and walker as a PASID entry's first stage (x86-64 IA-32e paging, 4-level, or 5-level with
 * CR4.LA57). The format allows 2 MiB and 1 GiB pages, NXE = 1 (XD blocks execute) and HAW 52.
 */
public final class CpuReport {
  /** CR3 bits 51:12: the top table's address (PCID and PWT/PCD below are not part of it). */
  public static final long CR3_TABLE_MASK = 0x000F_FFFF_FFFF_F000L;

  private final PhysicalMemory memory;
  private final long cr3;
  private final PageTableFormat format;

  /**
   * @param memory the guest's physical memory
   * @param cr3 the CR3 value
   * @param la57 true for 5-level paging (CR4.LA57 = 1)
   */
  public CpuReport(PhysicalMemory memory, long cr3, boolean la57) {
    this.memory = memory;
    this.cr3 = cr3;
    this.format =
        PageTableFormat.of(
            FormatConfig.firstStage(la57 ? 5 : 4, FormatConfig.MAX_HAW)
                .withLeaf1G(true)
                .withNxe(true));
  }

  /** The format walked. */
  public PageTableFormat format() {
    return format;
  }

  /** The top table's address. */
  public long rootHpa() {
    return cr3 & CR3_TABLE_MASK;
  }

  /** One leaf as QEMU's {@code info tlb} prints it. */
  public record Page(long va, long pa, String flags) {}

  /** Every mapped run, and the problems met. */
  public record Listing(List<MappingRun> runs, long pages, List<Finding> findings) {}

  /** Lists every mapping merged into runs. */
  public Listing runs() {
    TableTraversal t = new TableTraversal(format, memory, "CR3");
    RunCollector c = new RunCollector(format);
    t.traverse(rootHpa(), c);
    return new Listing(c.runs(), c.pages(), t.findings());
  }

  /** Every leaf, one by one, with QEMU's flag letters. */
  public List<Page> pages(List<Finding> findingsOut) {
    TableTraversal t = new TableTraversal(format, memory, "CR3");
    List<Page> out = new ArrayList<>();
    t.traverse(
        rootHpa(),
        (va, level, entry, entryHpa, rights) ->
            out.add(new Page(va, format.address(entry, level), qemuFlags(entry, level))));
    findingsOut.addAll(t.findings());
    return out;
  }

  /** Walks one virtual address. */
  public WalkResult walk(long va) {
    return new Walker(format).walk(rootHpa(), va, memory);
  }

  /**
   * QEMU's nine letters: X (XD), G, P (PS, large page), D, A, C (PCD), T (PWT), U (U/S), W (R/W).
   */
  static String qemuFlags(long entry, int level) {
    return new StringBuilder()
        .append(FirstStageFormat.XD.isSet(entry) ? 'X' : '-')
        .append(FirstStageFormat.G.isSet(entry) ? 'G' : '-')
        .append(level > 1 && FirstStageFormat.PS.isSet(entry) ? 'P' : '-')
        .append(FirstStageFormat.D.isSet(entry) ? 'D' : '-')
        .append(FirstStageFormat.A.isSet(entry) ? 'A' : '-')
        .append(FirstStageFormat.PCD.isSet(entry) ? 'C' : '-')
        .append(FirstStageFormat.PWT.isSet(entry) ? 'T' : '-')
        .append(FirstStageFormat.US.isSet(entry) ? 'U' : '-')
        .append(FirstStageFormat.RW.isSet(entry) ? 'W' : '-')
        .toString();
  }

  /** Attribute letters of a run (besides its rights): G, PCD, PWT, PAT. */
  static String attributeText(long attributes, int level) {
    List<String> a = new ArrayList<>();
    if (FirstStageFormat.G.isSet(attributes)) {
      a.add("G");
    }
    if (FirstStageFormat.PCD.isSet(attributes)) {
      a.add("PCD");
    }
    if (FirstStageFormat.PWT.isSet(attributes)) {
      a.add("PWT");
    }
    return a.isEmpty() ? "-" : String.join(" ", a);
  }

  private String header() {
    return String.format(
        "CR3 %s: %d-level paging, top table of %s entries at %s%n",
        HexNumbers.hex(cr3),
        format.levels(),
        format.entryName(format.levels()),
        HexNumbers.hex(rootHpa()));
  }

  /** Text of the run listing. */
  public String runsText() {
    Listing l = runs();
    TextTable t =
        new TextTable("VA range", "", "PA range", "page", "pages", "rights", "attributes");
    for (MappingRun r : l.runs()) {
      t.row(
          MappingsReport.range(r.inputStart(), r.inputLast()),
          "->",
          MappingsReport.range(r.outputStart(), r.outputLast()),
          r.pageSize().label(),
          String.valueOf(r.pages()),
          Rights.toString(r.rights()),
          attributeText(r.attributes(), r.pageSize().leafLevel()));
    }
    StringBuilder sb = new StringBuilder(header()).append(t.render());
    sb.append(String.format("%d runs, %d pages%n", l.runs().size(), l.pages()));
    l.findings().forEach(f -> sb.append("problem: ").append(f).append('\n'));
    return sb.toString();
  }

  /** Text of the page listing, line for line as QEMU's {@code info tlb}. */
  public String pagesText() {
    List<Finding> findings = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (Page p : pages(findings)) {
      sb.append(String.format("%016x: %016x %s%n", p.va(), p.pa(), p.flags()));
    }
    findings.forEach(f -> sb.append("problem: ").append(f).append('\n'));
    return sb.toString();
  }

  /** Text of one walk. */
  public String walkText(long va) {
    return header() + WalkReport.text(format, walk(va), "VA", "PA");
  }

  /** JSON of the run listing, the page listing, or one walk. */
  public String json(boolean pages, Long va) {
    ObjectNode o = JsonOut.object();
    o.put("cr3", HexNumbers.hex(cr3));
    o.put("levels", format.levels());
    o.put("root", HexNumbers.hex(rootHpa()));
    if (va != null) {
      o.set("walk", WalkReport.json(format, walk(va)));
      return JsonOut.render(o);
    }
    if (pages) {
      List<Finding> findings = new ArrayList<>();
      ArrayNode a = o.putArray("pages");
      for (Page p : pages(findings)) {
        ObjectNode pn = a.addObject();
        pn.put("va", HexNumbers.hex(p.va()));
        pn.put("pa", HexNumbers.hex(p.pa()));
        pn.put("flags", p.flags());
      }
      MappingsReport.findingsJson(o.putArray("problems"), findings);
      return JsonOut.render(o);
    }
    Listing l = runs();
    o.put("pages", l.pages());
    ArrayNode a = o.putArray("runs");
    for (MappingRun r : l.runs()) {
      ObjectNode rn = a.addObject();
      rn.put("vaStart", HexNumbers.hex(r.inputStart()));
      rn.put("vaLast", HexNumbers.hex(r.inputLast()));
      rn.put("paStart", HexNumbers.hex(r.outputStart()));
      rn.put("paLast", HexNumbers.hex(r.outputLast()));
      rn.put("pageSize", r.pageSize().label());
      rn.put("pages", r.pages());
      rn.put("rights", Rights.toString(r.rights()));
      rn.put("attributes", attributeText(r.attributes(), r.pageSize().leafLevel()));
    }
    MappingsReport.findingsJson(o.putArray("problems"), l.findings());
    return JsonOut.render(o);
  }
}
