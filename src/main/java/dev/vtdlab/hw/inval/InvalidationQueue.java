package dev.vtdlab.hw.inval;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.EventInterrupt;
import dev.vtdlab.hw.fault.FaultRecorder;
import dev.vtdlab.hw.fault.InterruptMessage;
import dev.vtdlab.hw.fault.InterruptSink;
import dev.vtdlab.hw.fault.InvalidationError;
import dev.vtdlab.mem.MemoryAccessException;
import dev.vtdlab.mem.WritableMemory;

/**
 * Queued invalidation (VT-d spec 6.5.2; digest 9.5-9.7): the queue registers IQH, IQT, IQA, ICS,
 * IQERCD, the invalidation completion event (IECTL and friends) and descriptor processing.
 *
 * <p>Processing is synchronous: when software writes IQT (or enables the queue, or clears FSTS.IQE
 * or FSTS.ITE) the unit fetches and performs every descriptor from IQH up to IQT, in order, before
 * the write returns. Hence every descriptor has completed when the next one starts, and the fence
 * flag (FN) of wait descriptors is honoured trivially.
 *
 * <p>Queue checks before fetching, in this order: IQT at or beyond the queue size (4 KiB * 2^QS) ->
 * IQEI 1; 256-bit descriptors and IQT bit 4 set -> IQEI 6; nothing to do if IQH = IQT; latched
 * RTADDR.TTM = 10b -> IQEI 7; TTM = 01b (scalable) with 128-bit descriptors -> IQEI 5. Then each
 * descriptor: memory not readable -> IQEI 2; type and reserved checks -> IQEI 3 / 4 (see {@link
 * DescriptorProcessor}). On an error FSTS.IQE is set, IQERCD.IQEI records why, IQH stays at the
 * offending descriptor, and nothing more is fetched until software clears IQE. 256-bit descriptors
 * (IQA.DW = 1) need ECAP.SMTS (IQA.DW is read-only 0 otherwise) and are allowed with any TTM.
 *
 * <p>Wait descriptor: SW writes STDATA (32 bits) at STADDR first, then IF sets ICS.IWC and raises
 * the completion event if IWC was 0 (status write before interrupt). A status address beyond the
 * physical address width is not written (counted in {@link QueueCounters#statusWritesFailed()}).
 *
 * <p>Device-TLB time-out ({@link DeviceTlbResponder} answers {@code TIME_OUT}): the request never
 * completes, so every later wait descriptor already submitted is aborted (no status write, no
 * interrupt); other descriptors still take effect; an aborted wait with FN = 1 stops processing
 * after it (later descriptors would have to wait for it). At the end of the batch FSTS.ITE is set
 * with IQERCD.ITESID, and nothing more is fetched until software clears ITE. A completion error
 * ({@code COMPLETION_ERROR}) sets FSTS.ICE and IQERCD.ICESID and processing continues.
 *
 * <p>Clearing GCMD.QIE resets IQH to 0. Thread-safe: public methods are synchronized.
 */
public final class InvalidationQueue {
  private static final long TAIL_BIT_4 = 0x10;

  private final UnitConfig config;
  private final WritableMemory memory;
  private final FaultRecorder faults;
  private final EventInterrupt completion;
  private final DescriptorProcessor processor;
  private final QueueCounters counters = new QueueCounters();
  private DeviceTlbResponder responder = DeviceTlbResponder.ALWAYS_COMPLETES;
  private boolean enabled;
  private int ttm;
  private long head;
  private long tail;
  private long iqa;
  private long iqercd;
  private boolean iwc;

  /**
   * @param config the unit
   * @param memory where the queue and status words live
   * @param target the caches
   * @param faults where IQE/ICE/ITE are reported (FSTS)
   * @param sink where the invalidation completion event sends its message
   */
  public InvalidationQueue(
      UnitConfig config,
      WritableMemory memory,
      InvalidationTarget target,
      FaultRecorder faults,
      InterruptSink sink) {
    this.config = config;
    this.memory = memory;
    this.faults = faults;
    this.completion = new EventInterrupt(InterruptMessage.Source.INVALIDATION_COMPLETION, sink);
    this.processor = new DescriptorProcessor(config, target);
  }

  /** Sets how endpoints answer device-TLB invalidations (fault injection). */
  public synchronized void setDeviceTlbResponder(DeviceTlbResponder newResponder) {
    this.responder = newResponder;
  }

  /** The TTM latched by GCMD.SRTP (0 legacy, 1 scalable, 2 reserved, 3 abort-DMA). */
  public synchronized void setTranslationTableMode(int latchedTtm) {
    this.ttm = latchedTtm;
  }

  /** GSTS.QIES: enabling starts processing; disabling resets IQH to 0. */
  public synchronized void setEnabled(boolean on) {
    enabled = on;
    if (on) {
      process();
    } else {
      head = 0;
    }
  }

  public synchronized boolean enabled() {
    return enabled;
  }

  /** IQH_REG. */
  public synchronized long iqh() {
    return head;
  }

  /** IQT_REG. */
  public synchronized long iqt() {
    return tail;
  }

  /** IQA_REG. */
  public synchronized long iqa() {
    return iqa;
  }

  /** ICS_REG. */
  public synchronized long ics() {
    return QueueRegisters.IWC.set(0, iwc);
  }

  /** IQERCD_REG. */
  public synchronized long iqercd() {
    return iqercd;
  }

  /** IECTL_REG. */
  public synchronized long iectl() {
    return completion.control();
  }

  /** The invalidation completion event; callers synchronize on this queue. */
  public EventInterrupt completionEvent() {
    return completion;
  }

  /** Processing statistics. */
  public QueueCounters counters() {
    return counters;
  }

  /** Software writes IQT_REG: the new tail, then processing. */
  public synchronized void writeIqt(long value) {
    tail = value & QueueRegisters.QT.mask();
    process();
  }

  /** Software writes IQA_REG (DW is kept only with ECAP.SMTS). */
  public synchronized void writeIqa(long value) {
    long v = value & QueueRegisters.IQA_LAYOUT.definedMask();
    if (!config.ecap().scalableMode()) {
      v = QueueRegisters.DW.set(v, false);
    }
    iqa = v;
  }

  /** Software writes ICS_REG: clearing IWC (RW1C) also clears IECTL.IP. */
  public synchronized void writeIcs(long value) {
    if (iwc && !QueueRegisters.IWC.isSet(value)) {
      iwc = false;
      completion.clearPending();
    }
  }

  /** Software writes IECTL_REG (IM). */
  public synchronized void writeIectl(long value) {
    completion.writeControl(value);
  }

  /** Processes pending descriptors if the queue may run (enabled, no IQE, no ITE). */
  public synchronized void process() {
    if (!enabled
        || faults.hasInvalidationError(InvalidationError.IQE)
        || faults.hasInvalidationError(InvalidationError.ITE)) {
      return;
    }
    boolean wide = QueueRegisters.DW.isSet(iqa);
    long size = 4096L << QueueRegisters.QS.get(iqa);
    if (tail >= size) {
      error(QueueError.TAIL_BEYOND_QUEUE);
      return;
    }
    if (wide && (tail & TAIL_BIT_4) != 0) {
      error(QueueError.TAIL_MISALIGNED);
      return;
    }
    if (head == tail) {
      return;
    }
    if (ttm == 2) {
      error(QueueError.INVALID_TTM);
      return;
    }
    if (ttm == 1 && !wide) {
      error(QueueError.INVALID_WIDTH);
      return;
    }
    runBatch(wide, size);
  }

  private void runBatch(boolean wide, long size) {
    int width = wide ? 32 : 16;
    long base = iqa & QueueRegisters.IQA.mask();
    boolean timedOut = false;
    int timedOutSid = 0;
    for (long budget = size / width + 1; head != tail && budget > 0; budget--) {
      long hpa = base + head;
      if (!memory.isReadable(hpa, width)) {
        error(QueueError.FETCH_ERROR);
        break;
      }
      long qw0 = memory.read64(hpa);
      long qw1 = memory.read64(hpa + 8);
      long qw2 = wide ? memory.read64(hpa + 16) : 0;
      long qw3 = wide ? memory.read64(hpa + 24) : 0;
      InvDescriptor d = InvDescriptor.of(qw0, qw1);
      QueueError e = processor.validate(d, wide, qw2, qw3, ttm);
      if (e != QueueError.NONE) {
        error(e);
        break;
      }
      boolean stop = false;
      if (d instanceof InvWaitDescriptor w) {
        if (timedOut) {
          counters.count(QueueCounters.Misc.WAIT_ABORTED);
          stop = w.fence();
        } else {
          completeWait(w);
        }
      } else {
        DeviceTlbResponder.Response r = processor.execute(d, responder);
        if (r == DeviceTlbResponder.Response.TIME_OUT && !timedOut) {
          timedOut = true;
          timedOutSid = DescriptorProcessor.deviceSid(d);
        } else if (r == DeviceTlbResponder.Response.COMPLETION_ERROR) {
          iqercd = QueueRegisters.ICESID.set(iqercd, DescriptorProcessor.deviceSid(d));
          counters.count(QueueCounters.Misc.COMPLETION_ERRORS);
          faults.setInvalidationError(InvalidationError.ICE);
        }
      }
      counters.processed(d.type());
      head = (head + width) % size;
      if (stop) {
        break;
      }
    }
    if (timedOut) {
      iqercd = QueueRegisters.ITESID.set(iqercd, timedOutSid);
      counters.count(QueueCounters.Misc.TIME_OUTS);
      faults.setInvalidationError(InvalidationError.ITE);
    }
  }

  private void completeWait(InvWaitDescriptor w) {
    if (w.statusWrite()) {
      long hpa = w.statusHpa();
      boolean written = false;
      if (hpa <= (1L << memory.addressWidth()) - 4) {
        try {
          memory.write32(hpa, w.statusData());
          written = true;
        } catch (MemoryAccessException e) {
          written = false;
        }
      }
      counters.count(
          written ? QueueCounters.Misc.STATUS_WRITES : QueueCounters.Misc.STATUS_WRITE_FAILED);
    }
    if (w.interruptFlag() && !iwc) {
      iwc = true;
      counters.count(QueueCounters.Misc.COMPLETION_INTERRUPTS);
      completion.raise();
    }
    counters.count(QueueCounters.Misc.WAIT_COMPLETED);
  }

  private void error(QueueError e) {
    iqercd = QueueRegisters.IQEI.set(iqercd, e.code());
    counters.error(e);
    faults.setInvalidationError(InvalidationError.IQE);
  }

  @Override
  public synchronized String toString() {
    return String.format(
        "InvalidationQueue[%s IQH=0x%x IQT=0x%x IQA=0x%x IQERCD=0x%x IWC=%d]",
        enabled ? "enabled" : "disabled", head, tail, iqa, iqercd, iwc ? 1 : 0);
  }
}
