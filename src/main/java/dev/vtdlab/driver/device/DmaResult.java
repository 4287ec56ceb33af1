package dev.vtdlab.driver.device;

import dev.vtdlab.hw.translate.Fault;

/**
 * What became of one DMA transfer. A transfer is split at 4 KiB boundaries and each piece is
 * translated on its own; the first piece that does not translate aborts the rest (the pieces before
 * it were done).
 */
public sealed interface DmaResult {

  /** True when every byte was transferred. */
  boolean completed();

  /** Bytes transferred before the transfer stopped. */
  int bytesDone();

  /** Every byte was transferred. */
  record Completed(int bytesDone) implements DmaResult {
    @Override
    public boolean completed() {
      return true;
    }
  }

  /**
   * A piece faulted: nothing of it was accessed, and the unit recorded the fault (unless FPD).
   *
   * @param bytesDone bytes transferred before
   * @param address the input address of the faulting piece
   * @param fault the translator's fault value
   */
  record Faulted(int bytesDone, long address, Fault fault) implements DmaResult {
    @Override
    public boolean completed() {
      return false;
    }

    @Override
    public String toString() {
      return String.format(
          "Faulted[%d bytes done, 0x%x: %s]", bytesDone, address, fault.reason().specName());
    }
  }

  /**
   * A piece was not a memory access: an interrupt-range request (D14) or abort-DMA mode.
   *
   * @param bytesDone bytes transferred before
   * @param address the input address of the piece
   * @param why what the unit did with it
   */
  record Refused(int bytesDone, long address, String why) implements DmaResult {
    @Override
    public boolean completed() {
      return false;
    }
  }
}
