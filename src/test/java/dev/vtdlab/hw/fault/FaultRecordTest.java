package dev.vtdlab.hw.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import org.junit.jupiter.api.Test;

class FaultRecordTest {

  @Test
  void legacyWriteFaultEncodesAsTheDigestVector() {
    // digest 12.5: FR 0x05 (LGN.2), SID 0x3AFD, write
    FaultRecord r =
        FaultRecord.forRequest(
            FaultReason.LGN_2, 0x3AFD, 0x1234_5678L, true, false, 0, false, false);
    assertThat(r.hi()).isEqualTo(0x8000_0005_0000_3AFDL);
    assertThat(r.lo()).isEqualTo(0x1234_5000L);
  }

  @Test
  void scalableReadFaultWithPasidEncodesAsTheDigestVector() {
    // digest 12.5: FR 0x86 (SGN.7), PASID 0x12345, SID 0x3AFD, read
    FaultRecord r =
        FaultRecord.forRequest(
            FaultReason.SGN_7, 0x3AFD, 0x7730_ADA5_2ABCL, false, true, 0x12345, false, false);
    assertThat(r.hi()).isEqualTo(0xC123_4586_8000_3AFDL);
    assertThat(r.lo()).isEqualTo(0x7730_ADA5_2000L);
  }

  @Test
  void faultInfoKeepsOnlyBitsBelowTheLargestSagawWidth() {
    // docs/spec-deviations.md row 12: spec 5.10 11.4.7.6, bits 63:N of FI are 0
    assertThat(FaultRecord.faultInfoWidth(UnitConfig.legacy().cap())).isEqualTo(48);
    assertThat(FaultRecord.faultInfoWidth(UnitConfig.qemu().cap())).isEqualTo(48);
    assertThat(FaultRecord.faultInfoWidth(UnitConfig.server().cap())).isEqualTo(57);
    Cap none = new Cap(Cap.SAGAW.set(UnitConfig.server().cap().value(), 0));
    assertThat(FaultRecord.faultInfoWidth(none)).isEqualTo(64);
    Cap only39 = new Cap(Cap.SAGAW.set(UnitConfig.server().cap().value(), 0b00010));
    assertThat(FaultRecord.faultInfoWidth(only39)).isEqualTo(39);
    long address = 0xFFFF_8123_4567_8ABCL;
    assertThat(
            FaultRecord.forRequest(FaultReason.SGN_1, 1, address, false, false, 0, false, false, 48)
                .fi())
        .isEqualTo(0x8123_4567_8000L);
    assertThat(
            FaultRecord.forRequest(FaultReason.SGN_1, 1, address, false, false, 0, false, false)
                .fi())
        .as("the eight-argument form keeps every bit (width 64)")
        .isEqualTo(0xFFFF_8123_4567_8000L);
    assertThatThrownBy(
            () ->
                FaultRecord.forRequest(
                    FaultReason.SGN_1, 1, address, false, false, 0, false, false, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FI width 12");
  }

  @Test
  void decodingTheWordsGivesBackEveryField() {
    FaultRecord r = new FaultRecord(0x7730_ADA5_2000L, 0xC123_4586_8000_3AFDL);
    assertThat(r.f()).isTrue();
    assertThat(r.t1()).isTrue();
    assertThat(r.t2()).isFalse();
    assertThat(r.at()).isZero();
    assertThat(r.pv()).isEqualTo(0x12345);
    assertThat(r.fr()).isEqualTo(0x86);
    assertThat(r.reason()).isEqualTo(FaultReason.SGN_7);
    assertThat(r.pp()).isTrue();
    assertThat(r.exe()).isFalse();
    assertThat(r.priv()).isFalse();
    assertThat(r.sid()).isEqualTo(0x3AFD);
    assertThat(r.fi()).isEqualTo(0x7730_ADA5_2000L);
    assertThat(r.requestType()).isEqualTo("read");
  }

  @Test
  void ofAndAccessorsRoundTripEveryField() {
    FaultRecord r =
        FaultRecord.of(0xFFFF_F000L, 0xABCD, true, 0xFFFFF, true, true, 0x91, true, true, 2, false);
    FaultRecord back = new FaultRecord(r.lo(), r.hi());
    assertThat(back.fi()).isEqualTo(0xFFFF_F000L);
    assertThat(back.sid()).isEqualTo(0xABCD);
    assertThat(back.pp()).isTrue();
    assertThat(back.pv()).isEqualTo(0xFFFFF);
    assertThat(back.priv()).isTrue();
    assertThat(back.exe()).isTrue();
    assertThat(back.fr()).isEqualTo(0x91);
    assertThat(back.t1()).isTrue();
    assertThat(back.t2()).isTrue();
    assertThat(back.at()).isEqualTo(2);
    assertThat(back.f()).isFalse();
    assertThat(back.requestType()).isEqualTo("AtomicOp");
    assertThat(back.withF(true).hi()).isEqualTo(r.hi() | 1L << 63);
  }

  @Test
  void requestsWithoutPasidReportNoPasidPrivilegeOrExecute() {
    // D22: PP/PV/PRIV/EXE only for requests with PASID
    FaultRecord r =
        FaultRecord.forRequest(FaultReason.LGN_3, 0x10, 0x1000, false, false, 0x55, true, true);
    assertThat(r.pp()).isFalse();
    assertThat(r.pv()).isZero();
    assertThat(r.priv()).isFalse();
    assertThat(r.exe()).isFalse();
  }

  @Test
  void executeRequestsReportTypeRead() {
    FaultRecord r =
        FaultRecord.forRequest(FaultReason.SGN_3, 0x10, 0x1000, false, true, 7, true, true);
    assertThat(r.t1()).isTrue();
    assertThat(r.exe()).isTrue();
    assertThat(r.priv()).isTrue();
  }

  @Test
  void theHighWordLayoutLeavesExactlyBits91To80Reserved() {
    assertThat(FaultRecord.HI.reservedMask()).isEqualTo(0xFFFL << 16);
    assertThat(FaultRecord.LO.reservedMask()).isEqualTo(0xFFFL);
  }

  @Test
  void decodeNamesTheFieldsAndTheReason() {
    Decoded d = new FaultRecord(0x1000, 0x8000_0005_0000_3AFDL).decode();
    assertThat(d.errors()).isEmpty();
    assertThat(d.fields())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("FR");
              assertThat(f.bits()).isEqualTo("103:96");
              assertThat(f.value()).isEqualTo(5);
              assertThat(f.meaning()).isEqualTo("LGN.2");
            });
    assertThat(d.toText()).contains("SID").contains("3a:1f.5").contains("write");
  }

  @Test
  void decodeOfGarbageReportsProblemsInsteadOfThrowing() {
    Decoded d = new FaultRecord(-1L, -1L).decode();
    assertThat(d.errors())
        .anyMatch(e -> e.contains("reserved"))
        .anyMatch(e -> e.contains("not a known fault reason"))
        .anyMatch(e -> e.contains("AT = 11b"));
    assertThat(new FaultRecord(-1L, -1L).toString()).contains("FR=0xff");
  }

  @Test
  void aFaultInfoThatIsNotPageAlignedIsRefused() {
    assertThatThrownBy(
            () -> FaultRecord.of(0x1001, 0, false, 0, false, false, 5, false, false, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not page aligned");
  }

  @Test
  void qualifiedFollowsTheReasonAndUnknownCodesAreNotQualified() {
    assertThat(new FaultRecord(0, FaultRecord.FR.set(0, 0x05)).qualified()).isTrue();
    assertThat(new FaultRecord(0, FaultRecord.FR.set(0, 0x01)).qualified()).isFalse();
    assertThat(new FaultRecord(0, FaultRecord.FR.set(0, 0xEE)).qualified()).isFalse();
  }
}
