package dev.vtdlab.hw.translate.vectors;

import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.mem.SparseMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Scenario}: builds its memory image (a 52-bit {@link SparseMemory}, {@code
 * mem_limit} as the read limit), translates every request with no caches and no A/D write-back (the
 * image never changes between requests) and compares the fields the expectation lists
 * (vectors-format "What a checker compares").
 */
public final class ScenarioRunner {
  private static final String ABSENT = "absent";

  private ScenarioRunner() {}

  /** Builds the scenario's memory image. */
  public static SparseMemory memory(Scenario s) {
    SparseMemory memory = new SparseMemory(SparseMemory.MAX_WIDTH);
    for (MemoryWrite w : s.memory()) {
      long hpa = w.hpa();
      for (long q : w.qwords()) {
        memory.write64(hpa, q);
        hpa += Long.BYTES;
      }
    }
    s.memLimit().ifPresent(memory::setReadLimit);
    return memory;
  }

  /** Translates and compares every request, in file order. */
  public static List<RequestOutcome> run(Scenario s) {
    DmaTranslator translator =
        DmaTranslator.uncached(s.unit(), memory(s), TranslatorOptions.READ_ONLY, s.rtaddr());
    List<RequestOutcome> out = new ArrayList<>(s.requests().size());
    for (ScenarioRequest r : s.requests()) {
      Translation t = translator.translate(r.request());
      Map<String, String> actual = actual(t);
      List<FieldResult> fields = new ArrayList<>();
      for (Map.Entry<String, String> e : r.expect().fields().entrySet()) {
        fields.add(
            new FieldResult(e.getKey(), e.getValue(), actual.getOrDefault(e.getKey(), ABSENT)));
      }
      out.add(new RequestOutcome(s.name(), r.id(), fields, t));
    }
    return out;
  }

  /** Every comparable field of a translation, as canonical text. */
  static Map<String, String> actual(Translation t) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("result", t.resultWord());
    if (t instanceof Translated ok) {
      a.put("hpa", Canonical.hex(ok.hpa()));
      a.put("page_size", Long.toString(ok.pageSize().bytes()));
      a.put("perm", ok.perm());
      a.put("did", Integer.toString(ok.did()));
    } else if (t instanceof Fault f) {
      a.put("code", Canonical.hex(f.code()));
      a.put("level", f.level().isPresent() ? Integer.toString(f.level().getAsInt()) : "null");
      a.put(
          "stage",
          switch (f.stage()) {
            case FIRST -> "first";
            case SECOND -> "second";
            case NONE -> "null";
          });
      a.put("recorded", Boolean.toString(f.recorded()));
      a.put("frcd", Canonical.frcd(f.record().lo(), f.record().hi()));
    }
    a.put("reads.structure", Integer.toString(t.reads().structure()));
    a.put("reads.walk", Integer.toString(t.reads().walk()));
    return a;
  }
}
