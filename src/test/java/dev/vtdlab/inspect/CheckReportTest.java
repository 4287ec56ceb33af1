package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.ContextEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  /** The legacy fixture's unit: SAGAW 39-bit only, MGAW 38. */
  private static RegisterValues regs(long rtaddr) {
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("RTADDR", rtaddr);
    v.put("CAP", 0x00D2008C22260206L);
    v.put("ECAP", 0x0000000000F00F4AL);
    return new RegisterValues(v, "test");
  }

  private static List<String> problems(CheckReport r) {
    return r.findings().stream().map(Finding::toString).toList();
  }

  @Test
  void wellFormedStructuresHaveNoProblem() {
    SyntheticTables t = new SyntheticTables();
    long a = t.newTable();
    t.map(a, 0x1000, 0x30_0000);
    t.context(SourceId.parse("00:02.0"), 1, 1, a);
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT));
    assertThat(r.findings()).isEmpty();
    assertThat(r.clean()).isTrue();
    assertThat(r.devices()).isEqualTo(1);
    assertThat(r.tables()).isEqualTo(1);
    assertThat(r.pages()).isEqualTo(1);
  }

  @Test
  void oneDidTaggingTwoTablesIsAProblem() {
    SyntheticTables t = new SyntheticTables();
    long a = t.newTable();
    long b = t.newTable();
    t.context(SourceId.parse("00:02.0"), 7, 1, a);
    t.context(SourceId.parse("00:03.0"), 7, 1, b);
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT));
    assertThat(problems(r))
        .containsExactly(
            String.format(
                "00:03.0 @0x0: DID 7 also tags other tables (second-stage 3-level at 0x%x vs"
                    + " second-stage 3-level at 0x%x)",
                a, b));
  }

  @Test
  void reservedBitsInAContextEntryAreNamedWithTheirLocation() {
    SyntheticTables t = new SyntheticTables();
    long a = t.newTable();
    t.context(SourceId.parse("00:02.0"), 1, 1, a);
    long at = ContextEntry.address(SyntheticTables.CONTEXT, SourceId.parse("00:02.0").devfn());
    t.memory.write64(at + 8, t.memory.read64(at + 8) | 0x80); // context bit 71 is reserved
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT));
    assertThat(r.findings()).isNotEmpty();
    assertThat(r.findings().get(0).location()).isEqualTo("context entry 00:02.0");
    assertThat(r.findings().get(0).hpa()).isEqualTo(at);
    assertThat(r.findings().get(0).problem()).containsIgnoringCase("reserved");
  }

  @Test
  void anAddressWidthTheUnitDoesNotSupportIsAProblem() {
    SyntheticTables t = new SyntheticTables();
    long a = t.newTable();
    t.context(SourceId.parse("00:02.0"), 1, 2, a); // 48-bit, 4-level: not in SAGAW, beyond MGAW
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT));
    assertThat(problems(r))
        .anySatisfy(p -> assertThat(p).startsWith("context entry 00:02.0").contains("AW"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "48-bit second stage (AW 010b: 48-bit, 4-level) is wider than CAP.MGAW"
                            + " allows (39 bits)"));
    assertThat(r.clean()).isFalse();
  }

  @Test
  void aContextTableOutsideMemoryIsAProblem() {
    SyntheticTables t = new SyntheticTables();
    t.memory.write64(SyntheticTables.ROOT + 16, 0x70_0001L); // bus 1's context table
    t.memory.setReadLimit(0x60_0000);
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT));
    assertThat(problems(r))
        .containsExactly("context table of bus 01 @0x700000: not in the memory dump");
  }

  @Test
  void reservedRtaddrBitsAndTtmWithoutCapabilityAreProblems() {
    SyntheticTables t = new SyntheticTables();
    CheckReport r = CheckReport.of(t.memory, regs(SyntheticTables.ROOT | 0x400 | 0x3));
    assertThat(problems(r))
        .containsExactly(
            "RTADDR @0x1403: reserved bits 0x3 set (bits 9:0)",
            "RTADDR @0x1403: TTM 01b (scalable) but ECAP.SMTS = 0");
  }

  @Test
  void withoutCapabilitiesTheServerPresetIsUsed() {
    SyntheticTables t = new SyntheticTables();
    long a = t.newTable();
    t.context(SourceId.parse("00:02.0"), 1, 2, a);
    CheckReport r = CheckReport.of(t.memory, RegisterValues.ofRtaddr(SyntheticTables.ROOT));
    assertThat(UnitConfig.server().cap().supportsAgaw(2)).isTrue();
    assertThat(r.findings()).isEmpty();
  }
}
