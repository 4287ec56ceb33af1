package dev.vtdlab.hw.regs;

import dev.vtdlab.hw.cap.Ecap;

/**
 * The root-table pointer the unit latched from RTADDR_REG at the last GCMD.SRTP (both at reset).
 * Bits at or above HAW are kept as written; the translator checks them (RTA.1 / LRT.1).
 *
 * @param rootTableHpa RTA: the root table's host physical address (bits 11:0 zero)
 * @param mode TTM
 */
public record RootTablePointer(long rootTableHpa, TranslationTableMode mode) {

  /** The reset value: address 0, legacy mode. */
  public static final RootTablePointer RESET = new RootTablePointer(0, TranslationTableMode.LEGACY);

  /** From an RTADDR_REG value. */
  public static RootTablePointer fromRegister(long rtaddr) {
    return new RootTablePointer(
        rtaddr & RootTableAddress.RTA.mask(),
        TranslationTableMode.of((int) RootTableAddress.TTM.get(rtaddr)));
  }

  /** True when the unit supports the latched mode ({@link TranslationTableMode#supportedBy}). */
  public boolean modeSupported(Ecap ecap) {
    return mode.supportedBy(ecap);
  }

  @Override
  public String toString() {
    return String.format("root table at 0x%x, TTM %s", rootTableHpa, mode);
  }
}
