package dev.vtdlab.hw.translate.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.hw.translate.Access;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading scenario files: values, and one-line errors naming the file and the problem. */
class ScenarioLoaderTest {
  static final String GOOD =
      """
      {"format": "vtd-scenario/1", "name": "tiny", "title": "t", "section": "s",
       "unit": {"cap": "0x9038c222f0602", "ecap": "0xfc3", "haw": 46,
                "options": {"xd_reserved_without_nxe": false}},
       "rtaddr": "0x100000", "mem_limit": "0x40000000",
       "memory": [{"addr": "0x100000", "qwords": ["0x101001", "0x0"]}],
       "requests": [
         {"id": "r0", "sid": "0x0010", "bdf": "00:02.0", "pasid": null, "addr": "0x1000",
          "access": "write", "privileged": false, "note": "", "tags": ["legacy"],
          "expect": {"result": "fault", "code": "0x02", "level": null, "stage": null,
                     "recorded": true, "frcd": ["0x1000", "0x8000000200000010"],
                     "reads": {"structure": 2, "walk": 0}}},
         {"id": "r1", "sid": "0x0010", "pasid": 7, "addr": "0xfee00000", "access": "exec",
          "privileged": true, "expect": {"result": "ok", "hpa": "0x0000000000001", "page_size": 4096,
          "perm": "rwx", "did": 3}}
       ]}
      """;

  @Test
  void aGoodFileGivesTheUnitMemoryRequestsAndCanonicalExpectations() throws Exception {
    Scenario s = ScenarioLoader.parse("tiny.json", GOOD);
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.unit().haw()).isEqualTo(46);
    assertThat(s.rtaddr()).isEqualTo(0x100000L);
    assertThat(s.memLimit()).hasValue(0x4000_0000L);
    assertThat(s.memory().get(0).qwords()).containsExactly(0x101001L, 0L);
    assertThat(s.requests()).hasSize(2);
    ScenarioRequest r0 = s.requests().get(0);
    assertThat(r0.request().hasPasid()).isFalse();
    assertThat(r0.request().access()).isEqualTo(Access.WRITE);
    assertThat(r0.expect().fields())
        .containsEntry("code", "0x2")
        .containsEntry("level", "null")
        .containsEntry("frcd", "[0x1000, 0x8000000200000010]")
        .containsEntry("reads.walk", "0");
    ScenarioRequest r1 = s.requests().get(1);
    assertThat(r1.request().pasid()).isEqualTo(7);
    assertThat(r1.request().privileged()).isTrue();
    assertThat(r1.expect().fields()).containsEntry("hpa", "0x1").doesNotContainKey("reads.walk");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("no/such/file.json")))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("no/such/file.json: no such file");
  }

  @Test
  void badJsonNamesTheLine() {
    assertThatThrownBy(() -> ScenarioLoader.parse("x.json", "{\n\"format\": }"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("x.json: bad JSON at line 2");
  }

  @Test
  void aWrongFormatStringIsRefused() {
    assertThatThrownBy(
            () -> ScenarioLoader.parse("x.json", GOOD.replace("vtd-scenario/1", "vtd-scenario/2")))
        .hasMessage("x.json: format: expected \"vtd-scenario/1\", found \"vtd-scenario/2\"");
  }

  @Test
  void aMissingKeyIsNamedWithItsPath() {
    assertThatThrownBy(
            () -> ScenarioLoader.parse("x.json", GOOD.replace("\"code\": \"0x02\",", "")))
        .hasMessage("x.json: requests[0].expect: missing key 'code'");
    assertThatThrownBy(() -> ScenarioLoader.parse("x.json", GOOD.replace("\"rtaddr\"", "\"rta\"")))
        .hasMessage("x.json: (top level): missing key 'rtaddr'");
  }

  @Test
  void aBadHexValueIsNamed() {
    assertThatThrownBy(
            () -> ScenarioLoader.parse("x.json", GOOD.replace("\"0x1000\",\n", "\"4096\",\n")))
        .hasMessageContaining("requests[0].addr: expected a hex string");
  }

  @Test
  void anExecuteRequestWithoutPasidIsRefused() {
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "x.json", GOOD.replace("\"access\": \"write\"", "\"access\": \"exec\"")))
        .hasMessageContaining("requests[0]: an execute request needs a PASID prefix");
  }
}
