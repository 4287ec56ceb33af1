package dev.vtdlab.hw.cap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.bits.Decoded;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Digest 12.4: the QEMU-like CAP and ECAP values, as the qemu preset holds them. */
class CapabilityDecodeTest {

  private static Map<String, Long> values(Decoded d) {
    return d.fields().stream().collect(Collectors.toMap(Decoded.Field::name, Decoded.Field::value));
  }

  @Test
  void qemuCapDecodesToTheDigestFields() {
    Cap cap = UnitConfig.qemu().cap();
    assertThat(cap.value()).isEqualTo(0x01D2_008C_226F_0686L);
    Decoded d = cap.decode();
    assertThat(values(d))
        .containsEntry("ND", 6L)
        .containsEntry("AFL", 0L)
        .containsEntry("RWBF", 0L)
        .containsEntry("PLMR", 0L)
        .containsEntry("PHMR", 0L)
        .containsEntry("CM", 1L)
        .containsEntry("SAGAW", 0b00110L)
        .containsEntry("MGAW", 47L)
        .containsEntry("ZLR", 1L)
        .containsEntry("FRO", 0x22L)
        .containsEntry("SSLPS", 0b0011L)
        .containsEntry("PSI", 1L)
        .containsEntry("NFR", 0L)
        .containsEntry("MAMV", 18L)
        .containsEntry("DWD", 1L)
        .containsEntry("DRD", 1L)
        .containsEntry("FS1GP", 1L)
        .containsEntry("PI", 0L)
        .containsEntry("FS5LP", 0L);
    assertThat(cap.domainIdBits()).isEqualTo(16);
    assertThat(cap.mgaw()).isEqualTo(48);
    assertThat(cap.faultRecordOffset()).isEqualTo(0x220);
    assertThat(cap.faultRecordCount()).isEqualTo(1);
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void qemuEcapDecodesToTheDigestFields() {
    Ecap ecap = UnitConfig.qemu().ecap();
    assertThat(ecap.value()).isEqualTo(0x0000_C998_A4F0_0F5EL);
    Decoded d = ecap.decode();
    assertThat(values(d))
        .containsEntry("C", 0L)
        .containsEntry("QI", 1L)
        .containsEntry("DT", 1L)
        .containsEntry("IR", 1L)
        .containsEntry("EIM", 1L)
        .containsEntry("PT", 1L)
        .containsEntry("SC", 0L)
        .containsEntry("IRO", 0x0FL)
        .containsEntry("MHMV", 15L)
        .containsEntry("NEST", 1L)
        .containsEntry("PRS", 1L)
        .containsEntry("SRS", 1L)
        .containsEntry("PSS", 19L)
        .containsEntry("PASID", 1L)
        .containsEntry("SMTS", 1L)
        .containsEntry("SSTS", 1L)
        .containsEntry("FSTS", 1L);
    assertThat(ecap.iotlbRegisterOffset()).isEqualTo(0xF0);
    assertThat(ecap.pasidBits()).isEqualTo(20);
    assertThat(d.errors()).isEmpty();
  }
}
