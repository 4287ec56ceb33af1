package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvalidationQueue;
import dev.vtdlab.hw.inval.InvalidationTarget;
import java.util.function.LongSupplier;

/**
 * The GCMD_REG command protocol and the GSTS_REG status (VT-d spec 10.4.4-5; digest 1.5).
 *
 * <p>One command per write: a write asks for a command when it sets a one-shot bit (SRTP, SFL, WBF,
 * SIRTP) or gives a persistent bit (TE, EAFL, QIE, IRE, CFI) a value other than its status. The
 * unit performs the highest-numbered command asked for and ignores the others (counted in {@link
 * #ignoredCommands()}): software must change one bit per write (digest 1.5 rule 1). Commands the
 * unit does not advertise are reserved bits of GCMD and never seen (SFL/EAFL need CAP.AFL, WBF
 * CAP.RWBF, QIE ECAP.QI, IRE/SIRTP/CFI ECAP.IR). Every command completes before the write returns.
 *
 * <ul>
 *   <li>TE: TES follows.
 *   <li>SRTP: latches RTADDR (RTA and TTM, as written) and sets RTPS; with CAP.ESRTPS the
 *       context-cache, PASID-cache and IOTLB are invalidated globally.
 *   <li>SFL: latches AFLOG and sets FLS. EAFL: AFLS follows (advanced logging is not modelled).
 *   <li>WBF: counted; the flush is instantaneous, so WBFS reads 0 when the write returns.
 *   <li>QIE: QIES follows; enabling starts queue processing, disabling resets IQH to 0.
 *   <li>IRE, CFI: status follows. SIRTP: latches IRTA and sets IRTPS; with CAP.ESIRTPS the
 *       interrupt entry cache is invalidated globally. Interrupt remapping is not modelled.
 * </ul>
 */
final class GlobalCommandProtocol {
  private static final BitField[] COMMANDS = {
    GlobalCommand.TE,
    GlobalCommand.SRTP,
    GlobalCommand.SFL,
    GlobalCommand.EAFL,
    GlobalCommand.WBF,
    GlobalCommand.QIE,
    GlobalCommand.IRE,
    GlobalCommand.SIRTP,
    GlobalCommand.CFI
  };
  private static final long ONE_SHOT =
      GlobalCommand.SRTP.mask()
          | GlobalCommand.SFL.mask()
          | GlobalCommand.WBF.mask()
          | GlobalCommand.SIRTP.mask();

  private final UnitConfig config;
  private final InvalidationQueue queue;
  private final InvalidationTarget target;
  private final LongSupplier rtaddr;
  private final LongSupplier irta;
  private final LongSupplier aflog;
  private long status;
  private volatile boolean translationEnabled;
  private volatile RootTablePointer rootTable = RootTablePointer.RESET;
  private long latchedIrta;
  private long latchedAflog;
  private long writeBufferFlushes;
  private long ignoredCommands;
  private long rootTableLatches;

  GlobalCommandProtocol(
      UnitConfig config,
      InvalidationQueue queue,
      InvalidationTarget target,
      LongSupplier rtaddr,
      LongSupplier irta,
      LongSupplier aflog) {
    this.config = config;
    this.queue = queue;
    this.target = target;
    this.rtaddr = rtaddr;
    this.irta = irta;
    this.aflog = aflog;
  }

  /** A GCMD write, already masked to the commands the unit supports. */
  void write(long gcmd) {
    BitField chosen = null;
    int asked = 0;
    for (BitField c : COMMANDS) {
      boolean isOneShot = (c.mask() & ONE_SHOT) != 0;
      boolean wanted = isOneShot ? c.isSet(gcmd) : c.isSet(gcmd) != c.isSet(status);
      if (wanted) {
        asked++;
        if (chosen == null) {
          chosen = c;
        }
      }
    }
    if (asked > 1) {
      ignoredCommands += asked - 1;
    }
    if (chosen != null) {
      perform(chosen, chosen.isSet(gcmd));
    }
  }

  private void perform(BitField command, boolean value) {
    if (command == GlobalCommand.TE) {
      status = GlobalCommand.TES.set(status, value);
      translationEnabled = value;
    } else if (command == GlobalCommand.SRTP) {
      rootTable = RootTablePointer.fromRegister(rtaddr.getAsLong());
      rootTableLatches++;
      queue.setTranslationTableMode(rootTable.mode().value());
      status = GlobalCommand.RTPS.set(status, true);
      if (config.cap().esrtps()) {
        target.contextCacheGlobal();
        target.pasidCacheGlobal();
        target.iotlbGlobal();
      }
    } else if (command == GlobalCommand.SFL) {
      latchedAflog = aflog.getAsLong();
      status = GlobalCommand.FLS.set(status, true);
    } else if (command == GlobalCommand.EAFL) {
      status = GlobalCommand.AFLS.set(status, value);
    } else if (command == GlobalCommand.WBF) {
      writeBufferFlushes++;
      status = GlobalCommand.WBFS.set(status, false);
    } else if (command == GlobalCommand.QIE) {
      status = GlobalCommand.QIES.set(status, value);
      queue.setEnabled(value);
    } else if (command == GlobalCommand.IRE) {
      status = GlobalCommand.IRES.set(status, value);
    } else if (command == GlobalCommand.SIRTP) {
      latchedIrta = irta.getAsLong();
      status = GlobalCommand.IRTPS.set(status, true);
      if (dev.vtdlab.hw.cap.Cap.ESIRTPS.isSet(config.cap().value())) {
        target.interruptEntryCacheGlobal();
      }
    } else {
      status = GlobalCommand.CFIS.set(status, value);
    }
  }

  /** GSTS_REG. */
  long status() {
    return status;
  }

  boolean queuedInvalidationEnabled() {
    return GlobalCommand.QIES.isSet(status);
  }

  boolean translationEnabled() {
    return translationEnabled;
  }

  RootTablePointer rootTable() {
    return rootTable;
  }

  long latchedIrta() {
    return latchedIrta;
  }

  long latchedAflog() {
    return latchedAflog;
  }

  long writeBufferFlushes() {
    return writeBufferFlushes;
  }

  long ignoredCommands() {
    return ignoredCommands;
  }

  long rootTableLatches() {
    return rootTableLatches;
  }
}
