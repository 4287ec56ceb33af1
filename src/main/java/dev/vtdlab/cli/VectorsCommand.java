package dev.vtdlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.hw.translate.vectors.FieldResult;
import dev.vtdlab.hw.translate.vectors.RequestOutcome;
import dev.vtdlab.hw.translate.vectors.Scenario;
import dev.vtdlab.hw.translate.vectors.ScenarioException;
import dev.vtdlab.hw.translate.vectors.ScenarioLoader;
import dev.vtdlab.hw.translate.vectors.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtdlab vectors FILE... [--json]}: runs conformance scenarios ({@code vtd-scenario/1},
 * vectors-format.md) with no caches and no A/D write-back and compares each request's result. Exit
 * 0 when every request passes, 1 when one fails, 2 when a file cannot be used (nothing is run
 * then).
 */
@Command(
    name = "vectors",
    mixinStandardHelpOptions = true,
    description = {
      "Run vtd-scenario/1 conformance files: translate every request (no caches, no A/D "
          + "write-back) and compare result, hpa, page_size, perm or code, reads, and the "
          + "optional did, level, stage, recorded and frcd.",
      "Exit code: 0 all requests pass, 1 a request fails, 2 a file cannot be used."
    })
public final class VectorsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (JSON).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--json", description = "Print machine-readable results instead of text lines.")
  boolean json;

  @Override
  public Integer call() {
    List<Scenario> scenarios = new ArrayList<>();
    boolean bad = false;
    PrintWriter err = spec.commandLine().getErr();
    for (Path f : files) {
      try {
        scenarios.add(ScenarioLoader.load(f));
      } catch (ScenarioException e) {
        err.println("vtdlab vectors: " + e.getMessage());
        bad = true;
      }
    }
    err.flush();
    if (bad) {
      return 2;
    }
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (Scenario s : scenarios) {
      outcomes.addAll(ScenarioRunner.run(s));
    }
    long failed = outcomes.stream().filter(o -> !o.pass()).count();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(toJson(scenarios.size(), outcomes, failed)));
    } else {
      for (RequestOutcome o : outcomes) {
        out.println(line(o));
      }
      out.printf(
          "%d requests in %d scenario%s: %d passed, %d failed%n",
          outcomes.size(),
          scenarios.size(),
          scenarios.size() == 1 ? "" : "s",
          outcomes.size() - failed,
          failed);
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  /** "name r3 PASS" or "name r3 FAIL code: expected 0x86, actual 0x79; reads.walk: ...". */
  static String line(RequestOutcome o) {
    StringBuilder sb = new StringBuilder(o.scenario()).append(' ').append(o.id());
    if (o.pass()) {
      return sb.append(" PASS").toString();
    }
    sb.append(" FAIL");
    String sep = " ";
    for (FieldResult f : o.differences()) {
      sb.append(sep)
          .append(f.field())
          .append(": expected ")
          .append(f.expected())
          .append(", actual ")
          .append(f.actual());
      sep = "; ";
    }
    return sb.toString();
  }

  private static ObjectNode toJson(int scenarios, List<RequestOutcome> outcomes, long failed) {
    ObjectNode root = Json.object();
    root.put("scenarios", scenarios);
    root.put("requests", outcomes.size());
    root.put("passed", outcomes.size() - failed);
    root.put("failed", failed);
    ArrayNode results = root.putArray("results");
    for (RequestOutcome o : outcomes) {
      ObjectNode r = results.addObject();
      r.put("scenario", o.scenario());
      r.put("id", o.id());
      r.put("pass", o.pass());
      ArrayNode fields = r.putArray("fields");
      for (FieldResult f : o.fields()) {
        ObjectNode n = fields.addObject();
        n.put("field", f.field());
        n.put("expected", f.expected());
        n.put("actual", f.actual());
        n.put("match", f.match());
      }
    }
    return root;
  }
}
