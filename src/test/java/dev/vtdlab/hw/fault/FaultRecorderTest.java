package dev.vtdlab.hw.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import org.junit.jupiter.api.Test;

class FaultRecorderTest {
  private final InterruptLog log = new InterruptLog();

  private FaultRecorder recorder(int records) {
    Cap cap = new Cap(Cap.NFR.set(UnitConfig.legacy().cap().value(), records - 1));
    return new FaultRecorder(cap, log);
  }

  private static FaultRecord fault(FaultReason reason, long iova) {
    return FaultRecord.forRequest(reason, 0x3AFD, iova, true, false, 0, false, false);
  }

  private static void unmask(FaultRecorder r) {
    r.writeFectl(0);
  }

  @Test
  void faultsFillTheRecordsInOrderAndSetPpf() {
    FaultRecorder r = recorder(4);
    for (int i = 0; i < 3; i++) {
      assertThat(r.record(fault(FaultReason.LGN_2, 0x1000L * i), false))
          .isEqualTo(RecordOutcome.RECORDED);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(r.frcd(i).f()).isTrue();
      assertThat(r.frcd(i).fi()).isEqualTo(0x1000L * i);
    }
    assertThat(r.frcd(3).f()).isFalse();
    assertThat(Fsts.PPF.isSet(r.fsts())).isTrue();
    assertThat(Fsts.FRI.get(r.fsts())).isZero();
    assertThat(r.recordedCount()).isEqualTo(3);
  }

  @Test
  void aFullRingSetsPfoAndDropsFurtherFaults() {
    FaultRecorder r = recorder(2);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.record(fault(FaultReason.LGN_2, 0x2000), false);
    assertThat(r.record(fault(FaultReason.LGN_2, 0x3000), false))
        .isEqualTo(RecordOutcome.DROPPED_OVERFLOW);
    assertThat(Fsts.PFO.isSet(r.fsts())).isTrue();
    // PFO set: dropped even after a record is freed
    r.writeFrcdHigh(0, FaultRecord.F.set(r.frcdHigh(0), false));
    assertThat(r.record(fault(FaultReason.LGN_2, 0x4000), false))
        .isEqualTo(RecordOutcome.DROPPED_OVERFLOW);
    assertThat(r.droppedByOverflowCount()).isEqualTo(2);
    assertThat(r.frcd(0).fi()).isEqualTo(0x1000);
  }

  @Test
  void theNextSlotWrapsAfterSoftwareClearsRecords() {
    FaultRecorder r = recorder(2);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.record(fault(FaultReason.LGN_2, 0x2000), false);
    r.writeFrcdHigh(0, 0);
    r.writeFrcdHigh(1, 0);
    assertThat(Fsts.PPF.isSet(r.fsts())).isFalse();
    assertThat(r.record(fault(FaultReason.LGN_3, 0x3000), false)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(r.frcd(0).fi()).isEqualTo(0x3000);
    assertThat(r.record(fault(FaultReason.LGN_3, 0x5000), false)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(r.frcd(1).fi()).isEqualTo(0x5000);
  }

  @Test
  void friPointsAtTheFirstPendingRecordWhenPpfWasSet() {
    FaultRecorder r = recorder(4);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.record(fault(FaultReason.LGN_2, 0x2000), false);
    r.writeFrcdHigh(0, 0);
    r.writeFrcdHigh(1, 0);
    r.record(fault(FaultReason.LGN_2, 0x3000), false);
    assertThat(Fsts.FRI.get(r.fsts())).isEqualTo(2);
    r.record(fault(FaultReason.LGN_2, 0x4000), false);
    assertThat(Fsts.FRI.get(r.fsts())).isEqualTo(2);
    assertThat(r.pendingRecords()).extracting(FaultRecord::fi).containsExactly(0x3000L, 0x4000L);
  }

  @Test
  void fpdSuppressesOnlyQualifiedFaults() {
    FaultRecorder r = recorder(4);
    assertThat(r.record(fault(FaultReason.LGN_2, 0x1000), true))
        .isEqualTo(RecordOutcome.SUPPRESSED_BY_FPD);
    assertThat(r.record(fault(FaultReason.SCT_1, 0x1000), true)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(r.record(fault(FaultReason.LRT_2, 0x1000), true)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(r.record(fault(FaultReason.LGN_2, 0x1000), false)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(r.droppedByFpdCount()).isEqualTo(1);
    assertThat(r.recordedCount()).isEqualTo(3);
  }

  @Test
  void theFaultEventIsMaskedAtResetAndSentWhenSoftwareUnmasks() {
    FaultRecorder r = recorder(4);
    r.event().writeAddress(0xFEE0_0000L);
    r.event().writeData(0x4021);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    assertThat(EventRegisters.IP.isSet(r.fectl())).isTrue();
    assertThat(EventRegisters.IM.isSet(r.fectl())).isTrue();
    assertThat(log.count(InterruptMessage.Source.FAULT_EVENT)).isZero();
    unmask(r);
    assertThat(log.count(InterruptMessage.Source.FAULT_EVENT)).isEqualTo(1);
    assertThat(log.last())
        .isEqualTo(new InterruptMessage(InterruptMessage.Source.FAULT_EVENT, 0xFEE0_0000L, 0x4021));
    assertThat(EventRegisters.IP.isSet(r.fectl())).isFalse();
  }

  @Test
  void onlyTheFirstStatusOfABatchRaisesAnInterrupt() {
    FaultRecorder r = recorder(4);
    unmask(r);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.record(fault(FaultReason.LGN_2, 0x2000), false);
    r.setInvalidationError(InvalidationError.IQE);
    assertThat(r.interruptsSent()).isEqualTo(1);
    // software services everything, then a new fault raises a new interrupt
    r.writeFrcdHigh(0, 0);
    r.writeFrcdHigh(1, 0);
    r.writeFsts(0);
    r.record(fault(FaultReason.LGN_2, 0x3000), false);
    assertThat(r.interruptsSent()).isEqualTo(2);
  }

  @Test
  void ipStaysUntilSoftwareClearsEveryPendingStatus() {
    FaultRecorder r = recorder(4);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.setInvalidationError(InvalidationError.ITE);
    r.writeFrcdHigh(0, 0);
    assertThat(EventRegisters.IP.isSet(r.fectl())).isTrue();
    r.writeFsts(Fsts.ITE.set(0, false));
    assertThat(EventRegisters.IP.isSet(r.fectl())).isFalse();
    // clearing IM later sends nothing: the condition was serviced
    unmask(r);
    assertThat(r.interruptsSent()).isZero();
  }

  @Test
  void softwareClearsPfoThroughFsts() {
    FaultRecorder r = recorder(1);
    r.record(fault(FaultReason.LGN_2, 0x1000), false);
    r.record(fault(FaultReason.LGN_2, 0x2000), false);
    assertThat(Fsts.PFO.isSet(r.fsts())).isTrue();
    r.writeFrcdHigh(0, 0);
    r.writeFsts(r.fsts() & ~Fsts.PFO.mask());
    assertThat(r.fsts() & Fsts.STATUS_MASK).isZero();
    assertThat(r.record(fault(FaultReason.LGN_2, 0x3000), false)).isEqualTo(RecordOutcome.RECORDED);
  }

  @Test
  void invalidationErrorsAreStatusBitsSoftwareClears() {
    FaultRecorder r = recorder(1);
    r.setInvalidationError(InvalidationError.ICE);
    assertThat(r.hasInvalidationError(InvalidationError.ICE)).isTrue();
    assertThat(Fsts.ICE.isSet(r.fsts())).isTrue();
    r.writeFsts(0);
    assertThat(r.hasInvalidationError(InvalidationError.ICE)).isFalse();
  }
}
