package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * A queued-invalidation descriptor (VT-d spec 6.5.2; digest 9.5): the low 128 bits as two words.
 * With IQA.DW = 1 descriptors are 256 bits and qwords 2 and 3 are reserved (zero) for every type
 * modelled here; the queue checks them. Decoding is {@link #of}: one record type per descriptor
 * type, {@link UnknownInvDescriptor} for the rest.
 */
public sealed interface InvDescriptor
    permits ContextCacheInvDescriptor,
        IotlbInvDescriptor,
        DeviceTlbInvDescriptor,
        InterruptEntryCacheInvDescriptor,
        InvWaitDescriptor,
        PasidIotlbInvDescriptor,
        PasidCacheInvDescriptor,
        PasidDeviceTlbInvDescriptor,
        PageGroupResponseDescriptor,
        UnknownInvDescriptor {

  /** Qword 0 (bits 63:0). */
  long qw0();

  /** Qword 1 (bits 127:64). */
  long qw1();

  /** The 7-bit type (Type[6:4] from bits 11:9, Type[3:0] from bits 3:0). */
  default int type() {
    return DescriptorFields.type(qw0());
  }

  /** The spec's name of the descriptor. */
  String name();

  /** Layout of qword 0. */
  WordLayout qw0Layout();

  /** Layout of qword 1. */
  WordLayout qw1Layout();

  /**
   * Bits of qword 0 that must be zero on this unit: the layout's reserved bits plus fields that
   * need a capability the unit lacks.
   */
  default long reservedQw0(UnitConfig config) {
    return qw0Layout().reservedMask();
  }

  /** Bits of qword 1 that must be zero on this unit. */
  default long reservedQw1(UnitConfig config) {
    return qw1Layout().reservedMask();
  }

  /** A sentence naming a reserved encoding of a field (a granularity, ...), or "" when none. */
  default String invalidEncoding() {
    return "";
  }

  /** A short reading of one field's value, may be empty. */
  default String fieldMeaning(BitField field) {
    return "";
  }

  /** What the descriptor asks for, in one line (may be empty). */
  default String summary() {
    return "";
  }

  /** Every named field with the problems found (128-bit view). */
  default Decoded decode() {
    return DescriptorDecoding.decode(this, new long[0]);
  }

  /** The 256-bit view: qwords 2 and 3 must be zero. */
  default Decoded decode(long qw2, long qw3) {
    return DescriptorDecoding.decode(this, new long[] {qw2, qw3});
  }

  /** The descriptor these words hold, by type. */
  static InvDescriptor of(long qw0, long qw1) {
    return switch (DescriptorFields.type(qw0)) {
      case ContextCacheInvDescriptor.TYPE -> new ContextCacheInvDescriptor(qw0, qw1);
      case IotlbInvDescriptor.TYPE -> new IotlbInvDescriptor(qw0, qw1);
      case DeviceTlbInvDescriptor.TYPE -> new DeviceTlbInvDescriptor(qw0, qw1);
      case InterruptEntryCacheInvDescriptor.TYPE -> new InterruptEntryCacheInvDescriptor(qw0, qw1);
      case InvWaitDescriptor.TYPE -> new InvWaitDescriptor(qw0, qw1);
      case PasidIotlbInvDescriptor.TYPE -> new PasidIotlbInvDescriptor(qw0, qw1);
      case PasidCacheInvDescriptor.TYPE -> new PasidCacheInvDescriptor(qw0, qw1);
      case PasidDeviceTlbInvDescriptor.TYPE -> new PasidDeviceTlbInvDescriptor(qw0, qw1);
      case PageGroupResponseDescriptor.TYPE -> new PageGroupResponseDescriptor(qw0, qw1);
      default -> new UnknownInvDescriptor(qw0, qw1);
    };
  }
}
