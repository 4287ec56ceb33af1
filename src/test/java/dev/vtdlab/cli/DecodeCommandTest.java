package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeCommandTest {

  private static JsonNode json(CliRun run) throws Exception {
    return Json.mapper().readTree(run.out());
  }

  private static JsonNode field(JsonNode root, String name) {
    for (JsonNode f : root.get("fields")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name + " in " + root);
  }

  @Test
  void legacyContextEntryPrintsEveryFieldAligned() {
    CliRun run = CliRun.of("decode", "context", "0x0000_0001_2345_6001", "0x2A02");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("legacy context entry\n")
        .contains("  raw[0]  0x0000000123456001\n")
        .contains("  raw[1]  0x0000000000002a02\n")
        .containsPattern("\n  P +0 +0x1 +present\n")
        .containsPattern("\n  TT +3:2 +0x0 +untranslated requests")
        .containsPattern("\n  SSPTPTR +63:12 +0x123456 +second-stage table at HPA 0x123456000\n")
        .containsPattern("\n  AW +66:64 +0x2 +010b: 48-bit, 4-level\n")
        .containsPattern("\n  DID +87:72 +0x2a +domain 0x2a \\(42\\)\n")
        .contains("(unit server, HAW 52)")
        .doesNotContain("ERROR");
  }

  @Test
  void scalableContextEntryJsonHasTheDigestFieldsAndPasidRange() throws Exception {
    CliRun run = CliRun.of("decode", "sm-context", "0x000000012345680D", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = json(run);
    assertThat(root.get("structure").asText()).isEqualTo("scalable-mode context entry");
    assertThat(root.get("raw")).hasSize(4);
    assertThat(root.get("raw").get(0).asText()).isEqualTo("0x000000012345680d");
    assertThat(root.get("raw").get(3).asText()).isEqualTo("0x0000000000000000");
    assertThat(field(root, "DTE").get("value").asText()).isEqualTo("0x1");
    assertThat(field(root, "PASIDE").get("value").asText()).isEqualTo("0x1");
    assertThat(field(root, "PDTS").get("value").asText()).isEqualTo("0x4");
    assertThat(field(root, "PDTS").get("bits").asText()).isEqualTo("11:9");
    assertThat(field(root, "PASIDDIRPTR").get("meaning").asText())
        .isEqualTo("PASID directory at HPA 0x123456000");
    assertThat(root.get("summary").findValuesAsText("value"))
        .anySatisfy(v -> assertThat(v).startsWith("0x0-0x1ffff"));
    assertThat(root.get("errors")).isEmpty();
    assertThat(root.get("unit").get("name").asText()).isEqualTo("server");
  }

  @Test
  void pasidEntryErrorsAreNamedAndGiveExitCodeOne() throws Exception {
    CliRun text =
        CliRun.of("decode", "pasid-entry", "0x49", "0x0080002A", "0xABCDE001", "--unit", "qemu");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .contains(
            "  ERROR: reserved bits set in PASID entry (SPT.3): bit 87 (PWSNP needs ECAP.SMPWCS,"
                + " D5)\n");

    CliRun json =
        CliRun.of(
            "decode",
            "pasid-entry",
            "0x49",
            "0x0080002A",
            "0xABCDE001",
            "--unit",
            "qemu",
            "--json");
    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode root = json(json);
    assertThat(root.get("raw")).hasSize(8);
    assertThat(field(root, "PGTT").get("meaning").asText()).isEqualTo("first stage only");
    assertThat(field(root, "FSPTPTR").get("value").asText()).isEqualTo("0xabcde");
    assertThat(root.get("errors").get(0).asText()).contains("SPT.3").contains("PWSNP");
  }

  @Test
  void theSameEntryIsCleanOnTheServerUnit() {
    CliRun run = CliRun.of("decode", "pasid-entry", "0x49", "0x0080002A", "0xABCDE001");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("\n  translation +first stage only\n");
  }

  @Test
  void hawOptionChangesThePointerCheck() {
    CliRun ok = CliRun.of("decode", "pasid-dir", "0x0000_8000_0000_1001");
    assertThat(ok.exitCode()).isZero();
    CliRun narrow = CliRun.of("decode", "pasid-dir", "0x0000_8000_0000_1001", "--haw", "40");
    assertThat(narrow.exitCode()).isEqualTo(1);
    assertThat(narrow.out()).contains("bit 47 (SMPTBLPTR at or above HAW 40, D23)");
  }

  @Test
  void capAndEcapOfTheQemuPresetDecode() throws Exception {
    CliRun cap = CliRun.of("decode", "cap", "0x01D2008C226F0686", "--json");
    assertThat(cap.exitCode()).isZero();
    JsonNode c = json(cap);
    assertThat(c.get("structure").asText()).isEqualTo("CAP_REG");
    assertThat(field(c, "SAGAW").get("value").asText()).isEqualTo("0x6");
    assertThat(field(c, "MGAW").get("meaning").asText()).isEqualTo("48-bit");

    CliRun ecap = CliRun.of("decode", "ecap", "0x0000C998A4F00F5E");
    assertThat(ecap.exitCode()).isZero();
    assertThat(ecap.out()).containsPattern("\n  PSS +39:35 +0x13 +20-bit PASIDs\n");
  }

  @Test
  void helpListsEveryRegisteredStructure() {
    CliRun run = CliRun.of("decode", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Structures:")
        .containsPattern("\n  pasid-entry +PASID-table entry, 1-8 qwords\n")
        .containsPattern("\n  root +legacy root entry \\(lo hi\\), 2 qwords\n");
  }

  @Test
  void decimalValuesAreAccepted() {
    CliRun run = CliRun.of("decode", "pasid-dir", "4097");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("raw[0]  0x0000000000001001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "decode foo 1|unknown structure 'foo' (known: root, sm-root",
        "decode root 1|structure 'root' takes 2 qwords (lowest first), got 1",
        "decode root 0xzz 1|bad value '0xzz': expected a 64-bit number",
        "decode root 0x12345678123456789 1|bad value '0x12345678123456789'",
        "decode pasid-entry 1 2 3 4 5 6 7 8 9|takes 1 to 8 qwords (lowest first), got 9",
        "decode root 1 2 --level 3|structure 'root' takes no --level",
        "decode root 1 2 --unit bogus|unknown unit preset 'bogus'",
        "decode root 1 2 --haw 99|HAW 99 out of range",
        "decode root|Missing required parameter: 'VALUE'",
        "decode root 1 2 --level x|Invalid value for option '--level'",
      })
  void badInputGivesOneLineNamingTheProblemAndExitCodeTwo(String args, String message) {
    CliRun run = CliRun.of(args.split(" "));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("vtdlab: ").contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void aStructureThatNeedsALevelGetsOneInRange() {
    StructureRegistry.Structure probe =
        new StructureRegistry.Structure(
            "probe",
            "test",
            1,
            1,
            true,
            (w, o) ->
                new Decoded("probe level " + o.requireLevel(), w, List.of(), List.of(), List.of()));
    DecodeOptions server = DecodeOptions.of(UnitConfig.server());
    assertThatThrownBy(() -> StructureRegistry.decode(probe, List.of(1L), server))
        .hasMessage("structure 'probe' needs --level N (1 = leaf table .. 5)");
    assertThatThrownBy(
            () ->
                StructureRegistry.decode(
                    probe, List.of(1L), new DecodeOptions(UnitConfig.server(), OptionalInt.of(6))))
        .hasMessage("--level 6 out of range (1..5)");
    Decoded d =
        StructureRegistry.decode(
            probe, List.of(1L), new DecodeOptions(UnitConfig.server(), OptionalInt.of(2)));
    assertThat(d.structure()).isEqualTo("probe level 2");
  }

  @Test
  void theRegistryListsThisHelpersStructuresInOrder() {
    assertThat(StructureRegistry.names())
        .startsWith(
            "root",
            "sm-root",
            "context",
            "sm-context",
            "pasid-dir",
            "pasid-entry",
            "fs-pte",
            "ss-pte",
            "cap",
            "ecap",
            "frcd",
            "inv",
            "inv-cc",
            "inv-iotlb");
    assertThat(StructureRegistry.structures())
        .filteredOn(StructureRegistry.Structure::needsLevel)
        .extracting(StructureRegistry.Structure::name)
        .containsExactly("fs-pte", "ss-pte");
  }

  @Test
  void missingWordsOfAPasidEntryAreZero() {
    Decoded d =
        StructureRegistry.decode(
            "pasid-entry", List.of(0x5555_5289L), DecodeOptions.of(UnitConfig.server()));
    assertThat(d.words()).containsExactly(0x5555_5289L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(d.errors()).isEmpty();
  }
}
