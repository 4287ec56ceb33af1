package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of the registers the model stores without modelling their function (VT-d spec 11.4; digest
 * 1.1, 1.8): VER, AFLOG, PMEN and the protected-memory base/limit registers, IRTA and the
 * page-request queue registers. Protected memory regions, advanced fault logging, interrupt
 * remapping and page requests are not modelled: the registers hold what software writes (and what
 * GCMD latches), nothing acts on them.
 */
public final class MiscRegisters {
  private MiscRegisters() {}

  /** VER_REG minor version. RO. Bits 3:0. */
  public static final BitField VER_MIN = new BitField("MIN", 3, 0);

  /** VER_REG major version. RO. Bits 7:4. */
  public static final BitField VER_MAX = new BitField("MAX", 7, 4);

  public static final WordLayout VER = new WordLayout("VER_REG", VER_MIN, VER_MAX);

  /** AFLOG_REG fault log size: 2^FLS pages. RW (needs CAP.AFL). Bits 11:9. */
  public static final BitField FLS = new BitField("FLS", 11, 9);

  /** AFLOG_REG fault log address. RW (needs CAP.AFL). Bits 63:12. */
  public static final BitField FLA = new BitField("FLA", 63, 12);

  public static final WordLayout AFLOG = new WordLayout("AFLOG_REG", FLS, FLA);

  /** PMEN_REG protected region status (follows EPM). RO. Bit 0. */
  public static final BitField PRS = BitField.bit("PRS", 0);

  /** PMEN_REG enable protected memory. RW. Bit 31. */
  public static final BitField EPM = BitField.bit("EPM", 31);

  public static final WordLayout PMEN = new WordLayout("PMEN_REG", PRS, EPM);

  /** PLMBASE_REG / PLMLIMIT_REG value (alignment is implementation specific). RW. Bits 31:0. */
  public static final BitField PLM = new BitField("PLM", 31, 0);

  public static final WordLayout PLM_LAYOUT = new WordLayout("PLMBASE/PLMLIMIT", PLM);

  /** PHMBASE_REG / PHMLIMIT_REG value. RW. Bits 63:0. */
  public static final BitField PHM = new BitField("PHM", 63, 0);

  public static final WordLayout PHM_LAYOUT = new WordLayout("PHMBASE/PHMLIMIT", PHM);

  /** IRTA_REG size: 2^(S+1) entries. RW (needs ECAP.IR). Bits 3:0. */
  public static final BitField IRTA_S = new BitField("S", 3, 0);

  /** IRTA_REG extended interrupt mode enable (needs ECAP.EIM). RW. Bit 11. */
  public static final BitField EIME = BitField.bit("EIME", 11);

  /** IRTA_REG table address. RW. Bits 63:12. */
  public static final BitField IRTA = new BitField("IRTA", 63, 12);

  public static final WordLayout IRTA_LAYOUT = new WordLayout("IRTA_REG", IRTA_S, EIME, IRTA);

  /** PQH_REG / PQT_REG page request queue index. RW. Bits 18:5. */
  public static final BitField PQ_INDEX = new BitField("PQ", 18, 5);

  public static final WordLayout PQ = new WordLayout("PQH/PQT_REG", PQ_INDEX);

  /** PQA_REG size: 2^PQS pages. RW. Bits 2:0. */
  public static final BitField PQS = new BitField("PQS", 2, 0);

  /** PQA_REG base address. RW. Bits 63:12. */
  public static final BitField PQA = new BitField("PQA", 63, 12);

  public static final WordLayout PQA_LAYOUT = new WordLayout("PQA_REG", PQS, PQA);

  /** PRS_REG pending page request. RW1C. Bit 0. */
  public static final BitField PPR = BitField.bit("PPR", 0);

  /** PRS_REG page request overflow. RW1C. Bit 1. */
  public static final BitField PRO = BitField.bit("PRO", 1);

  public static final WordLayout PRS_LAYOUT = new WordLayout("PRS_REG", PPR, PRO);
}
