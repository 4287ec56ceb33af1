package dev.vtdlab.hw.inval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Digest 12.6 descriptor values, encoded and decoded. */
class DescriptorVectorsTest {

  @Test
  void pageSelectiveIotlbInvalidationMatchesTheDigest() {
    IotlbInvDescriptor d = IotlbInvDescriptor.page(0x2A, 0x1234_0000L, 4, false);
    assertThat(d.qw0()).isEqualTo(0x0000_0000_002A_0032L);
    assertThat(d.qw1()).isEqualTo(0x0000_0000_1234_0004L);
    InvDescriptor back = InvDescriptor.of(d.qw0(), d.qw1());
    assertThat(back).isEqualTo(d);
    IotlbInvDescriptor t = (IotlbInvDescriptor) back;
    assertThat(t.granularity()).isEqualTo(IotlbInvDescriptor.G_PAGE);
    assertThat(t.did()).isEqualTo(0x2A);
    assertThat(t.am()).isEqualTo(4);
    assertThat(t.iovaStart()).isEqualTo(0x1234_0000L);
    assertThat(t.iovaLast()).isEqualTo(0x1234_FFFFL);
  }

  @Test
  void pasidBasedIotlbPageInvalidationMatchesTheDigest() {
    PasidIotlbInvDescriptor d = PasidIotlbInvDescriptor.page(0x2A, 0x12345, 0x1234_0000L, 4, true);
    assertThat(d.qw0()).isEqualTo(0x0001_2345_002A_0036L);
    assertThat(d.qw1()).isEqualTo(0x1234_0044L);
    PasidIotlbInvDescriptor back = (PasidIotlbInvDescriptor) InvDescriptor.of(d.qw0(), d.qw1());
    assertThat(back.pasid()).isEqualTo(0x12345);
    assertThat(back.did()).isEqualTo(0x2A);
    assertThat(back.ih()).isTrue();
    assertThat(back.granularity()).isEqualTo(PasidIotlbInvDescriptor.G_PAGE);
  }

  @Test
  void pasidSelectivePasidCacheInvalidationMatchesTheDigest() {
    PasidCacheInvDescriptor d = PasidCacheInvDescriptor.pasid(0x2A, 0x12345);
    assertThat(d.qw0()).isEqualTo(0x0001_2345_002A_0017L);
    PasidCacheInvDescriptor back = (PasidCacheInvDescriptor) InvDescriptor.of(d.qw0(), d.qw1());
    assertThat(back.granularity()).isEqualTo(PasidCacheInvDescriptor.G_PASID);
    assertThat(back.pasid()).isEqualTo(0x12345);
  }

  @Test
  void waitWithStatusWriteMatchesTheDigest() {
    InvWaitDescriptor d = InvWaitDescriptor.statusWrite(1, 0x8_0000_1004L);
    assertThat(d.qw0()).isEqualTo(0x0000_0001_0000_0025L);
    assertThat(d.qw1()).isEqualTo(0x8_0000_1004L);
    InvWaitDescriptor back = (InvWaitDescriptor) InvDescriptor.of(d.qw0(), d.qw1());
    assertThat(back.statusWrite()).isTrue();
    assertThat(back.interruptFlag()).isFalse();
    assertThat(back.statusData()).isEqualTo(1);
    assertThat(back.statusHpa()).isEqualTo(0x8_0000_1004L);
  }

  @Test
  void deviceTlbSixtyFourKibMatchesTheDigestForBothTypes() {
    DeviceTlbRange range = DeviceTlbRange.of(0x1234_0000L, 16);
    assertThat(range.addressField()).isEqualTo(0x1234_7000L);
    assertThat(DeviceTlbInvDescriptor.of(0x3AFD, 0, 0, range).qw1()).isEqualTo(0x1234_7001L);
    assertThat(PasidDeviceTlbInvDescriptor.of(0x3AFD, 5, false, 0, 0, range).qw1())
        .isEqualTo(0x1234_7800L);
    DeviceTlbInvDescriptor back =
        (DeviceTlbInvDescriptor)
            InvDescriptor.of(DeviceTlbInvDescriptor.of(0x3AFD, 0, 0, range).qw0(), 0x1234_7001L);
    assertThat(back.range()).isEqualTo(range);
    assertThat(back.sid()).isEqualTo(0x3AFD);
    assertThat(DeviceTlbRange.decode(0x1234_7800L & ~0xFFFL, true)).isEqualTo(range);
  }

  @Test
  void deviceTlbSizeEncodingFollowsTheLowestClearBit() {
    assertThat(DeviceTlbRange.decode(0x5000, false)).isEqualTo(new DeviceTlbRange(0x5000, 0x5FFF));
    assertThat(DeviceTlbRange.decode(0x4000, true)).isEqualTo(new DeviceTlbRange(0x4000, 0x5FFF));
    assertThat(DeviceTlbRange.decode(0x5000, true)).isEqualTo(new DeviceTlbRange(0x4000, 0x7FFF));
    assertThat(
            DeviceTlbRange.decode(DeviceTlbRange.ENTIRE_ADDRESS_FIELD, true).isEntireAddressSpace())
        .isTrue();
    assertThat(DeviceTlbRange.decode(-1L, true).isEntireAddressSpace()).isTrue();
    assertThat(DeviceTlbRange.entire().addressField()).isEqualTo(0x7FFF_FFFF_FFFF_F000L);
    assertThat(DeviceTlbRange.entire().sizeFlag()).isTrue();
    assertThat(DeviceTlbRange.of(0, 63).addressField()).isEqualTo(0x3FFF_FFFF_FFFF_F000L);
    assertThat(DeviceTlbRange.decode(0x3FFF_FFFF_FFFF_F000L, true))
        .isEqualTo(DeviceTlbRange.of(0, 63));
  }

  @Test
  void everyDeviceTlbSizeRoundTripsThroughItsEncoding() {
    for (int lg2 = 12; lg2 <= 64; lg2++) {
      long start = lg2 >= 40 ? 0 : 0x0123_4560_0000_0000L & ~((1L << lg2) - 1);
      DeviceTlbRange r = DeviceTlbRange.of(start, lg2);
      assertThat(DeviceTlbRange.decode(r.addressField(), r.sizeFlag()))
          .as("size 2^%d", lg2)
          .isEqualTo(r);
      assertThat(r.sizeLg2()).isEqualTo(lg2);
    }
  }

  @Test
  void aMisalignedDeviceTlbRangeIsRefused() {
    assertThatThrownBy(() -> DeviceTlbRange.of(0x1000, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("naturally aligned");
  }

  @Test
  void aMisalignedPageInvalidationIsRefused() {
    assertThatThrownBy(() -> IotlbInvDescriptor.page(1, 0x1000, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not aligned");
  }

  @Test
  void everyEncoderRoundTripsThroughDecoding() {
    InvDescriptor[] all = {
      ContextCacheInvDescriptor.global(),
      ContextCacheInvDescriptor.domain(7),
      ContextCacheInvDescriptor.device(7, 0x3AFD, 3),
      IotlbInvDescriptor.global(),
      IotlbInvDescriptor.domain(9),
      DeviceTlbInvDescriptor.of(0x100, 0xABCD, 31, DeviceTlbRange.entire()),
      InterruptEntryCacheInvDescriptor.global(),
      InterruptEntryCacheInvDescriptor.index(0x40, 3),
      InvWaitDescriptor.of(true, true, true, 0xDEADBEEF, 0xFFC),
      PasidIotlbInvDescriptor.pasid(3, 0xFFFFF),
      PasidCacheInvDescriptor.global(),
      PasidCacheInvDescriptor.domain(0xFFFF),
      PasidDeviceTlbInvDescriptor.of(0x200, 9, true, 0, 0, DeviceTlbRange.of(0x2000, 13)),
      PageGroupResponseDescriptor.of(0x300, true, 4, 0xF, 0x1FF)
    };
    int[] types = {1, 1, 1, 2, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9};
    for (int i = 0; i < all.length; i++) {
      InvDescriptor d = all[i];
      assertThat(d.type()).as(d.toString()).isEqualTo(types[i]);
      assertThat(InvDescriptor.of(d.qw0(), d.qw1())).as(d.toString()).isEqualTo(d);
      assertThat(
              (d.qw0() & d.qw0Layout().reservedMask()) | (d.qw1() & d.qw1Layout().reservedMask()))
          .as(d.toString())
          .isZero();
      assertThat(d.decode().errors()).as(d.toString()).isEmpty();
    }
    InvWaitDescriptor w = (InvWaitDescriptor) all[8];
    assertThat(w.statusData()).isEqualTo(0xDEADBEEF);
    assertThat(w.fence()).isTrue();
    assertThat(((ContextCacheInvDescriptor) all[2]).fm()).isEqualTo(3);
    assertThat(((DeviceTlbInvDescriptor) all[5]).pfsid()).isEqualTo(0xABCD);
    assertThat(((DeviceTlbInvDescriptor) all[5]).mip()).isEqualTo(31);
    assertThat(((InterruptEntryCacheInvDescriptor) all[7]).iidx()).isEqualTo(0x40);
    assertThat(((PasidDeviceTlbInvDescriptor) all[12]).allPasids()).isTrue();
  }

  @Test
  void reservedMasksAgreeWithQemuMasksPlusTypeHigh() {
    // digest 9.5: QEMU treats Type[6:4] as reserved too
    long typeHi = DescriptorFields.TYPE_HI.mask();
    assertThat(ContextCacheInvDescriptor.QW0.reservedMask() | typeHi)
        .isEqualTo(0xFFFC_0000_0000_FFC0L);
    assertThat(IotlbInvDescriptor.QW0.reservedMask() | typeHi).isEqualTo(0xFFFF_FFFF_0000_FF00L);
    assertThat(IotlbInvDescriptor.QW1.reservedMask()).isEqualTo(0xF80L);
    assertThat(PasidIotlbInvDescriptor.QW0.reservedMask() | typeHi)
        .isEqualTo(0xFFF0_0000_0000_FFC0L);
    assertThat(PasidIotlbInvDescriptor.QW1.reservedMask()).isEqualTo(0xF80L);
    assertThat(ContextCacheInvDescriptor.QW1.reservedMask()).isEqualTo(-1L);
    assertThat(InvWaitDescriptor.QW1.reservedMask()).isEqualTo(3L);
  }

  @Test
  void theTypeIsSplitAcrossBits3To0And11To9() {
    assertThat(InvDescriptor.of(0x200 | 2, 0)).isInstanceOf(UnknownInvDescriptor.class);
    assertThat(InvDescriptor.of(0x200 | 2, 0).type()).isEqualTo(0x12);
    assertThat(InvDescriptor.of(0, 0)).isInstanceOf(UnknownInvDescriptor.class);
    assertThat(InvDescriptor.of(0xA, 0)).isInstanceOf(UnknownInvDescriptor.class);
  }
}
