package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code decode fs-pte} and {@code decode ss-pte} on the digest's worked examples (12.2). */
class PagingDecodeCommandTest {

  private static Map<String, String> fields(JsonNode root, String list) {
    Map<String, String> m = new HashMap<>();
    for (JsonNode f : root.get(list)) {
      m.putIfAbsent(f.get("name").asText(), f.get("value").asText());
    }
    return m;
  }

  @Test
  void firstStagePteOfTheDigestDecodesEveryField() throws Exception {
    CliRun run = CliRun.of("decode", "fs-pte", "0x8000000123456067", "--level", "1", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.mapper().readTree(run.out());
    Map<String, String> f = fields(root, "fields");
    assertThat(f)
        .containsEntry("P", "0x1")
        .containsEntry("R/W", "0x1")
        .containsEntry("U/S", "0x1")
        .containsEntry("PWT", "0x0")
        .containsEntry("PCD", "0x0")
        .containsEntry("A", "0x1")
        .containsEntry("D", "0x1")
        .containsEntry("PAT", "0x0")
        .containsEntry("G", "0x0")
        .containsEntry("EA", "0x0")
        .containsEntry("ADDR", "0x123456")
        .containsEntry("XD", "0x1");
    Map<String, String> s = fields(root, "summary");
    assertThat(s).containsEntry("page", "0x123456000").containsEntry("page size", "4K");
    assertThat(root.get("errors")).isEmpty();
  }

  @Test
  void secondStageLargeLeafOfTheDigestDecodesEveryField() throws Exception {
    CliRun run = CliRun.of("decode", "ss-pte", "0x40200983", "--level", "2", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.mapper().readTree(run.out());
    Map<String, String> f = fields(root, "fields");
    assertThat(f)
        .containsEntry("R", "0x1")
        .containsEntry("W", "0x1")
        .containsEntry("X", "0x0")
        .containsEntry("EMT", "0x0")
        .containsEntry("IPAT", "0x0")
        .containsEntry("PS", "0x1")
        .containsEntry("A", "0x1")
        .containsEntry("D", "0x0")
        .containsEntry("SNP", "0x1");
    Map<String, String> s = fields(root, "summary");
    assertThat(s).containsEntry("page", "0x40200000").containsEntry("page size", "2M");
    assertThat(root.get("errors")).isEmpty();
  }

  @Test
  void snoopBitIsAnErrorOnAUnitWithoutSnoopControl() {
    CliRun run = CliRun.of("decode", "ss-pte", "0x40200983", "--level", "2", "--unit", "qemu");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR").contains("11");
  }

  @Test
  void aPagingEntryWithoutALevelIsABadInput() {
    CliRun run = CliRun.of("decode", "fs-pte", "0x1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--level");
  }
}
