package dev.vtdlab.driver.mmio;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.regs.GlobalCommand;
import dev.vtdlab.hw.regs.RegisterTable;

/**
 * Software's side of the GCMD_REG / GSTS_REG protocol (VT-d spec 10.4.4-5; digest 1.5): GCMD is
 * write-only, so the driver keeps the persistent commands it has enabled (TE, QIE, ...) in a shadow
 * and writes the shadow plus exactly one change per write, then polls GSTS until the status bit
 * follows. Linux keeps the same shadow ({@code iommu->gcmd}). Thread-safe.
 */
public final class GlobalCommands {
  /** Status polls before a command is declared stuck (the model completes commands at once). */
  static final int MAX_POLLS = 1000;

  private final Mmio mmio;
  private int persistent;

  public GlobalCommands(Mmio mmio) {
    this.mmio = mmio;
  }

  /**
   * Turns a persistent command on (TE, QIE, IRE, ...) and waits for its status bit.
   *
   * @throws IllegalStateException if the status bit does not follow
   */
  public synchronized void enable(BitField command, BitField status) {
    persistent |= (int) command.mask();
    mmio.write32(RegisterTable.GCMD_REG, persistent);
    poll(status, true);
  }

  /** Turns a persistent command off and waits for its status bit to clear. */
  public synchronized void disable(BitField command, BitField status) {
    persistent &= ~(int) command.mask();
    mmio.write32(RegisterTable.GCMD_REG, persistent);
    poll(status, false);
  }

  /**
   * Issues a one-shot command (SRTP, WBF, ...) and waits until {@code status} reads {@code done}
   * (RTPS = 1 after SRTP; WBFS = 0 after WBF).
   */
  public synchronized void oneShot(BitField command, BitField status, boolean done) {
    mmio.write32(RegisterTable.GCMD_REG, persistent | (int) command.mask());
    poll(status, done);
  }

  /** The persistent commands enabled so far (the shadow written with every command). */
  public synchronized int enabled() {
    return persistent;
  }

  /** True when GSTS shows {@code status} set. */
  public boolean statusSet(BitField status) {
    return status.isSet(mmio.read32(RegisterTable.GSTS_REG) & 0xFFFF_FFFFL);
  }

  private void poll(BitField status, boolean wanted) {
    for (int i = 0; i < MAX_POLLS; i++) {
      if (statusSet(status) == wanted) {
        return;
      }
    }
    throw new IllegalStateException(
        "GSTS." + status.name() + " did not become " + (wanted ? 1 : 0) + " (unit not responding)");
  }

  /** GCMD.WBF then wait for GSTS.WBFS = 0 (only when CAP.RWBF; digest 9.3). */
  public void flushWriteBuffer() {
    oneShot(GlobalCommand.WBF, GlobalCommand.WBFS, false);
  }
}
