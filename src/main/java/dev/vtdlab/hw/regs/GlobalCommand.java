package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;

/**
 * Fields of GCMD_REG (0x18) and GSTS_REG (0x1C), 32 bits each, same bit positions (VT-d spec
 * 11.4.4-5; digest 1.5). Bits 22:0 are reserved in both.
 */
public final class GlobalCommand {
  private GlobalCommand() {}

  /** Translation enable (persistent). GCMD bit 31. */
  public static final BitField TE = BitField.bit("TE", 31);

  /** Set root table pointer (one-shot). GCMD bit 30. */
  public static final BitField SRTP = BitField.bit("SRTP", 30);

  /** Set fault log (one-shot, needs CAP.AFL). GCMD bit 29. */
  public static final BitField SFL = BitField.bit("SFL", 29);

  /** Enable advanced fault logging (persistent, needs CAP.AFL). GCMD bit 28. */
  public static final BitField EAFL = BitField.bit("EAFL", 28);

  /** Write buffer flush (one-shot, needs CAP.RWBF). GCMD bit 27. */
  public static final BitField WBF = BitField.bit("WBF", 27);

  /** Queued invalidation enable (persistent, needs ECAP.QI). GCMD bit 26. */
  public static final BitField QIE = BitField.bit("QIE", 26);

  /** Interrupt remapping enable (persistent, needs ECAP.IR). GCMD bit 25. */
  public static final BitField IRE = BitField.bit("IRE", 25);

  /** Set interrupt remap table pointer (one-shot, needs ECAP.IR). GCMD bit 24. */
  public static final BitField SIRTP = BitField.bit("SIRTP", 24);

  /** Compatibility format interrupt (persistent, needs ECAP.IR). GCMD bit 23. */
  public static final BitField CFI = BitField.bit("CFI", 23);

  /** Translation enable status. GSTS bit 31. */
  public static final BitField TES = BitField.bit("TES", 31);

  /** Root table pointer status. GSTS bit 30. */
  public static final BitField RTPS = BitField.bit("RTPS", 30);

  /** Fault log status. GSTS bit 29. */
  public static final BitField FLS = BitField.bit("FLS", 29);

  /** Advanced fault logging status. GSTS bit 28. */
  public static final BitField AFLS = BitField.bit("AFLS", 28);

  /** Write buffer flush status (1 while a flush is in progress). GSTS bit 27. */
  public static final BitField WBFS = BitField.bit("WBFS", 27);

  /** Queued invalidation enable status. GSTS bit 26. */
  public static final BitField QIES = BitField.bit("QIES", 26);

  /** Interrupt remapping enable status. GSTS bit 25. */
  public static final BitField IRES = BitField.bit("IRES", 25);

  /** Interrupt remap table pointer status. GSTS bit 24. */
  public static final BitField IRTPS = BitField.bit("IRTPS", 24);

  /** Compatibility format interrupt status. GSTS bit 23. */
  public static final BitField CFIS = BitField.bit("CFIS", 23);

  /** GCMD_REG layout. */
  public static final WordLayout GCMD =
      new WordLayout("GCMD_REG", TE, SRTP, SFL, EAFL, WBF, QIE, IRE, SIRTP, CFI);

  /** GSTS_REG layout. */
  public static final WordLayout GSTS =
      new WordLayout("GSTS_REG", TES, RTPS, FLS, AFLS, WBFS, QIES, IRES, IRTPS, CFIS);
}
