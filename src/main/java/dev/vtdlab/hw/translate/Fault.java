package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.FaultRecorder;
import dev.vtdlab.hw.fault.RecordOutcome;
import java.util.List;
import java.util.OptionalInt;

/**
 * A translation fault: the reason, where it happened, whether it is recorded (D17), the fault
 * record the unit would write (D22), the reads made up to and including the faulting one, and a
 * sentence naming the structure or entry, its address, raw value and the bit(s) at fault.
 */
public final class Fault implements Translation {
  private final DmaRequest request;
  private final FaultReason reason;
  private final int level;
  private final FaultStage stage;
  private final boolean fpdSet;
  private final FaultRecord record;
  private final int structureReads;
  private final int walkReads;
  private final Trail.Snapshot trail;
  private final String explanation;

  Fault(
      DmaRequest request,
      FaultReason reason,
      int level,
      FaultStage stage,
      boolean fpdSet,
      FaultRecord record,
      int structureReads,
      int walkReads,
      Trail.Snapshot trail,
      String explanation) {
    this.request = request;
    this.reason = reason;
    this.level = level;
    this.stage = stage;
    this.fpdSet = fpdSet;
    this.record = record;
    this.structureReads = structureReads;
    this.walkReads = walkReads;
    this.trail = trail;
    this.explanation = explanation;
  }

  @Override
  public DmaRequest request() {
    return request;
  }

  /** The fault reason (FR). */
  public FaultReason reason() {
    return reason;
  }

  /** The FR code. */
  public int code() {
    return reason.code();
  }

  /**
   * The paging level of the entry that faulted (walk faults: read error, not present, reserved
   * bit); for nested SFS.5/6/7 the first-stage level whose entry could not be reached. Empty for
   * structure faults, rights faults (found on the rights of a complete walk) and the output check.
   */
  public OptionalInt level() {
    return level == 0 ? OptionalInt.empty() : OptionalInt.of(level);
  }

  /** The walk the fault belongs to, or {@link FaultStage#NONE}. */
  public FaultStage stage() {
    return stage;
  }

  /**
   * True when an applicable FPD bit is 1: one of the context, PASID-directory and PASID entries
   * read for this request has FPD = 1, present or not (D17).
   */
  public boolean fpdSet() {
    return fpdSet;
  }

  /** True unless the fault is qualified and {@link #fpdSet()} (D17). */
  public boolean recorded() {
    return !(fpdSet && reason.qualified());
  }

  /** The two qwords the unit writes into a fault recording register (D22), F = 1. */
  public FaultRecord record() {
    return record;
  }

  /**
   * Hands the fault to primary fault logging: {@code recorder.record(record(), fpdSet())}.
   *
   * @return what the recorder did (suppressed by FPD, recorded, or dropped on overflow)
   */
  public RecordOutcome recordInto(FaultRecorder recorder) {
    return recorder.record(record, fpdSet);
  }

  @Override
  public Reads reads() {
    return structureReads == 0 && walkReads == 0
        ? Reads.NONE
        : new Reads(structureReads, walkReads);
  }

  /** Every entry read up to the fault, including a read that failed. */
  public List<VisitedEntry> entries() {
    return trail.entries();
  }

  /** Where and why: the structure or entry, its address, raw value and the bit(s) at fault. */
  public String explanation() {
    return explanation;
  }

  @Override
  public String resultWord() {
    return "fault";
  }

  @Override
  public String toString() {
    return String.format(
        "%s -> fault %s (0x%02x)%s%s%s, %s: %s",
        request,
        reason.specName(),
        reason.code(),
        level == 0 ? "" : " at level " + level,
        stage == FaultStage.NONE ? "" : " in the " + stage.label() + " stage",
        recorded() ? "" : ", not recorded (FPD)",
        reads(),
        explanation);
  }
}
