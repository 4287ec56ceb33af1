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
  void ttm11WithAdmsBlocksTheRequestWithoutAFault() {
    Translation t = Machine.server().translator(Rtaddr.TTM_ABORT_DMA).translate(READ);
    assertThat(t).isInstanceOf(Blocked.class);
    assertThat(t.resultWord()).isEqualTo("blocked");
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
