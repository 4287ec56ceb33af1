package dev.vtdlab.driver.inv;

import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.ContextCommandRegister;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.inval.QueueError;
import dev.vtdlab.hw.regs.RegisterTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Register-based invalidation for units without queued invalidation (VT-d spec 6.5.1; digest 9.4):
 * a context-cache descriptor becomes a CCMD_REG command (ICC = 1, poll ICC = 0, check CAIG), an
 * IOTLB descriptor an IVA_REG + IOTLB_REG command (IVT = 1, poll IVT = 0, check IAIG); IVA/IOTLB
 * sit at ECAP.IRO * 16, read from ECAP_REG. Commands complete before the poll ends, so wait
 * descriptors are counted and otherwise need nothing. PASID-cache, PASID-based and device-TLB
 * invalidation have no register interface: scalable mode needs queued invalidation.
 */
public final class RegisterInvalidator implements Invalidator {
  private static final int MAX_POLLS = 1000;

  private final Mmio mmio;
  private final int ivaOffset;
  private final boolean drainReads;
  private final boolean drainWrites;
  private final InvalidationCounters counters = new InvalidationCounters();
  private final List<InvalidationResult.Rejected> rejections = new ArrayList<>();

  /** Reads CAP/ECAP through {@code mmio} for the IOTLB register offset and draining support. */
  public RegisterInvalidator(Mmio mmio) {
    this.mmio = mmio;
    Cap cap = new Cap(mmio.read64(RegisterTable.CAP_REG));
    Ecap ecap = new Ecap(mmio.read64(RegisterTable.ECAP_REG));
    this.ivaOffset = ecap.iotlbRegisterOffset();
    this.drainReads = Cap.DRD.isSet(cap.value());
    this.drainWrites = Cap.DWD.isSet(cap.value());
  }

  @Override
  public synchronized InvalidationResult submit(
      List<InvDescriptor> descriptors, InvalidationCounters alsoCount) {
    InvalidationResult result = new InvalidationResult.Completed(descriptors.size());
    for (InvDescriptor d : descriptors) {
      String refused;
      if (d instanceof ContextCacheInvDescriptor c) {
        refused = contextCommand(c);
      } else if (d instanceof IotlbInvDescriptor t) {
        refused = iotlbCommand(t);
      } else if (d instanceof InvWaitDescriptor) {
        refused = "";
      } else {
        throw new IllegalArgumentException(
            "register-based invalidation cannot perform a " + d.name());
      }
      count(d.type(), alsoCount);
      if (!refused.isEmpty()) {
        InvalidationResult.Rejected r =
            new InvalidationResult.Rejected(QueueError.NONE, d, refused);
        rejections.add(r);
        counters.rejected();
        if (alsoCount != null) {
          alsoCount.rejected();
        }
        result = r;
      }
    }
    counters.submission();
    if (alsoCount != null) {
      alsoCount.submission();
    }
    return result;
  }

  private String contextCommand(ContextCacheInvDescriptor c) {
    long v = ContextCommandRegister.ICC.set(0, true);
    v = ContextCommandRegister.CIRG.set(v, c.granularity());
    v = ContextCommandRegister.DID.set(v, c.did());
    v = ContextCommandRegister.SID.set(v, c.sid());
    v = ContextCommandRegister.FM.set(v, c.fm());
    mmio.write64(RegisterTable.CCMD_REG, v);
    long done = pollClear(RegisterTable.CCMD_REG, ContextCommandRegister.ICC.mask(), "CCMD.ICC");
    return ContextCommandRegister.CAIG.get(done) == 0
        ? "CCMD_REG command not performed (CAIG = 00): " + c
        : "";
  }

  private String iotlbCommand(IotlbInvDescriptor t) {
    if (t.granularity() == IotlbInvDescriptor.G_PAGE) {
      long iva = IotlbRegisters.ADDR.set(0, t.address() >>> 12);
      iva = IotlbRegisters.AM.set(iva, t.am());
      iva = IotlbRegisters.IH.set(iva, t.ih());
      mmio.write64(ivaOffset, iva);
    }
    long v = IotlbRegisters.IVT.set(0, true);
    v = IotlbRegisters.IIRG.set(v, t.granularity());
    v = IotlbRegisters.DID.set(v, t.did());
    v = IotlbRegisters.DR.set(v, drainReads);
    v = IotlbRegisters.DW.set(v, drainWrites);
    int iotlb = ivaOffset + 8;
    mmio.write64(iotlb, v);
    long done = pollClear(iotlb, IotlbRegisters.IVT.mask(), "IOTLB.IVT");
    return IotlbRegisters.IAIG.get(done) == 0
        ? "IOTLB_REG command not performed (IAIG = 00): " + t
        : "";
  }

  private long pollClear(int offset, long bit, String name) {
    for (int i = 0; i < MAX_POLLS; i++) {
      long v = mmio.read64(offset);
      if ((v & bit) == 0) {
        return v;
      }
    }
    throw new IllegalStateException(name + " never cleared (unit not responding)");
  }

  private void count(int type, InvalidationCounters also) {
    counters.descriptor(type);
    if (also != null) {
      also.descriptor(type);
    }
  }

  @Override
  public boolean queued() {
    return false;
  }

  @Override
  public InvalidationCounters counters() {
    return counters;
  }

  @Override
  public synchronized List<InvalidationResult.Rejected> rejections() {
    return List.copyOf(rejections);
  }

  @Override
  public String describe() {
    return String.format(
        "register-based: CCMD_REG, IVA_REG 0x%x, IOTLB_REG 0x%x", ivaOffset, ivaOffset + 8);
  }

  @Override
  public String toString() {
    return "RegisterInvalidator[" + describe() + "]";
  }
}
