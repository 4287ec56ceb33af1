package dev.vtdlab.hw.cap;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * CAP_REG (offset 0x08): the unit's capabilities (VT-d spec 11.4.2; digest 1.3). Rev 4.x names with
 * the rev 3.x names in the docs (SSLPS was SLLPS, FS1GP was FL1GP, FS5LP was FL5LP).
 *
 * @param value the 64-bit register value
 */
public record Cap(long value) {
  /** Number of domains supported: 2^(4 + 2*ND). Bits 2:0. */
  public static final BitField ND = new BitField("ND", 2, 0);

  /** Advanced fault logging. Bit 3. */
  public static final BitField AFL = BitField.bit("AFL", 3);

  /** Required write-buffer flushing. Bit 4. */
  public static final BitField RWBF = BitField.bit("RWBF", 4);

  /** Protected low-memory region. Bit 5. */
  public static final BitField PLMR = BitField.bit("PLMR", 5);

  /** Protected high-memory region. Bit 6. */
  public static final BitField PHMR = BitField.bit("PHMR", 6);

  /** Caching mode: not-present and erroneous entries may be cached (spec 6.1). Bit 7. */
  public static final BitField CM = BitField.bit("CM", 7);

  /** Supported adjusted guest address widths, bit n+8 for AW = n. Bits 12:8. */
  public static final BitField SAGAW = new BitField("SAGAW", 12, 8);

  /** Maximum guest address width minus one. Bits 21:16. */
  public static final BitField MGAW = new BitField("MGAW", 21, 16);

  /** Zero-length reads. Bit 22. */
  public static final BitField ZLR = BitField.bit("ZLR", 22);

  /** Fault-recording register offset in 16-byte units. Bits 33:24. */
  public static final BitField FRO = new BitField("FRO", 33, 24);

  /** Second-stage large pages (SLLPS): bit 34 = 2 MiB, bit 35 = 1 GiB. Bits 37:34. */
  public static final BitField SSLPS = new BitField("SSLPS", 37, 34);

  /** Page-selective invalidation. Bit 39. */
  public static final BitField PSI = BitField.bit("PSI", 39);

  /** Number of fault-recording registers minus one. Bits 47:40. */
  public static final BitField NFR = new BitField("NFR", 47, 40);

  /** Maximum address-mask value for page-selective invalidation. Bits 53:48. */
  public static final BitField MAMV = new BitField("MAMV", 53, 48);

  /** Write draining. Bit 54. */
  public static final BitField DWD = BitField.bit("DWD", 54);

  /** Read draining. Bit 55. */
  public static final BitField DRD = BitField.bit("DRD", 55);

  /** First-stage 1 GiB pages (FL1GP). Bit 56. */
  public static final BitField FS1GP = BitField.bit("FS1GP", 56);

  /** Posted interrupts. Bit 59. */
  public static final BitField PI = BitField.bit("PI", 59);

  /** First-stage 5-level paging (FL5LP). Bit 60. */
  public static final BitField FS5LP = BitField.bit("FS5LP", 60);

  /** Enhanced command support. Bit 61. */
  public static final BitField ECMDS = BitField.bit("ECMDS", 61);

  /** Enhanced set interrupt remap table pointer. Bit 62. */
  public static final BitField ESIRTPS = BitField.bit("ESIRTPS", 62);

  /** Enhanced set root table pointer: SRTP also invalidates all caches. Bit 63. */
  public static final BitField ESRTPS = BitField.bit("ESRTPS", 63);

  /** The layout of CAP_REG. */
  public static final WordLayout LAYOUT =
      new WordLayout(
          "CAP_REG", ND, AFL, RWBF, PLMR, PHMR, CM, SAGAW, MGAW, ZLR, FRO, SSLPS, PSI, NFR, MAMV,
          DWD, DRD, FS1GP, PI, FS5LP, ECMDS, ESIRTPS, ESRTPS);

  public int nd() {
    return (int) ND.get(value);
  }

  /** Width of a domain id in bits: 4 + 2*ND. */
  public int domainIdBits() {
    return 4 + 2 * nd();
  }

  public boolean rwbf() {
    return RWBF.isSet(value);
  }

  public boolean cachingMode() {
    return CM.isSet(value);
  }

  public int sagaw() {
    return (int) SAGAW.get(value);
  }

  /** True when AW value {@code aw} (0..4) is in SAGAW. */
  public boolean supportsAgaw(int aw) {
    return aw >= 0 && aw <= 4 && (sagaw() & (1 << aw)) != 0;
  }

  /** The largest AW value in SAGAW, or -1 when SAGAW is empty. */
  public int largestAgaw() {
    return 31 - Integer.numberOfLeadingZeros(sagaw());
  }

  /** Maximum guest address width in bits (CAP.MGAW + 1). */
  public int mgaw() {
    return (int) MGAW.get(value) + 1;
  }

  public boolean zlr() {
    return ZLR.isSet(value);
  }

  /** Byte offset of the first fault-recording register. */
  public int faultRecordOffset() {
    return (int) FRO.get(value) * 16;
  }

  /** Number of fault-recording registers (NFR + 1). */
  public int faultRecordCount() {
    return (int) NFR.get(value) + 1;
  }

  public boolean secondStage2M() {
    return (SSLPS.get(value) & 1) != 0;
  }

  public boolean secondStage1G() {
    return (SSLPS.get(value) & 2) != 0;
  }

  public boolean psi() {
    return PSI.isSet(value);
  }

  public int mamv() {
    return (int) MAMV.get(value);
  }

  public boolean firstStage1G() {
    return FS1GP.isSet(value);
  }

  public boolean firstStage5Level() {
    return FS5LP.isSet(value);
  }

  public boolean esrtps() {
    return ESRTPS.isSet(value);
  }

  /** Every field by name with a short reading. */
  public Decoded decode() {
    List<Decoded.Field> fields = new ArrayList<>();
    for (BitField f : LAYOUT.fields()) {
      fields.add(new Decoded.Field(f.name(), f.range(), f.get(value), meaning(f)));
    }
    List<String> errors = new ArrayList<>();
    long reserved = value & LAYOUT.reservedMask();
    if (reserved != 0) {
      errors.add(String.format("reserved bits set: 0x%x", reserved));
    }
    return new Decoded("CAP_REG", List.of(value), fields, List.of(), errors);
  }

  private String meaning(BitField f) {
    if (f == ND) {
      return (1L << domainIdBits()) + " domain ids";
    }
    if (f == SAGAW) {
      StringBuilder sb = new StringBuilder();
      for (int aw = 0; aw <= 4; aw++) {
        if (supportsAgaw(aw)) {
          sb.append(sb.length() == 0 ? "" : ", ").append(30 + 9 * aw).append("-bit");
        }
      }
      return sb.toString();
    }
    if (f == MGAW) {
      return mgaw() + "-bit";
    }
    if (f == FRO) {
      return String.format("first fault record at 0x%x", faultRecordOffset());
    }
    if (f == NFR) {
      return faultRecordCount() + " fault record(s)";
    }
    if (f == SSLPS) {
      return (secondStage2M() ? "2M " : "") + (secondStage1G() ? "1G" : "");
    }
    return "";
  }

  @Override
  public String toString() {
    return String.format("CAP_REG 0x%016x", value);
  }
}
