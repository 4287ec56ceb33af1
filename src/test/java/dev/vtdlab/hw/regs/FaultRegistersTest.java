package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.RegisterTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.fault.InterruptMessage;
import dev.vtdlab.hw.fault.RecordOutcome;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault recording as software sees it through the registers. */
class FaultRegistersTest {
  private final RemappingRegisters u =
      new RemappingRegisters(UnitConfig.legacy(), new SparseMemory(48), InvalidationTarget.none());

  private RecordOutcome fault(FaultReason reason, long iova, boolean fpd) {
    return u.recordFault(
        FaultRecord.forRequest(reason, 0x3AFD, iova, true, false, 0, false, false), fpd);
  }

  /** A Linux-like fault handler: walk from FRI while F = 1, clear each, then clear PFO. */
  private List<FaultRecord> serviceFaults() {
    List<FaultRecord> seen = new ArrayList<>();
    int fsts = u.read32(FSTS_REG);
    int index = (int) Fsts.FRI.get(fsts);
    int n = u.table().frcdCount();
    if (Fsts.PPF.isSet(fsts)) {
      for (int i = 0; i < n; i++) {
        int off = u.table().frcdOffset(index);
        long hi = u.read64(off + 8);
        if (!FaultRecord.F.isSet(hi)) {
          break;
        }
        seen.add(new FaultRecord(u.read64(off), hi));
        u.write32(off + 12, 0x8000_0000);
        index = (index + 1) % n;
      }
    }
    u.write32(FSTS_REG, (int) (Fsts.PFO.mask() | Fsts.IQE.mask()));
    return seen;
  }

  @Test
  void aRecordedFaultIsReadThroughTheFrcdRegisters() {
    assertThat(fault(FaultReason.LGN_2, 0x1234_5678L, false)).isEqualTo(RecordOutcome.RECORDED);
    int off = u.table().frcdOffset(0);
    assertThat(u.read64(off)).isEqualTo(0x1234_5000L);
    assertThat(u.read64(off + 8)).isEqualTo(0x8000_0005_0000_3AFDL);
    assertThat(u.read32(off + 12)).isEqualTo(0x8000_0005);
    assertThat(u.read32(FSTS_REG)).isEqualTo((int) Fsts.PPF.mask());
  }

  @Test
  void frcdFieldsOtherThanFAreReadOnly() {
    fault(FaultReason.LGN_2, 0x1000, false);
    int off = u.table().frcdOffset(0);
    u.write64(off, 0);
    u.write64(off + 8, 0x0000_0000_0000_0000L);
    assertThat(u.read64(off)).isEqualTo(0x1000);
    assertThat(u.read64(off + 8)).isEqualTo(0x8000_0005_0000_3AFDL);
    u.write64(off + 8, 0x7FFF_FFFF_FFFF_FFFFL);
    assertThat(u.read64(off + 8)).isEqualTo(0x8000_0005_0000_3AFDL);
  }

  @Test
  void softwareServicesTheRingAndOverflowLikeLinux() {
    for (int i = 0; i < 6; i++) {
      fault(FaultReason.LGN_2, 0x1000L * (i + 1), false);
    }
    assertThat(u.read32(FSTS_REG) & 3).isEqualTo(3);
    List<FaultRecord> seen = serviceFaults();
    assertThat(seen)
        .extracting(FaultRecord::fi)
        .containsExactly(0x1000L, 0x2000L, 0x3000L, 0x4000L);
    assertThat(u.read32(FSTS_REG)).isZero();
    assertThat(u.faults().droppedByOverflowCount()).isEqualTo(2);
    // the ring continues where it stopped: slot 0 again, FRI = 0
    fault(FaultReason.LGN_3, 0x9000, false);
    assertThat(Fsts.FRI.get(u.read32(FSTS_REG))).isZero();
    fault(FaultReason.LGN_3, 0xA000, false);
    serviceFaults();
    fault(FaultReason.LGN_3, 0xB000, false);
    assertThat(Fsts.FRI.get(u.read32(FSTS_REG))).isEqualTo(2);
    assertThat(serviceFaults()).extracting(FaultRecord::fi).containsExactly(0xB000L);
  }

  @Test
  void fpdSuppressedFaultsLeaveNoTrace() {
    assertThat(fault(FaultReason.LCT_2, 0x1000, true)).isEqualTo(RecordOutcome.SUPPRESSED_BY_FPD);
    assertThat(u.read32(FSTS_REG)).isZero();
    // LCT.3 is qualified in spec 5.10 Table 30 (docs/spec-deviations.md): suppressed too
    assertThat(fault(FaultReason.LCT_3, 0x1000, true)).isEqualTo(RecordOutcome.SUPPRESSED_BY_FPD);
    // a read error on the context entry (LCT.1) is not qualified: recorded despite FPD
    assertThat(fault(FaultReason.LCT_1, 0x1000, true)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(u.faults().droppedByFpdCount()).isEqualTo(2);
  }

  @Test
  void theFaultEventCarriesFeaddrAndFedata() {
    u.write32(FEDATA_REG, 0x4041);
    u.write32(FEADDR_REG, 0xFEE0_F00C);
    u.write32(FEUADDR_REG, 0x12);
    u.write32(FECTL_REG, 0);
    fault(FaultReason.LGN_2, 0x1000, false);
    assertThat(u.interrupts().messages())
        .containsExactly(
            new InterruptMessage(InterruptMessage.Source.FAULT_EVENT, 0x12_FEE0_F00CL, 0x4041));
    assertThat(u.read32(FECTL_REG)).isZero();
    // pending fault not serviced: further faults send nothing
    fault(FaultReason.LGN_2, 0x2000, false);
    assertThat(u.faults().interruptsSent()).isEqualTo(1);
  }

  @Test
  void aMaskedFaultEventIsSentWhenSoftwareUnmasks() {
    fault(FaultReason.LGN_2, 0x1000, false);
    assertThat(u.read32(FECTL_REG)).isEqualTo(0xC000_0000);
    assertThat(u.interrupts().messages()).isEmpty();
    u.write32(FECTL_REG, 0);
    assertThat(u.interrupts().count(InterruptMessage.Source.FAULT_EVENT)).isEqualTo(1);
    assertThat(u.read32(FECTL_REG)).isZero();
  }

  @Test
  void ipIsClearedWhenSoftwareClearsAllPendingStatus() {
    fault(FaultReason.LGN_2, 0x1000, false);
    assertThat(u.read32(FECTL_REG) & 0x4000_0000).isNotZero();
    serviceFaults();
    assertThat(u.read32(FECTL_REG)).isEqualTo(0x8000_0000);
  }
}
