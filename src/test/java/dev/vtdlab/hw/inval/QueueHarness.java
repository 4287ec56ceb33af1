package dev.vtdlab.hw.inval;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultRecorder;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.fault.InterruptLog;
import dev.vtdlab.mem.SparseMemory;

/** A queue on its own memory, with a recording target, for queue tests. */
final class QueueHarness {
  static final long QUEUE_HPA = 0x10_0000L;

  final UnitConfig config;
  final SparseMemory memory = new SparseMemory(48);
  final InterruptLog interrupts = new InterruptLog();
  final RecordingInvalidationTarget target = new RecordingInvalidationTarget();
  final FaultRecorder faults;
  final InvalidationQueue queue;
  final boolean wide;
  int nextIndex;

  /** Called for every interrupt message, after it was logged. */
  java.util.function.Consumer<dev.vtdlab.hw.fault.InterruptMessage> onInterrupt = m -> {};

  QueueHarness(UnitConfig config, int qs, boolean wide) {
    this.config = config;
    this.wide = wide;
    dev.vtdlab.hw.fault.InterruptSink sink =
        m -> {
          interrupts.send(m);
          onInterrupt.accept(m);
        };
    this.faults = new FaultRecorder(config.cap(), sink);
    this.queue = new InvalidationQueue(config, memory, target, faults, sink);
    long iqa = QueueRegisters.IQA.set(0, QUEUE_HPA >>> 12);
    iqa = QueueRegisters.QS.set(iqa, qs);
    iqa = QueueRegisters.DW.set(iqa, wide);
    queue.writeIqa(iqa);
    queue.setEnabled(true);
  }

  int width() {
    return wide ? 32 : 16;
  }

  int capacity() {
    return (int) ((4096L << QueueRegisters.QS.get(queue.iqa())) / width());
  }

  /** Writes raw words at the next slot without moving the tail. */
  void put(long qw0, long qw1, long qw2, long qw3) {
    long hpa = QUEUE_HPA + (long) nextIndex * width();
    memory.write64(hpa, qw0);
    memory.write64(hpa + 8, qw1);
    if (wide) {
      memory.write64(hpa + 16, qw2);
      memory.write64(hpa + 24, qw3);
    }
    nextIndex = (nextIndex + 1) % capacity();
  }

  void put(InvDescriptor d) {
    put(d.qw0(), d.qw1(), 0, 0);
  }

  /** Writes the descriptors and advances IQT past them. */
  void submit(InvDescriptor... ds) {
    for (InvDescriptor d : ds) {
      put(d);
    }
    ringTail();
  }

  void ringTail() {
    queue.writeIqt((long) nextIndex * width());
  }

  long iqeiValue() {
    return QueueRegisters.IQEI.get(queue.iqercd());
  }

  boolean iqe() {
    return Fsts.IQE.isSet(faults.fsts());
  }

  /** Software clears every FSTS status bit, then the unit resumes. */
  void clearErrors() {
    faults.writeFsts(0);
    queue.process();
  }
}
