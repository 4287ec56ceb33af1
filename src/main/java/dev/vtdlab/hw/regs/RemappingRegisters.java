package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.EventInterrupt;
import dev.vtdlab.hw.fault.EventRegisters;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.FaultRecorder;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.fault.InterruptLog;
import dev.vtdlab.hw.fault.InterruptSink;
import dev.vtdlab.hw.fault.RecordOutcome;
import dev.vtdlab.hw.inval.ContextCommandRegister;
import dev.vtdlab.hw.inval.CountingInvalidationTarget;
import dev.vtdlab.hw.inval.InvalidationQueue;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.inval.RegisterInvalidation;
import dev.vtdlab.mem.WritableMemory;

/**
 * The register side of one remapping unit: the MMIO register page (table in {@link RegisterTable}),
 * the global command protocol, fault recording and invalidation (register-based and queued). The
 * lead wires it with the translator into the whole unit.
 *
 * <p>Software side: {@link #read32}, {@link #read64}, {@link #write32}, {@link #write64} at byte
 * offsets in the register page (rules in {@link RegisterFile}: alignment, reserved/RO/RW1C bits,
 * absent offsets read 0; nothing software writes raises an exception). GCMD_REG reads as 0 (its
 * bits are write-only commands, as in QEMU; the state is in GSTS_REG). CCMD and IOTLB commands run
 * on the write that covers the register's upper dword (where ICC / IVT live).
 *
 * <p>Hardware side (for the translator): {@link #translationEnabled()} (GSTS.TES), {@link
 * #rootTable()} (RTADDR latched by SRTP, TTM as written: the translator faults RTA.1 for a mode the
 * unit does not support, see {@link TranslationTableMode#supportedBy}) and {@link #recordFault}
 * (primary fault logging). Caches receive invalidations through the {@link InvalidationTarget}
 * given at construction; {@link #invalidations()} counts them by kind.
 *
 * <p>Register-based invalidation is refused while GSTS.QIES = 1 (CAIG / IAIG read 00, nothing is
 * invalidated); optionally also while the latched TTM is scalable ({@link
 * #setRefuseRegisterInvalidationInScalableMode}, VirtualBox behaviour, off by default).
 *
 * <p>Thread-safe: register accesses are serialized on this object; {@link #recordFault} and the
 * hardware-state getters may be called from translating threads. Interrupt sinks are called with
 * the unit's locks held and must not call back into the unit.
 */
public final class RemappingRegisters {
  private final UnitConfig config;
  private final RegisterTable table;
  private final RegisterFile file;
  private final FaultRecorder faults;
  private final InvalidationQueue queue;
  private final CountingInvalidationTarget invalidations;
  private final RegisterInvalidation registerInvalidation;
  private final InterruptLog interrupts = new InterruptLog();
  private final GlobalCommandProtocol gcmd;
  private boolean refuseInScalableMode;

  /** A unit whose interrupts are only logged ({@link #interrupts()}). */
  public RemappingRegisters(UnitConfig config, WritableMemory memory, InvalidationTarget target) {
    this(config, memory, target, message -> {});
  }

  /**
   * @param config what the unit is (CAP, ECAP, HAW)
   * @param memory where the invalidation queue and wait status words live
   * @param target the caches
   * @param sink also receives every interrupt message (besides {@link #interrupts()})
   * @throws IllegalArgumentException if CAP.FRO / ECAP.IRO place registers over others
   */
  public RemappingRegisters(
      UnitConfig config, WritableMemory memory, InvalidationTarget target, InterruptSink sink) {
    this.config = config;
    this.table = RegisterTable.forUnit(config);
    this.file = new RegisterFile(table);
    InterruptSink both =
        m -> {
          interrupts.send(m);
          sink.send(m);
        };
    this.invalidations = new CountingInvalidationTarget(target);
    this.faults = new FaultRecorder(config.cap(), both);
    this.queue = new InvalidationQueue(config, memory, invalidations, faults, both);
    this.registerInvalidation = new RegisterInvalidation(config.cap(), invalidations);
    this.gcmd =
        new GlobalCommandProtocol(
            config,
            queue,
            invalidations,
            () -> file.value("RTADDR_REG"),
            () -> file.value("IRTA_REG"),
            () -> file.value("AFLOG_REG"));
    wire();
  }

  private void wire() {
    file.store(file.index("VER_REG"), version());
    file.store(file.index("CAP_REG"), config.cap().value());
    file.store(file.index("ECAP_REG"), config.ecap().value());
    file.store(file.index("PECTL_REG"), EventRegisters.IM.mask()); // reset: IM = 1
    file.bind("GCMD_REG", RegisterFile.Backing.of(() -> 0, v -> {}));
    file.onWrite("GCMD_REG", w -> gcmd.write(w.after()));
    file.bind("GSTS_REG", RegisterFile.Backing.readOnly(gcmd::status));
    int ccmd = file.index("CCMD_REG");
    file.onWrite(
        "CCMD_REG",
        w -> {
          if (w.coversUpperDword() && ContextCommandRegister.ICC.isSet(w.after())) {
            file.store(ccmd, registerInvalidation.contextCommand(w.after(), refuse()));
          }
        });
    int iotlb = file.index("IOTLB_REG");
    int iva = file.index("IVA_REG");
    file.onWrite(
        "IOTLB_REG",
        w -> {
          if (w.coversUpperDword() && IotlbRegisters.IVT.isSet(w.after())) {
            file.store(
                iotlb, registerInvalidation.iotlbCommand(w.after(), file.value(iva), refuse()));
          }
        });
    file.bind("FSTS_REG", RegisterFile.Backing.of(faults::fsts, faults::writeFsts));
    file.onWrite(
        "FSTS_REG",
        w -> {
          if (w.cleared(Fsts.IQE) || w.cleared(Fsts.ITE)) {
            queue.process();
          }
        });
    file.bind("FECTL_REG", RegisterFile.Backing.of(faults::fectl, faults::writeFectl));
    bindEvent("FE", faults, faults.event());
    file.onWrite(
        "PMEN_REG",
        w -> {
          long v = MiscRegisters.PRS.set(w.after(), MiscRegisters.EPM.isSet(w.after()));
          file.store(file.index("PMEN_REG"), v);
        });
    file.bind("IQH_REG", RegisterFile.Backing.readOnly(queue::iqh));
    file.bind("IQT_REG", RegisterFile.Backing.of(queue::iqt, queue::writeIqt));
    file.bind("IQA_REG", RegisterFile.Backing.of(queue::iqa, queue::writeIqa));
    file.bind("ICS_REG", RegisterFile.Backing.of(queue::ics, queue::writeIcs));
    file.bind("IECTL_REG", RegisterFile.Backing.of(queue::iectl, queue::writeIectl));
    bindEvent("IE", queue, queue.completionEvent());
    file.bind("IQERCD_REG", RegisterFile.Backing.readOnly(queue::iqercd));
    for (int i = 0; i < faults.recordCount(); i++) {
      int index = i;
      file.bind(
          "FRCD_REG[" + i + "].lo", RegisterFile.Backing.readOnly(() -> faults.frcdLow(index)));
      file.bind(
          "FRCD_REG[" + i + "].hi",
          RegisterFile.Backing.of(
              () -> faults.frcdHigh(index), v -> faults.writeFrcdHigh(index, v)));
    }
  }

  private void bindEvent(String prefix, Object lock, EventInterrupt event) {
    file.bind(
        prefix + "DATA_REG",
        RegisterFile.Backing.of(
            () -> locked(lock, event::data), v -> locked(lock, () -> event.writeData(v))));
    file.bind(
        prefix + "ADDR_REG",
        RegisterFile.Backing.of(
            () -> locked(lock, event::address), v -> locked(lock, () -> event.writeAddress(v))));
    file.bind(
        prefix + "UADDR_REG",
        RegisterFile.Backing.of(
            () -> locked(lock, event::upperAddress),
            v -> locked(lock, () -> event.writeUpperAddress(v))));
  }

  private static long locked(Object lock, java.util.function.LongSupplier s) {
    synchronized (lock) {
      return s.getAsLong();
    }
  }

  private static void locked(Object lock, Runnable r) {
    synchronized (lock) {
      r.run();
    }
  }

  /** VER_REG: 1.0 for a legacy-only unit, 3.0 (the first revision with scalable mode) with SMTS. */
  private long version() {
    int major = config.ecap().scalableMode() ? 3 : 1;
    return MiscRegisters.VER_MAX.set(0, major);
  }

  private boolean refuse() {
    return gcmd.queuedInvalidationEnabled()
        || (refuseInScalableMode && gcmd.rootTable().mode() == TranslationTableMode.SCALABLE);
  }

  // ---- software side

  /** A 32-bit MMIO read at byte {@code offset}. */
  public synchronized int read32(int offset) {
    return file.read32(offset);
  }

  /** A 64-bit MMIO read at byte {@code offset}. */
  public synchronized long read64(int offset) {
    return file.read64(offset);
  }

  /** A 32-bit MMIO write at byte {@code offset}. */
  public synchronized void write32(int offset, int value) {
    file.write32(offset, value);
  }

  /** A 64-bit MMIO write at byte {@code offset}. */
  public synchronized void write64(int offset, long value) {
    file.write64(offset, value);
  }

  // ---- hardware side

  /** GSTS.TES: translation enabled. */
  public boolean translationEnabled() {
    return gcmd.translationEnabled();
  }

  /** The root-table pointer latched by the last SRTP ({@link RootTablePointer#RESET} before). */
  public RootTablePointer rootTable() {
    return gcmd.rootTable();
  }

  /** GSTS.RTPS: a root-table pointer was latched. */
  public synchronized boolean rootTablePointerSet() {
    return GlobalCommand.RTPS.isSet(gcmd.status());
  }

  /** IRTA_REG as latched by the last SIRTP (interrupt remapping is not modelled). */
  public synchronized long latchedIrta() {
    return gcmd.latchedIrta();
  }

  /**
   * Primary fault logging of one fault (see {@link FaultRecorder#record}).
   *
   * @param faultRecord the record (from {@link FaultRecord#forRequest})
   * @param suppressedByFpd true when an applicable FPD bit is 1 (qualified faults are then dropped)
   */
  public RecordOutcome recordFault(FaultRecord faultRecord, boolean suppressedByFpd) {
    return faults.record(faultRecord, suppressedByFpd);
  }

  // ---- configuration and observability

  /** Refuse register-based invalidation also while the latched TTM is scalable (VirtualBox). */
  public synchronized void setRefuseRegisterInvalidationInScalableMode(boolean on) {
    refuseInScalableMode = on;
  }

  public UnitConfig config() {
    return config;
  }

  /** The register table of this unit. */
  public RegisterTable table() {
    return table;
  }

  /** Fault recording registers, FSTS and the fault event, with counters. */
  public FaultRecorder faults() {
    return faults;
  }

  /** The invalidation queue, its counters and fault-injection hook. */
  public InvalidationQueue queue() {
    return queue;
  }

  /** Register-based invalidation counters. */
  public RegisterInvalidation registerInvalidation() {
    return registerInvalidation;
  }

  /** Invalidations delivered to the caches, counted by kind. */
  public CountingInvalidationTarget invalidations() {
    return invalidations;
  }

  /** Every interrupt message sent (fault event and invalidation completion). */
  public InterruptLog interrupts() {
    return interrupts;
  }

  /** GCMD.WBF commands performed. */
  public synchronized long writeBufferFlushes() {
    return gcmd.writeBufferFlushes();
  }

  /** Commands ignored because a GCMD write asked for more than one. */
  public synchronized long ignoredCommands() {
    return gcmd.ignoredCommands();
  }

  /** GCMD.SRTP commands performed. */
  public synchronized long rootTableLatches() {
    return gcmd.rootTableLatches();
  }

  /**
   * The named register as software would read it, decoded field by field.
   *
   * @throws IllegalArgumentException if the unit has no such register
   */
  public synchronized Decoded decode(String registerName) {
    RegisterDef def = table.named(registerName);
    return def.decode(file.softwareValue(table.registers().indexOf(def)));
  }

  /** Every register: name, offset and the value software reads, one per line. */
  public synchronized String dump() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < table.registers().size(); i++) {
      RegisterDef r = table.registers().get(i);
      sb.append(
          String.format(
              "0x%03x %-16s 0x%0" + (r.width() / 4) + "x%n",
              r.offset(),
              r.name(),
              file.softwareValue(i)));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RemappingRegisters[" + config.name() + "]";
  }
}
