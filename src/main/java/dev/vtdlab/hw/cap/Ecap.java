package dev.vtdlab.hw.cap;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * ECAP_REG (offset 0x10): extended capabilities (VT-d spec 11.4.3; digest 1.4). Rev 4.x names; rev
 * 3.x names in the docs (FSTS was FLTS, SSTS was SLTS, SSADS was SLADS).
 *
 * @param value the 64-bit register value
 */
public record Ecap(long value) {
  /** Page-walk coherency (legacy walks snoop). Bit 0. */
  public static final BitField C = BitField.bit("C", 0);

  /** Queued invalidation. Bit 1. */
  public static final BitField QI = BitField.bit("QI", 1);

  /** Device-TLB (ATS). Bit 2. */
  public static final BitField DT = BitField.bit("DT", 2);

  /** Interrupt remapping. Bit 3. */
  public static final BitField IR = BitField.bit("IR", 3);

  /** Extended interrupt mode. Bit 4. */
  public static final BitField EIM = BitField.bit("EIM", 4);

  /** Pass-through. Bit 6. */
  public static final BitField PT = BitField.bit("PT", 6);

  /** Snoop control. Bit 7. */
  public static final BitField SC = BitField.bit("SC", 7);

  /** IOTLB register offset in 16-byte units. Bits 17:8. */
  public static final BitField IRO = new BitField("IRO", 17, 8);

  /** Maximum handle-mask value. Bits 23:20. */
  public static final BitField MHMV = new BitField("MHMV", 23, 20);

  /** Memory-type support. Bit 25. */
  public static final BitField MTS = BitField.bit("MTS", 25);

  /** Nested translation. Bit 26. */
  public static final BitField NEST = BitField.bit("NEST", 26);

  /** Page requests. Bit 29. */
  public static final BitField PRS = BitField.bit("PRS", 29);

  /** Execute requests (rev 3.x). Bit 30. */
  public static final BitField ERS = BitField.bit("ERS", 30);

  /** Supervisor requests. Bit 31. */
  public static final BitField SRS = BitField.bit("SRS", 31);

  /** No-write flag. Bit 33. */
  public static final BitField NWFS = BitField.bit("NWFS", 33);

  /** Extended accessed flag. Bit 34. */
  public static final BitField EAFS = BitField.bit("EAFS", 34);

  /** PASID size minus one. Bits 39:35. */
  public static final BitField PSS = new BitField("PSS", 39, 35);

  /** PASID support. Bit 40. */
  public static final BitField PASID = BitField.bit("PASID", 40);

  /** Device-TLB invalidation throttling. Bit 41. */
  public static final BitField DIT = BitField.bit("DIT", 41);

  /** Page-request drain. Bit 42. */
  public static final BitField PDS = BitField.bit("PDS", 42);

  /** Scalable-mode translation. Bit 43. */
  public static final BitField SMTS = BitField.bit("SMTS", 43);

  /** Virtual command (rev 3.x). Bit 44. */
  public static final BitField VCS = BitField.bit("VCS", 44);

  /** Second-stage accessed/dirty (SLADS). Bit 45. */
  public static final BitField SSADS = BitField.bit("SSADS", 45);

  /** Second-stage translation in scalable mode (SLTS). Bit 46. */
  public static final BitField SSTS = BitField.bit("SSTS", 46);

  /** First-stage translation (FLTS). Bit 47. */
  public static final BitField FSTS = BitField.bit("FSTS", 47);

  /** Scalable-mode page-walk coherency. Bit 48. */
  public static final BitField SMPWCS = BitField.bit("SMPWCS", 48);

  /** RID_PASID. Bit 49. */
  public static final BitField RPS = BitField.bit("RPS", 49);

  /** Performance monitoring. Bit 51. */
  public static final BitField PMS = BitField.bit("PMS", 51);

  /** Abort-DMA mode. Bit 52. */
  public static final BitField ADMS = BitField.bit("ADMS", 52);

  /** RID_PRIV. Bit 53. */
  public static final BitField RPRIVS = BitField.bit("RPRIVS", 53);

  /** The layout of ECAP_REG. */
  public static final WordLayout LAYOUT =
      new WordLayout(
          "ECAP_REG",
          C,
          QI,
          DT,
          IR,
          EIM,
          PT,
          SC,
          IRO,
          MHMV,
          MTS,
          NEST,
          PRS,
          ERS,
          SRS,
          NWFS,
          EAFS,
          PSS,
          PASID,
          DIT,
          PDS,
          SMTS,
          VCS,
          SSADS,
          SSTS,
          FSTS,
          SMPWCS,
          RPS,
          PMS,
          ADMS,
          RPRIVS);

  public boolean has(BitField oneBit) {
    return oneBit.isSet(value);
  }

  public boolean queuedInvalidation() {
    return QI.isSet(value);
  }

  public boolean deviceTlb() {
    return DT.isSet(value);
  }

  public boolean passThrough() {
    return PT.isSet(value);
  }

  public boolean snoopControl() {
    return SC.isSet(value);
  }

  /** Byte offset of IVA_REG; IOTLB_REG is 8 bytes above. */
  public int iotlbRegisterOffset() {
    return (int) IRO.get(value) * 16;
  }

  public boolean nested() {
    return NEST.isSet(value);
  }

  public boolean executeRequests() {
    return ERS.isSet(value);
  }

  public boolean supervisorRequests() {
    return SRS.isSet(value);
  }

  public boolean extendedAccessed() {
    return EAFS.isSet(value);
  }

  /** PASID width in bits (PSS + 1). */
  public int pasidBits() {
    return (int) PSS.get(value) + 1;
  }

  public boolean pasid() {
    return PASID.isSet(value);
  }

  public boolean scalableMode() {
    return SMTS.isSet(value);
  }

  public boolean secondStageAccessedDirty() {
    return SSADS.isSet(value);
  }

  public boolean secondStage() {
    return SSTS.isSet(value);
  }

  public boolean firstStage() {
    return FSTS.isSet(value);
  }

  public boolean ridPasid() {
    return RPS.isSet(value);
  }

  public boolean abortDma() {
    return ADMS.isSet(value);
  }

  public boolean ridPriv() {
    return RPRIVS.isSet(value);
  }

  /** Every field by name with a short reading. */
  public Decoded decode() {
    List<Decoded.Field> fields = new ArrayList<>();
    for (BitField f : LAYOUT.fields()) {
      String meaning = "";
      if (f == IRO) {
        meaning =
            String.format(
                "IVA_REG at 0x%x, IOTLB_REG at 0x%x",
                iotlbRegisterOffset(), iotlbRegisterOffset() + 8);
      } else if (f == PSS) {
        meaning = pasidBits() + "-bit PASIDs";
      }
      fields.add(new Decoded.Field(f.name(), f.range(), f.get(value), meaning));
    }
    List<String> errors = new ArrayList<>();
    long reserved = value & LAYOUT.reservedMask();
    if (reserved != 0) {
      errors.add(String.format("reserved bits set: 0x%x", reserved));
    }
    return new Decoded("ECAP_REG", List.of(value), fields, List.of(), errors);
  }

  @Override
  public String toString() {
    return String.format("ECAP_REG 0x%016x", value);
  }
}
