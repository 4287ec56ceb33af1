package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.hw.translate.VisitedEntry;
import dev.vtdlab.mem.PhysicalMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code inspect translate} output: one DMA request translated by the hardware model ({@link
 * DmaTranslator}, read-only: no accessed/dirty updates) over the dump, entry by entry (address
 * read, raw value, decoded fields), then the result or the fault reason with the entry and bits at
 * fault.
 *
 * @param request the request
 * @param result what the hardware model answered
 * @param entries each entry read, decoded
 */
public record TranslateReport(DmaRequest request, Translation result, List<Step> entries) {

  /**
   * One entry the translation read.
   *
   * @param visited what the translator recorded (kind, level, address, first qword, readable)
   * @param decoded the whole entry decoded, or null when the read failed
   */
  public record Step(VisitedEntry visited, Decoded decoded) {}

  /** Copies the list. */
  public TranslateReport {
    entries = List.copyOf(entries);
  }

  /**
   * Translates one request.
   *
   * @param pasid the PASID, or -1 for a request without PASID
   */
  public static TranslateReport of(
      PhysicalMemory memory,
      RegisterValues regs,
      SourceId sid,
      int pasid,
      long iova,
      Access access,
      boolean privileged) {
    UnitConfig unit = regs.unit();
    DmaRequest request =
        pasid < 0
            ? DmaRequest.withoutPasid(sid, iova, access)
            : DmaRequest.withPasid(sid, pasid, iova, access, privileged);
    DmaTranslator t =
        DmaTranslator.uncached(unit, memory, TranslatorOptions.READ_ONLY, regs.rtaddr().value());
    Translation result = t.translate(request);
    List<VisitedEntry> visited =
        result instanceof Translated ok
            ? ok.entries()
            : result instanceof Fault f ? f.entries() : List.of();
    PageTableFormat[] formats = formats(memory, regs, sid, pasid, unit);
    boolean scalable = regs.rtaddr().mode() == RootTablePointer.Mode.SCALABLE;
    List<Step> steps = new ArrayList<>();
    for (VisitedEntry v : visited) {
      steps.add(new Step(v, v.readable() ? decode(memory, v, scalable, unit, formats) : null));
    }
    return new TranslateReport(request, result, steps);
  }

  /** First- and second-stage formats of the device's domain, or permissive defaults. */
  private static PageTableFormat[] formats(
      PhysicalMemory memory, RegisterValues regs, SourceId sid, int pasid, UnitConfig unit) {
    PageTableFormat fs = PageTableFormat.of(FormatConfig.firstStageDecodeDefault());
    PageTableFormat ss = PageTableFormat.of(FormatConfig.secondStageDecodeDefault());
    try {
      DomainTables d = DomainLookup.find(memory, regs, sid, pasid).tables();
      if (d instanceof DomainTables.Paged p) {
        if (p.format().stage() == dev.vtdlab.pagetable.Stage.FIRST_STAGE) {
          fs = p.format();
        } else {
          ss = p.format();
        }
      } else if (d instanceof DomainTables.Nested n) {
        fs = n.firstStage();
        ss = n.secondStage();
      }
    } catch (IllegalArgumentException e) {
      // No usable domain: the translator reports why; decode with the permissive formats.
    }
    return new PageTableFormat[] {fs, ss};
  }

  private static Decoded decode(
      PhysicalMemory m, VisitedEntry v, boolean scalable, UnitConfig unit, PageTableFormat[] f) {
    long hpa = v.hpa();
    return switch (v.kind()) {
      case ROOT ->
          scalable
              ? ScalableRootEntry.read(m, hpa).decode(unit)
              : RootEntry.read(m, hpa).decode(unit);
      case CONTEXT ->
          scalable
              ? ScalableContextEntry.read(m, hpa).decode(unit)
              : ContextEntry.read(m, hpa).decode(unit);
      case PASID_DIRECTORY -> PasidDirEntry.read(m, hpa).decode(unit);
      case PASID_ENTRY -> PasidEntry.read(m, hpa).decode(unit);
      case FIRST_STAGE -> f[0].describe(v.value(), v.level());
      case SECOND_STAGE -> f[1].describe(v.value(), v.level());
    };
  }

  /**
   * Exit status for the CLI: 0 translated (or interrupt), 1 fault (abort-DMA mode included: RTA.4).
   */
  public int exitCode() {
    return result instanceof Fault ? 1 : 0;
  }

  /** The result in one line. */
  public String resultLine() {
    String in =
        (request.hasPasid() ? "PASID " + request.pasid() + " " : "")
            + HexNumbers.hex(request.address())
            + " ("
            + request.access().label()
            + ")";
    if (result instanceof Translated ok) {
      return String.format(
          "%s %s -> HPA %s (%s page at %s, perm %s, DID %d, %s)",
          request.sid(),
          in,
          HexNumbers.hex(ok.hpa()),
          ok.pageSize().label(),
          HexNumbers.hex(ok.pageHpa()),
          ok.perm(),
          ok.did(),
          ok.mode().label());
    }
    if (result instanceof Fault f) {
      return String.format(
          "%s %s -> fault %s (0x%02x: %s)%s%s: %s",
          request.sid(),
          in,
          f.reason().specName(),
          f.reason().code(),
          f.reason().description(),
          f.level().isPresent() ? " at level " + f.level().getAsInt() : "",
          f.recorded() ? "" : ", not recorded (FPD)",
          f.explanation());
    }
    return request.sid() + " " + in + " -> interrupt request: handled by interrupt remapping";
  }

  /** Text for people: each entry read, then the result line. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Step s : entries) {
      VisitedEntry v = s.visited();
      sb.append(v.kind().label());
      if (v.kind().paging()) {
        sb.append(" level ").append(v.level());
      }
      sb.append(" read at ").append(HexNumbers.hex(v.hpa()));
      if (s.decoded() == null) {
        sb.append(": not in the memory dump\n");
        continue;
      }
      sb.append('\n');
      for (String line : s.decoded().toText().split("\n")) {
        if (!line.isBlank()) {
          sb.append("    ").append(line.strip()).append('\n');
        }
      }
    }
    return sb.append(resultLine()).append('\n').toString();
  }

  /** JSON for scripts. */
  public String json() {
    ObjectNode o = JsonOut.object();
    o.put("bdf", request.sid().toString());
    if (request.hasPasid()) {
      o.put("pasid", request.pasid());
    }
    o.put("iova", HexNumbers.hex(request.address()));
    o.put("access", request.access().label());
    ArrayNode es = o.putArray("entries");
    for (Step s : entries) {
      VisitedEntry v = s.visited();
      ObjectNode en;
      if (s.decoded() == null) {
        en = es.addObject();
        en.put("hpa", HexNumbers.hex(v.hpa()));
        en.put("readable", false);
      } else {
        en = JsonOut.entry(v.hpa(), s.decoded());
        es.add(en);
        en.put("readable", true);
      }
      en.put("kind", v.kind().label());
      if (v.kind().paging()) {
        en.put("level", v.level());
      }
    }
    ObjectNode r = o.putObject("result");
    r.put("kind", result.resultWord());
    r.put("text", resultLine());
    if (result instanceof Translated ok) {
      r.put("hpa", HexNumbers.hex(ok.hpa()));
      r.put("pageSize", ok.pageSize().label());
      r.put("perm", ok.perm());
      r.put("did", ok.did());
      r.put("mode", ok.mode().label());
    } else if (result instanceof Fault f) {
      r.put("reason", f.reason().specName());
      r.put("code", HexNumbers.hex(f.reason().code()));
      r.put("description", f.reason().description());
      if (f.level().isPresent()) {
        r.put("level", f.level().getAsInt());
      }
      r.put("recorded", f.recorded());
      r.put("explanation", f.explanation());
    }
    return JsonOut.render(o);
  }
}
