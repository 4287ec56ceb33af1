package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtdlab vectors}: lines, summary, exit codes, JSON, bad files. */
class VectorsCommandTest {
  private static final String SMALL = "src/test/resources/vectors-unit/unit-legacy-small.json";

  @TempDir Path tmp;

  @Test
  void aPassingFilePrintsOneLinePerRequestAndASummaryAndExitsZero() {
    CliRun r = CliRun.of("vectors", SMALL);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            "unit-legacy-small r0 PASS",
            "unit-legacy-small r1 PASS",
            "unit-legacy-small r2 PASS",
            "unit-legacy-small r3 PASS",
            "unit-legacy-small r4 PASS",
            "unit-legacy-small r5 PASS",
            "6 requests in 1 scenario: 6 passed, 0 failed");
  }

  @Test
  void aFailingRequestNamesEachDifferingFieldAndExitsOne() throws Exception {
    String text =
        Files.readString(Path.of(SMALL))
            .replace("\"hpa\": \"0x70000234\"", "\"hpa\": \"0x70000235\"")
            .replace("\"code\": \"0x06\"", "\"code\": \"0x05\"");
    Path f = tmp.resolve("changed.json");
    Files.writeString(f, text);
    CliRun r = CliRun.of("vectors", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("unit-legacy-small r0 FAIL hpa: expected 0x70000235, actual 0x70000234")
        .contains("unit-legacy-small r1 FAIL code: expected 0x5, actual 0x6")
        .contains("6 requests in 1 scenario: 4 passed, 2 failed");
  }

  @Test
  void jsonGivesExpectedAndActualForEveryComparedField() throws Exception {
    CliRun r = CliRun.of("vectors", "--json", SMALL);
    assertThat(r.exitCode()).isZero();
    JsonNode root = Json.mapper().readTree(r.out());
    assertThat(root.get("requests").asInt()).isEqualTo(6);
    assertThat(root.get("failed").asInt()).isZero();
    JsonNode r1 = root.get("results").get(1);
    assertThat(r1.get("scenario").asText()).isEqualTo("unit-legacy-small");
    assertThat(r1.get("id").asText()).isEqualTo("r1");
    assertThat(r1.get("pass").asBoolean()).isTrue();
    JsonNode frcd = r1.get("fields").get(5);
    assertThat(frcd.get("field").asText()).isEqualTo("frcd");
    assertThat(frcd.get("expected").asText()).isEqualTo("[0x2000, 0xc000000600000010]");
    assertThat(frcd.get("actual").asText()).isEqualTo(frcd.get("expected").asText());
  }

  @Test
  void aBadFileIsAOneLineErrorWithExitTwo() throws Exception {
    Path f = tmp.resolve("bad.json");
    Files.writeString(f, "{\"format\": \"vtd-scenario/9\"}");
    CliRun r = CliRun.of("vectors", SMALL, f.toString(), tmp.resolve("missing.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            "vtdlab vectors: "
                + f
                + ": format: expected \"vtd-scenario/1\", found \"vtd-scenario/9\"",
            "vtdlab vectors: " + tmp.resolve("missing.json") + ": no such file");
    assertThat(r.out()).isEmpty();
  }
}
