package dev.vtdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code decode frcd} and the invalidation descriptors, on the digest's values (12.5, 12.6). */
class RecordDecodeCommandTest {

  @Test
  void scalableReadFaultRecordShowsPasidReasonAndType() {
    CliRun run = CliRun.of("decode", "frcd", "0x12345000", "0xC123458680003AFD");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("\n  FR +\\S+ +0x86")
        .containsPattern("\n  PV +\\S+ +0x12345")
        .containsPattern("\n  SID +\\S+ +0x3afd")
        .containsPattern("\n  T1 +\\S+ +0x1");
  }

  @Test
  void pageSelectiveIotlbDescriptorDecodes() {
    CliRun run = CliRun.of("decode", "inv-iotlb", "0x2A0032", "0x12340004");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("\n  DID +\\S+ +0x2a")
        .containsPattern("\n  AM +\\S+ +0x4")
        .doesNotContain("ERROR");
  }

  @Test
  void aDescriptorOfAnotherTypeIsReportedAsAnError() {
    CliRun run = CliRun.of("decode", "inv-iotlb", "0x25", "0x1000");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR: type field is 5");
  }

  @Test
  void waitDescriptorDecodesByTypeField() {
    CliRun run = CliRun.of("decode", "inv", "0x0000000100000025", "0x1000");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("\n  STDATA +\\S+ +0x1");
  }
}
