package dev.vtdlab.hw.inval;

import dev.vtdlab.hw.cap.Cap;

/**
 * Register-based invalidation (VT-d spec 6.5.1; digest 9.4): the commands of CCMD_REG and IOTLB_REG
 * (with IVA_REG). Each command runs synchronously and returns the register value software then
 * reads: ICC / IVT cleared and CAIG / IAIG set to the granularity actually performed.
 *
 * <ul>
 *   <li>A requested granularity of 00 is not performed: CAIG / IAIG = 00.
 *   <li>Refused commands (the unit refuses register-based invalidation while GSTS.QIES = 1, spec
 *       6.5.1 "must not be used" and VirtualBox) are not performed: CAIG / IAIG = 00.
 *   <li>Page-selective IOTLB invalidation without CAP.PSI is performed as domain-selective (IAIG =
 *       10); with AM above CAP.MAMV the request is incorrect and ignored (IAIG = 00; the spec's
 *       example of an incorrect request).
 *   <li>DR/DW (drain) need no action: processing is synchronous.
 * </ul>
 */
public final class RegisterInvalidation {
  private final Cap cap;
  private final InvalidationTarget target;
  private long contextCommands;
  private long iotlbCommands;
  private long refused;

  public RegisterInvalidation(Cap cap, InvalidationTarget target) {
    this.cap = cap;
    this.target = target;
  }

  /**
   * Runs the context-cache command in {@code ccmd} (ICC = 1 assumed).
   *
   * @param refuse true to refuse the command (CAIG = 00)
   * @return the CCMD value after completion
   */
  public long contextCommand(long ccmd, boolean refuse) {
    contextCommands++;
    int cirg = (int) ContextCommandRegister.CIRG.get(ccmd);
    int caig = 0;
    if (refuse) {
      refused++;
    } else {
      int did = (int) ContextCommandRegister.DID.get(ccmd);
      switch (cirg) {
        case 1 -> {
          target.contextCacheGlobal();
          caig = 1;
        }
        case 2 -> {
          target.contextCacheDomain(did);
          caig = 2;
        }
        case 3 -> {
          target.contextCacheDevice(
              did,
              (int) ContextCommandRegister.SID.get(ccmd),
              (int) ContextCommandRegister.FM.get(ccmd));
          caig = 3;
        }
        default -> caig = 0;
      }
    }
    long v = ContextCommandRegister.CAIG.set(ccmd, caig);
    return ContextCommandRegister.ICC.set(v, false);
  }

  /**
   * Runs the IOTLB command in {@code iotlb} (IVT = 1 assumed) with the address in {@code iva}.
   *
   * @param refuse true to refuse the command (IAIG = 00)
   * @return the IOTLB_REG value after completion
   */
  public long iotlbCommand(long iotlb, long iva, boolean refuse) {
    iotlbCommands++;
    int iirg = (int) IotlbRegisters.IIRG.get(iotlb);
    int did = (int) IotlbRegisters.DID.get(iotlb);
    int iaig = 0;
    if (refuse) {
      refused++;
    } else if (iirg == 1) {
      target.iotlbGlobal();
      iaig = 1;
    } else if (iirg == 2 || (iirg == 3 && !cap.psi())) {
      target.iotlbDomain(did);
      iaig = 2;
    } else if (iirg == 3) {
      int am = (int) IotlbRegisters.AM.get(iva);
      if (am <= cap.mamv()) {
        long address = iva & IotlbRegisters.ADDR.mask();
        target.iotlbPages(
            did,
            PageRange.start(address, am),
            PageRange.last(address, am),
            IotlbRegisters.IH.isSet(iva));
        iaig = 3;
      }
    }
    long v = IotlbRegisters.IAIG.set(iotlb, iaig);
    return IotlbRegisters.IVT.set(v, false);
  }

  /** CCMD commands issued. */
  public long contextCommandCount() {
    return contextCommands;
  }

  /** IOTLB_REG commands issued. */
  public long iotlbCommandCount() {
    return iotlbCommands;
  }

  /** Commands refused (QIES = 1). */
  public long refusedCount() {
    return refused;
  }
}
