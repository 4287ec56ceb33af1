package dev.vtdlab.driver.inv;

import dev.vtdlab.driver.mmio.GlobalCommands;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.QueueError;
import dev.vtdlab.hw.inval.QueueRegisters;
import dev.vtdlab.hw.regs.GlobalCommand;
import dev.vtdlab.hw.regs.RegisterTable;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Queued invalidation as Linux drives it (digest 9.5, 9.6, 10.1 step 2; Linux {@code
 * qi_submit_sync}): a ring of descriptors in memory, IQT advanced by software, a wait descriptor
 * with status write (SW = 1, FN = 1) after every batch of at most {@link #MAX_BATCH} descriptors,
 * and polling of the status word in memory. While polling it reads FSTS: on IQE it reads IQERCD,
 * overwrites the offending descriptor with a copy of the batch's wait descriptor, clears IQE (the
 * unit then resumes) and reports a {@link InvalidationResult.Rejected}.
 *
 * <p>Queue shape (Linux): 256-bit descriptors (IQA.DW = 1) in 8 KiB (QS = 1) for scalable mode,
 * else 128-bit descriptors in 4 KiB (QS = 0); 4 KiB of 256-bit descriptors when the frame allocator
 * cannot give two contiguous frames. Status words live in a frame of their own, one dword per queue
 * slot (the wait descriptor's slot).
 */
public final class QueuedInvalidator implements Invalidator {
  /** STDATA written by a completed wait (Linux QI_DONE). */
  static final int DONE = 2;

  /** The status word's value while its wait is pending (Linux QI_IN_USE). */
  static final int IN_USE = 1;

  private static final int MAX_POLLS = 1000;

  private final Mmio mmio;
  private final WritableMemory memory;
  private final InvalidationCounters counters = new InvalidationCounters();
  private final List<InvalidationResult.Rejected> rejections = new ArrayList<>();
  private final long queueHpa;
  private final int qs;
  private final boolean wide;
  private final int slots;
  private final long statusHpa;
  private int tail;

  private QueuedInvalidator(
      Mmio mmio, WritableMemory memory, long queueHpa, int qs, boolean wide, long statusHpa) {
    this.mmio = mmio;
    this.memory = memory;
    this.queueHpa = queueHpa;
    this.qs = qs;
    this.wide = wide;
    this.slots = (int) ((4096L << qs) / descriptorBytes());
    this.statusHpa = statusHpa;
  }

  /**
   * Allocates the queue and status frames, writes IQT = 0 and IQA, sets GCMD.QIE and waits for
   * GSTS.QIES (Linux {@code dmar_enable_qi}).
   *
   * @param wide 256-bit descriptors (IQA.DW = 1; needs ECAP.SMTS) in an 8 KiB queue (QS = 1), else
   *     128-bit descriptors in 4 KiB (QS = 0): 256 slots either way, as Linux
   */
  public static QueuedInvalidator enable(
      Mmio mmio, FrameAllocator frames, GlobalCommands gcmd, boolean wide) {
    long first = frames.allocate();
    long second = frames.allocate();
    int qs = wide ? 1 : 0;
    long status;
    if (qs == 1 && second == first + 4096) {
      status = frames.allocate();
    } else {
      qs = 0;
      status = second;
    }
    QueuedInvalidator qi = new QueuedInvalidator(mmio, frames.memory(), first, qs, wide, status);
    mmio.write64(RegisterTable.IQT_REG, 0);
    long iqa = QueueRegisters.IQA.set(0, first >>> 12);
    iqa = QueueRegisters.QS.set(iqa, qs);
    iqa = QueueRegisters.DW.set(iqa, wide);
    mmio.write64(RegisterTable.IQA_REG, iqa);
    gcmd.enable(GlobalCommand.QIE, GlobalCommand.QIES);
    return qi;
  }

  private int descriptorBytes() {
    return wide ? 32 : 16;
  }

  private int tailShift() {
    return wide ? 5 : 4;
  }

  @Override
  public synchronized InvalidationResult submit(
      List<InvDescriptor> descriptors, InvalidationCounters alsoCount) {
    InvalidationResult result = new InvalidationResult.Completed(descriptors.size());
    for (int from = 0; from < descriptors.size() || from == 0; from += MAX_BATCH) {
      List<InvDescriptor> batch =
          descriptors.subList(from, Math.min(descriptors.size(), from + MAX_BATCH));
      InvalidationResult r = submitBatch(batch, alsoCount);
      if (!r.completed()) {
        result = r;
      }
      if (descriptors.isEmpty()) {
        break;
      }
    }
    return result;
  }

  private InvalidationResult submitBatch(List<InvDescriptor> batch, InvalidationCounters also) {
    int head = (int) (mmio.read64(RegisterTable.IQH_REG) >>> tailShift());
    int free = Math.floorMod(head - tail - 1, slots);
    if (free < batch.size() + 1) {
      throw new IllegalStateException(
          "invalidation queue full: " + free + " free slots for " + (batch.size() + 1));
    }
    int first = tail;
    for (InvDescriptor d : batch) {
      writeSlot(tail, d);
      tail = (tail + 1) % slots;
      count(d.type(), also);
    }
    int waitIndex = tail;
    long status = statusHpa + 4L * waitIndex;
    memory.write32(status, IN_USE);
    InvWaitDescriptor wait = InvWaitDescriptor.of(false, true, true, DONE, status);
    writeSlot(waitIndex, wait);
    tail = (tail + 1) % slots;
    count(InvWaitDescriptor.TYPE, also);
    counters.submission();
    if (also != null) {
      also.submission();
    }
    mmio.write64(RegisterTable.IQT_REG, (long) tail << tailShift());
    return poll(status, first, waitIndex, wait, also);
  }

  private InvalidationResult poll(
      long status, int first, int waitIndex, InvWaitDescriptor wait, InvalidationCounters also) {
    InvalidationResult result = null;
    for (int i = 0; i < MAX_POLLS; i++) {
      if (memory.read32(status) == DONE) {
        return result != null ? result : new InvalidationResult.Completed(0);
      }
      int fsts = mmio.read32(RegisterTable.FSTS_REG);
      if (Fsts.IQE.isSet(fsts & 0xFFFF_FFFFL)) {
        result = handleQueueError(first, waitIndex, wait, also);
      }
    }
    throw new IllegalStateException(
        String.format(
            "invalidation wait at slot %d never completed (status 0x%x)",
            waitIndex, memory.read32(status)));
  }

  /** Linux qi_check_fault for IQE: report, replace the bad descriptor by the wait, clear IQE. */
  private InvalidationResult.Rejected handleQueueError(
      int first, int waitIndex, InvWaitDescriptor wait, InvalidationCounters also) {
    int head = (int) (mmio.read64(RegisterTable.IQH_REG) >>> tailShift());
    QueueError error =
        QueueError.ofCode((int) QueueRegisters.IQEI.get(mmio.read64(RegisterTable.IQERCD_REG)));
    InvDescriptor bad = readSlot(head);
    boolean ours = Math.floorMod(head - first, slots) <= Math.floorMod(waitIndex - first, slots);
    if (ours && head != waitIndex) {
      writeSlot(head, wait);
    }
    counters.rejected();
    if (also != null) {
      also.rejected();
    }
    InvalidationResult.Rejected r =
        new InvalidationResult.Rejected(
            error,
            bad,
            String.format(
                "invalidation queue error at slot %d: IQEI %d (%s): %s",
                head, error.code(), error.description(), bad));
    rejections.add(r);
    mmio.write32(RegisterTable.FSTS_REG, (int) Fsts.IQE.mask());
    return r;
  }

  private void count(int type, InvalidationCounters also) {
    counters.descriptor(type);
    if (also != null) {
      also.descriptor(type);
    }
  }

  private void writeSlot(int index, InvDescriptor d) {
    long hpa = queueHpa + (long) index * descriptorBytes();
    memory.write64(hpa, d.qw0());
    memory.write64(hpa + 8, d.qw1());
    if (wide) {
      memory.write64(hpa + 16, 0);
      memory.write64(hpa + 24, 0);
    }
  }

  private InvDescriptor readSlot(int index) {
    long hpa = queueHpa + (long) index * descriptorBytes();
    return InvDescriptor.of(memory.read64(hpa), memory.read64(hpa + 8));
  }

  /**
   * Writes raw words into the next slot and submits them with a wait, bypassing the encoders: for
   * tests of the queue-error path (a descriptor with a reserved bit set).
   */
  public synchronized InvalidationResult submitRaw(long qw0, long qw1) {
    return submitBatch(List.of(InvDescriptor.of(qw0, qw1)), null);
  }

  @Override
  public boolean queued() {
    return true;
  }

  @Override
  public InvalidationCounters counters() {
    return counters;
  }

  @Override
  public synchronized List<InvalidationResult.Rejected> rejections() {
    return List.copyOf(rejections);
  }

  /** Queue base address. */
  public long queueHpa() {
    return queueHpa;
  }

  /** IQA.QS. */
  public int queueSizeOrder() {
    return qs;
  }

  /** Number of descriptor slots. */
  public int slots() {
    return slots;
  }

  /** True for 256-bit descriptors. */
  public boolean wide() {
    return wide;
  }

  /** Address of the status word of slot {@code index}. */
  public long statusHpa(int index) {
    return statusHpa + 4L * index;
  }

  @Override
  public String describe() {
    return String.format(
        "queued: %d x %d-bit descriptors at 0x%x (IQA.QS=%d, DW=%d)",
        slots, descriptorBytes() * 8, queueHpa, qs, wide ? 1 : 0);
  }

  @Override
  public String toString() {
    return "QueuedInvalidator[" + describe() + "]";
  }
}
