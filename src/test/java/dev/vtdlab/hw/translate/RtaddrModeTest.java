package dev.vtdlab.hw.translate;

import static dev.vtdlab.hw.translate.Machine.DEV;
import static dev.vtdlab.hw.translate.Results.fault;
import static dev.vtdlab.hw.translate.Results.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.fault.FaultReason;
import org.junit.jupiter.api.Test;

/** RTADDR.TTM (digest 2.1, 8.3): reserved, abort-DMA, scalable without SMTS. */
class RtaddrModeTest {
  private static final DmaRequest READ = DmaRequest.withoutPasid(DEV, 0x1000, Access.READ);

  @Test
  void ttm10IsReservedAndFaultsRta1WithoutReading() {
    Fault f =
        fault(Machine.server().translator(Rtaddr.TTM_RESERVED).translate(READ), FaultReason.RTA_1);
    reads(f, 0, 0);
    assertThat(f.recorded()).isTrue();
  }

  @Test
  void ttm11WithAdmsFaultsRta4RecordedWithoutReading() {
    // docs/spec-deviations.md row 10: spec 5.10 3.4.4 and Table 30 RTA.4 (not qualified) replace
    // the format's "blocked" result (no fault record) of the decisions.
    for (DmaRequest r :
        new DmaRequest[] {
          READ,
          DmaRequest.withoutPasid(DEV, 0x1000, Access.WRITE),
          DmaRequest.withPasid(DEV, 5, 0x1000, Access.EXECUTE, true)
        }) {
      Fault f =
          fault(Machine.server().translator(Rtaddr.TTM_ABORT_DMA).translate(r), FaultReason.RTA_4);
      reads(f, 0, 0);
      assertThat(f.code()).isEqualTo(0x33);
      assertThat(f.recorded()).as("RTA.4 is not qualified").isTrue();
      assertThat(f.record().fi()).isEqualTo(0x1000);
      assertThat(f.resultWord()).isEqualTo("fault");
    }
  }

  @Test
  void ttm11WithoutAdmsFaultsRta1() {
    fault(Machine.legacy().translator(Rtaddr.TTM_ABORT_DMA).translate(READ), FaultReason.RTA_1);
  }

  @Test
  void ttm01WithoutSmtsFaultsRta1() {
    fault(Machine.legacy().translator(Rtaddr.TTM_SCALABLE).translate(READ), FaultReason.RTA_1);
  }

  @Test
  void aReadWithoutPasidToTheInterruptRangeInAbortDmaModeFaultsRta4() {
    // docs/spec-deviations.md rows 10, 11: only writes are interrupt requests (3.15)
    DmaRequest read = DmaRequest.withoutPasid(DEV, 0xFEE0_0000L, Access.READ);
    fault(Machine.server().translator(Rtaddr.TTM_ABORT_DMA).translate(read), FaultReason.RTA_4);
  }

  @Test
  void anInterruptRequestIsRecognisedWhateverTheTtm() {
    DmaRequest msi = DmaRequest.withoutPasid(DEV, 0xFEEF_FFFCL, Access.WRITE);
    assertThat(Machine.server().translator(Rtaddr.TTM_RESERVED).translate(msi))
        .isInstanceOf(Interrupt.class);
    assertThat(Machine.server().translator(Rtaddr.TTM_ABORT_DMA).translate(msi))
        .isInstanceOf(Interrupt.class);
  }

  @Test
  void theRootTableAddressAndTtmArePackedAsInRtaddr() {
    long v = Rtaddr.of(0x1234_5000L, Rtaddr.TTM_SCALABLE);
    assertThat(v).isEqualTo(0x1234_5400L);
    assertThat(Rtaddr.ttm(v)).isEqualTo(1);
    assertThat(Rtaddr.rootTableHpa(v)).isEqualTo(0x1234_5000L);
  }
}
