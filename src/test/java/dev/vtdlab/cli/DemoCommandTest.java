package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  private static JsonNode json(String... args) throws Exception {
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  @Test
  void theDefaultDemoRunsScalableFirstStageAndEndsWithAnSfs2Fault() {
    CliRun r = CliRun.of("demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("vtdlab demo: unit server, seed 1")
        .contains("mode: scalable (RTADDR 0x")
        .contains("invalidation: queued: 256 x 256-bit descriptors")
        .contains("after SRTP: global context-cache, PASID-cache, IOTLB")
        .contains("first stage: 5-level, IOVA width 56")
        .contains("DMA domains: first stage, lazy")
        .contains("dma#1 first-stage DID 0: IOVA width 56, lazy unmap, attached 01:00.0")
        .contains("01:00.0 write 0x")
        .contains("rw-, first stage, DID 0, reads 4 structure + 5 walk")
        .contains("12 packets received")
        .contains("read them back: equal")
        .contains("device write: completed (2 bytes)")
        .contains("device write again: fault 0x71 SFS.2 first-stage paging entry not present")
        .contains("FRCD[0] [DMA Write NO_PASID] Request device [01:00.0] fault addr 0x")
        .contains("[fault reason 0x71] SFS.2")
        .contains("unit performed: CONTEXT_CACHE_GLOBAL=1 PASID_CACHE_GLOBAL=1 IOTLB_GLOBAL=1")
        .contains("faults recorded by the unit: 1");
  }

  @Test
  void theOutputIsDeterministicForASeed() {
    String a = CliRun.of("demo", "--seed", "7").out();
    String b = CliRun.of("demo", "--seed", "7").out();
    String c = CliRun.of("demo", "--seed", "8").out();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void legacyStrictIssuesOneIotlbInvalidationAndOneWaitPerUnmap() throws Exception {
    JsonNode j = json("demo", "--unit", "legacy", "--strict", "--json");
    assertThat(j.at("/bringUp/mode").asText()).isEqualTo("legacy");
    assertThat(j.at("/bringUp/invalidation").asText()).contains("128-bit");
    for (JsonNode d : j.get("domains")) {
      long unmaps = d.get("unmaps").asLong();
      assertThat(unmaps).isPositive();
      assertThat(d.get("unmap").asText()).isEqualTo("strict");
      assertThat(d.get("strictFlushes").asLong()).isEqualTo(unmaps);
      assertThat(d.at("/invalidations/iotlb").asLong()).isEqualTo(unmaps);
      assertThat(d.at("/invalidations/waits").asLong()).isEqualTo(unmaps);
    }
    assertThat(j.at("/dmaAfterUnmap/faults/0/reason").asText()).isEqualTo("LGN.2");
    assertThat(j.at("/dmaAfterUnmap/faults/0/type").asText()).isEqualTo("write");
  }

  @Test
  void lazyFlushesWholeDomainsWithPasidBasedInvalidations() throws Exception {
    JsonNode j = json("demo", "--lazy", "--json");
    for (JsonNode d : j.get("domains")) {
      assertThat(d.get("strictFlushes").asLong()).isZero();
      long flushes =
          d.get("fullFlushes").asLong()
              + d.get("timeoutFlushes").asLong()
              + d.get("explicitFlushes").asLong();
      assertThat(d.at("/invalidations/pasidIotlb").asLong())
          .as("one P_IOTLB per flush, plus one per unmap that unlinked table pages")
          .isEqualTo(flushes + d.get("unlinkFlushes").asLong());
      assertThat(flushes).isLessThanOrEqualTo(d.get("unmaps").asLong());
    }
    JsonNode nic = j.get("domains").get(0);
    assertThat(nic.get("fullFlushes").asLong() + nic.get("timeoutFlushes").asLong())
        .as("the NIC's many unmaps share few flushes")
        .isLessThan(nic.get("unmaps").asLong() / 4);
  }

  @Test
  void cachingModeWithSecondStageForcesStrictAndFlushesAfterMaps() throws Exception {
    JsonNode j = json("demo", "--unit", "qemu", "--stage", "second", "--lazy", "--json");
    assertThat(j.at("/bringUp/cachingMode").asBoolean()).isTrue();
    assertThat(j.at("/bringUp/flush").asText()).isEqualTo("strict");
    assertThat(j.at("/bringUp/reservedDids").asText()).isEqualTo("0, 1");
    assertThat(j.at("/counters/mapFlushes").asLong()).isEqualTo(j.at("/counters/maps").asLong());
    assertThat(j.at("/dmaAfterUnmap/faults/0/reason").asText()).isEqualTo("SSS.2");
  }

  @Test
  void aStageTheUnitCannotDoIsABadChoice() {
    CliRun r = CliRun.of("demo", "--unit", "legacy", "--stage", "first");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("first-stage domains need scalable mode");
    assertThat(CliRun.of("demo", "--strict", "--lazy").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("demo", "--stage", "third").err()).contains("unknown stage 'third'");
  }
}
