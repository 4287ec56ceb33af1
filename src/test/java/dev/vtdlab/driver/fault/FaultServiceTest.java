package dev.vtdlab.driver.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.regs.RegisterTable;
import org.junit.jupiter.api.Test;

class FaultServiceTest {
  private static final SourceId DEV = SourceId.of(2, 0, 0);

  private static void inject(RegisterHarness h, FaultReason reason, long address, boolean write) {
    h.regs.recordFault(
        FaultRecord.forRequest(reason, DEV.value(), address, write, false, 0, false, false), false);
  }

  @Test
  void pendingRecordsAreReadDecodedAndCleared() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    inject(h, FaultReason.LGN_2, 0x1234_5678L, true);
    inject(h, FaultReason.LGN_3, 0x9000L, false);
    FaultBatch b = h.driver.serviceFaults();
    assertThat(b.faults()).hasSize(2);
    ReportedFault f = b.faults().get(0);
    assertThat(f.reason()).isEqualTo(FaultReason.LGN_2);
    assertThat(f.sid()).isEqualTo(DEV);
    assertThat(f.address()).isEqualTo(0x1234_5000L);
    assertThat(f.write()).isTrue();
    assertThat(b.faults().get(1).write()).isFalse();
    assertThat(f.toString())
        .startsWith("[DMA Write NO_PASID] Request device [02:00.0] fault addr 0x12345000")
        .contains("LGN.2");
    long fsts = h.regs.read32(RegisterTable.FSTS_REG) & 0xFFFF_FFFFL;
    assertThat(Fsts.PPF.isSet(fsts)).as("no record pending").isFalse();
    assertThat(h.regs.faults().pendingRecords()).isEmpty();
    assertThat(h.driver.serviceFaults().faults()).as("nothing new").isEmpty();
  }

  @Test
  void anOverflowIsReportedAndPfoCleared() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    int records = h.unit.cap().faultRecordCount();
    for (int i = 0; i <= records; i++) {
      inject(h, FaultReason.LGN_3, 0x1000L * (i + 1), false);
    }
    FaultBatch b = h.driver.serviceFaults();
    assertThat(b.overflow()).isTrue();
    assertThat(b.faults()).hasSize(records);
    assertThat(Fsts.PFO.isSet(h.regs.read32(RegisterTable.FSTS_REG))).isFalse();
    inject(h, FaultReason.LGN_3, 0x7000, false);
    FaultBatch next = h.driver.serviceFaults();
    assertThat(next.faults()).hasSize(1);
    assertThat(next.faults().get(0).index()).as("ring continues after the last index").isZero();
  }
}
