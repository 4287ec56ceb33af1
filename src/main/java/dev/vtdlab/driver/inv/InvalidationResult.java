package dev.vtdlab.driver.inv;

import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.QueueError;

/** What became of a submission: every descriptor completed, or the unit rejected one. */
public sealed interface InvalidationResult {

  /** True when every descriptor completed. */
  boolean completed();

  /** Every descriptor completed. */
  record Completed(int descriptors) implements InvalidationResult {
    @Override
    public boolean completed() {
      return true;
    }
  }

  /**
   * The unit rejected a descriptor: an invalidation queue error (FSTS.IQE with IQERCD.IQEI), or a
   * register command it did not perform (CAIG / IAIG = 00, {@link QueueError#NONE}). The driver
   * reported and cleared it; descriptors after it in the batch were still performed.
   *
   * @param error the IQEI reason (NONE for a refused register command)
   * @param descriptor the descriptor at fault
   * @param message what happened, for people
   */
  record Rejected(QueueError error, InvDescriptor descriptor, String message)
      implements InvalidationResult {
    @Override
    public boolean completed() {
      return false;
    }
  }
}
