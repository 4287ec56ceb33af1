package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vtdlab inspect} end to end on the real-dump fixtures (src/test/resources/fixtures): the
 * CPU listing is QEMU's {@code info tlb} line for line, the devices and DMA mappings are what the
 * guest programmed.
 */
class InspectCommandTest {

  static Path fixture(String mode, String file) {
    try {
      return Path.of(
          InspectCommandTest.class.getResource("/fixtures/" + mode + "/" + file).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String cr3(String mode) throws Exception {
    Matcher m =
        Pattern.compile("CR3=([0-9a-f]+)")
            .matcher(Files.readString(fixture(mode, "info-registers.txt")));
    assertThat(m.find()).isTrue();
    return "0x" + m.group(1);
  }

  static String infoTlb(String mode) throws Exception {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(fixture(mode, "info-tlb.txt.gz"))),
                StandardCharsets.US_ASCII))) {
      StringBuilder sb = new StringBuilder();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        sb.append(line).append(System.lineSeparator());
      }
      return sb.toString();
    }
  }

  static String guestRegister(String mode, String bdf, String name) throws Exception {
    Matcher m =
        Pattern.compile(
                "^0000:" + Pattern.quote(bdf) + " " + name + " 0x([0-9A-F]+)$", Pattern.MULTILINE)
            .matcher(Files.readString(fixture(mode, "guest-output.txt")));
    assertThat(m.find()).as(bdf + " " + name).isTrue();
    return m.group(1);
  }

  static CliRun inspect(String mode, String... rest) {
    List<String> args = new ArrayList<>();
    args.add("inspect");
    args.add("--memory");
    args.add(fixture(mode, "dump.elf.gz").toString());
    args.addAll(List.of(rest));
    return CliRun.of(args.toArray(new String[0]));
  }

  static CliRun inspectWithRegisters(String mode, String... rest) {
    List<String> args = new ArrayList<>();
    args.add("--registers");
    args.add(fixture(mode, "guest-output.txt").toString());
    args.addAll(List.of(rest));
    return inspect(mode, args.toArray(new String[0]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable", "la57"})
  void cpuPagesListExactlyWhatQemuInfoTlbLists(String mode) throws Exception {
    List<String> args = new ArrayList<>(List.of("cpu", "--cr3", cr3(mode), "--pages"));
    if (mode.equals("la57")) {
      args.add("--la57");
    }
    CliRun run = inspect(mode, args.toArray(new String[0]));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    String expected = infoTlb(mode);
    assertThat(expected.lines().count()).isGreaterThan(10_000);
    assertThat(run.out()).isEqualTo(expected);
  }

  @Test
  void cpuRunsCoverEveryInfoTlbPageAtItsAddress() throws Exception {
    CliRun run = inspect("legacy", "--json", "cpu", "--cr3", cr3("legacy"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.mapper().readTree(run.out());
    JsonNode runs = root.get("runs");
    List<long[]> r = new ArrayList<>();
    long pages = 0;
    for (JsonNode n : runs) {
      r.add(
          new long[] {
            Long.parseUnsignedLong(n.get("vaStart").asText().substring(2), 16),
            Long.parseUnsignedLong(n.get("vaLast").asText().substring(2), 16),
            Long.parseUnsignedLong(n.get("paStart").asText().substring(2), 16)
          });
      pages += n.get("pages").asLong();
    }
    List<String> tlb = infoTlb("legacy").lines().toList();
    assertThat(pages).isEqualTo(tlb.size());
    assertThat(root.get("problems")).isEmpty();
    assertThat(r.size()).isLessThan(tlb.size());
    int i = 0;
    for (String line : tlb) {
      long va = Long.parseUnsignedLong(line.substring(0, 16), 16);
      long pa = Long.parseUnsignedLong(line.substring(18, 34), 16);
      while (Long.compareUnsigned(r.get(i)[1], va) < 0) {
        i++;
      }
      assertThat(Long.compareUnsigned(r.get(i)[0], va)).as(line).isLessThanOrEqualTo(0);
      assertThat(r.get(i)[2] + (va - r.get(i)[0])).as(line).isEqualTo(pa);
    }
  }

  @Test
  void cpuVaTranslatesEntryByEntry() throws Exception {
    CliRun run =
        inspect("la57", "cpu", "--cr3", cr3("la57"), "--la57", "--va", "0xffffffffff5fd123");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("5-level paging")
        .containsPattern("level 5 PML5E +table 0x[0-9a-f]+ \\[511\\]")
        .containsPattern("level 1 PTE +table")
        .endsWith("VA 0xffffffffff5fd123 -> PA 0xfee00123 (4K page at 0xfee00000, rights rw--)\n");
  }

  @Test
  void cpuVaThatIsNotMappedNamesTheLevel() throws Exception {
    CliRun run = inspect("legacy", "cpu", "--cr3", cr3("legacy"), "--va", "0x1234");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "VA 0x1234: no present entry at level [1-4] \\((PML4E|PDPE|PDE|PTE) at 0x[0-9a-f]+\\)\n$");
  }

  @Test
  void aNonCanonicalVaIsNotAValidInput() throws Exception {
    CliRun run = inspect("legacy", "cpu", "--cr3", cr3("legacy"), "--va", "0x800000000000");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .endsWith(
            "VA 0x800000000000: not a valid input of the 48-bit first-stage table (beyond its"
                + " width, or not canonical)\n");
  }

  @Test
  void legacyDevicesAreTheGuestsPciDevicesWithTheirDomains() throws Exception {
    CliRun run = inspectWithRegisters("legacy", "devices");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("RTADDR 0x00000000061a3000: root table 0x61a3000, TTM 00b legacy\n")
        .contains("unit: CAP 0x00d2008c22260206 ECAP 0x0000000000f00f4a HAW 39")
        .contains("7 devices")
        .containsPattern("\n00:02\\.0 +\\d+ +00b second stage +39-bit 3-level +0x[0-9a-f]+ +0 ");
    CliRun json = inspectWithRegisters("legacy", "--json", "devices");
    JsonNode root = Json.mapper().readTree(json.out());
    assertThat(root.get("mode").asText()).isEqualTo("legacy");
    List<String> bdfs = new ArrayList<>();
    root.get("devices").forEach(d -> bdfs.add(d.get("bdf").asText()));
    assertThat(bdfs)
        .containsExactly(
            "00:00.0", "00:01.0", "00:02.0", "00:03.0", "00:1f.0", "00:1f.2", "00:1f.3");
    JsonNode lpc = root.get("devices").get(4);
    JsonNode sata = root.get("devices").get(5);
    assertThat(sata.get("did")).as("IOMMU group 4 shares one domain").isEqualTo(lpc.get("did"));
    assertThat(sata.get("secondStageTable")).isEqualTo(lpc.get("secondStageTable"));
    assertThat(root.get("devices").get(2).get("did"))
        .isNotEqualTo(root.get("devices").get(3).get("did"));
    assertThat(root.get("devices").get(2).get("contextEntry").get("errors")).isEmpty();
  }

  @Test
  void scalableDevicesShowPasidZeroWithSecondStageTranslation() throws Exception {
    CliRun run = inspectWithRegisters("scalable", "--json", "devices");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.mapper().readTree(run.out());
    assertThat(root.get("mode").asText()).isEqualTo("scalable");
    assertThat(root.get("devices")).hasSize(7);
    for (JsonNode d : root.get("devices")) {
      assertThat(d.get("pasids")).as(d.get("bdf").asText()).hasSize(1);
      JsonNode p = d.get("pasids").get(0);
      assertThat(p.get("pasid").asInt()).isZero();
      assertThat(p.get("pgtt").asText()).isEqualTo("second_stage");
      assertThat(p.get("levels").asInt()).isEqualTo(4);
      assertThat(p.get("pasidEntry").get("errors")).isEmpty();
    }
    CliRun text = inspectWithRegisters("scalable", "devices");
    assertThat(text.out())
        .contains("TTM 01b scalable")
        .containsPattern("\n00:02\\.0 +0 +\\d+ +010b second stage +48-bit 4-level ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable"})
  void theNicsRingsAndEveryRxBufferAreInItsMappings(String mode) throws Exception {
    CliRun run = inspectWithRegisters(mode, "--json", "mappings", "--device", "00:02.0");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.mapper().readTree(run.out());
    assertThat(root.get("problems")).isEmpty();
    List<long[]> runs = new ArrayList<>();
    for (JsonNode n : root.get("runs")) {
      runs.add(
          new long[] {
            Long.parseUnsignedLong(n.get("iovaStart").asText().substring(2), 16),
            Long.parseUnsignedLong(n.get("iovaLast").asText().substring(2), 16),
            n.get("rights").asText().charAt(1) == 'w' ? 1 : 0
          });
    }
    long rdba = Long.parseLong(guestRegister(mode, "00:02.0", "RDBAL"), 16);
    long tdba = Long.parseLong(guestRegister(mode, "00:02.0", "TDBAL"), 16);
    assertThat(mapped(runs, rdba, true)).as("RX ring 0x%x", rdba).isTrue();
    assertThat(mapped(runs, tdba, false)).as("TX ring 0x%x", tdba).isTrue();
    assertThat(mapped(runs, 0x1000, false)).as("IOVA 0x1000 is not mapped").isFalse();
    assertThat(root.get("pages").asLong()).isGreaterThan(200);
  }

  private static boolean mapped(List<long[]> runs, long iova, boolean writable) {
    for (long[] r : runs) {
      if (Long.compareUnsigned(iova, r[0]) >= 0 && Long.compareUnsigned(iova, r[1]) <= 0) {
        return !writable || r[2] == 1;
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable"})
  void theGuestsStructuresPassTheCheck(String mode) {
    CliRun run = inspectWithRegisters(mode, "check");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("checked 7 devices, 5 page tables \\(\\d+ pages\\): no problems");
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable"})
  void translateShowsEveryEntryAndTheRxRingsAddress(String mode) throws Exception {
    long rdba = Long.parseLong(guestRegister(mode, "00:02.0", "RDBAL"), 16);
    String iova = "0x" + Long.toHexString(rdba + 0x10);
    CliRun run =
        inspectWithRegisters(mode, "translate", "--device", "00:02.0", "--iova", iova, "--write");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("root entry read at 0x")
        .contains("context entry read at 0x")
        .contains("second-stage entry level 1 read at 0x")
        .containsPattern(
            "\n00:02\\.0 "
                + iova
                + " \\(write\\) -> HPA 0x[0-9a-f]+010 \\(4K page at 0x[0-9a-f]+000,"
                + " perm rw-, DID \\d+, (legacy )?second stage\\)\n$");
    if (mode.equals("scalable")) {
      assertThat(run.out())
          .contains("PASID-directory entry read at")
          .contains("PASID entry read at");
    }
    JsonNode map =
        Json.mapper()
            .readTree(
                inspectWithRegisters(mode, "--json", "mappings", "--device", "00:02.0").out());
    JsonNode t =
        Json.mapper()
            .readTree(
                inspectWithRegisters(
                        mode, "--json", "translate", "--device", "00:02.0", "--iova", iova)
                    .out());
    assertThat(t.get("result").get("kind").asText()).isEqualTo("ok");
    long hpa = Long.parseUnsignedLong(t.get("result").get("hpa").asText().substring(2), 16);
    boolean found = false;
    for (JsonNode r : map.get("runs")) {
      long s0 = Long.parseUnsignedLong(r.get("iovaStart").asText().substring(2), 16);
      long s1 = Long.parseUnsignedLong(r.get("iovaLast").asText().substring(2), 16);
      if (rdba + 0x10 >= s0 && rdba + 0x10 <= s1) {
        found = true;
        assertThat(
                Long.parseUnsignedLong(r.get("outputStart").asText().substring(2), 16)
                    + (rdba + 0x10 - s0))
            .as("mappings and translate agree")
            .isEqualTo(hpa);
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void anUnmappedIovaFaultsWithTheEntryAtFaultAndExitCodeOne() {
    CliRun run =
        inspectWithRegisters("legacy", "translate", "--device", "00:02.0", "--iova", "0x1000");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "\n00:02\\.0 0x1000 \\(read\\) -> fault LGN\\.\\d \\(0x0\\d: [^)]+\\) at level 3: .*is not present.*\n$");
  }

  @Test
  void aRequestWithPasidInLegacyModeFaultsAsTheHardwareWould() {
    CliRun run =
        inspectWithRegisters(
            "legacy", "translate", "--device", "00:02.0", "--pasid", "1", "--iova", "0x1000");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("-> fault RTA.2");
  }

  @Test
  void mappingsOfAPasidInLegacyModeIsRefused() {
    CliRun run = inspectWithRegisters("legacy", "mappings", "--device", "00:02.0", "--pasid", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "vtdlab: device 02:00.0 is in legacy mode (RTADDR.TTM 00b): requests carry no PASID\n"
                .replace("02:00.0", "00:02.0"));
  }
}
