package dev.vtdlab.driver;

import dev.vtdlab.driver.attach.RootTable;
import dev.vtdlab.driver.domain.DomainIds;
import dev.vtdlab.driver.inv.Invalidator;
import dev.vtdlab.driver.inv.QueuedInvalidator;
import dev.vtdlab.driver.inv.RegisterInvalidator;
import dev.vtdlab.driver.mmio.GlobalCommands;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.fault.EventRegisters;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.regs.GlobalCommand;
import dev.vtdlab.hw.regs.MiscRegisters;
import dev.vtdlab.hw.regs.RegisterTable;
import dev.vtdlab.hw.regs.RootTableAddress;
import dev.vtdlab.mem.FrameAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * The bring-up sequence (digest 10.1; Linux {@code init_dmars}), through registers only:
 *
 * <ol>
 *   <li>Read VER, CAP and ECAP; negotiate ({@link Negotiated}). If GSTS.TES is set (firmware left
 *       translation on), turn it off.
 *   <li>Queued invalidation when ECAP.QI (and wanted): IQT = 0, IQA (base, QS, DW = scalable),
 *       GCMD.QIE, wait QIES. Otherwise register-based invalidation (legacy mode only). Linux
 *       enables the queue before it sets the root table, since the PASID-cache invalidation that
 *       follows SRTP in scalable mode has no register form.
 *   <li>Allocate the root table, write RTADDR (TTM = 01b for scalable), GCMD.SRTP, wait RTPS;
 *       unless CAP.ESRTPS: global context-cache, global PASID-cache (scalable), global IOTLB.
 *   <li>Fault event: FEDATA / FEADDR programmed and FECTL.IM cleared (faults are serviced by {@code
 *       IntelIommuDriver.serviceFaults}).
 *   <li>GCMD.TE, wait TES. Devices are attached afterwards; until then their DMA faults.
 * </ol>
 */
final class BringUp {
  /** FEADDR: the local APIC message address (interrupt range, D14). */
  static final int FAULT_EVENT_ADDRESS = 0xFEE0_0000;

  /** FEDATA: the vector the driver's fault handler would use. */
  static final int FAULT_EVENT_VECTOR = 0x40;

  final Cap cap;
  final Ecap ecap;
  final Negotiated choices;
  final GlobalCommands gcmd;
  final Invalidator invalidator;
  final RootTable root;
  final BringUpReport report;

  final DomainIds ids;

  BringUp(Mmio mmio, FrameAllocator frames, int haw, DriverOptions options) {
    int ver = mmio.read32(RegisterTable.VER_REG);
    this.cap = new Cap(mmio.read64(RegisterTable.CAP_REG));
    this.ecap = new Ecap(mmio.read64(RegisterTable.ECAP_REG));
    this.choices = Negotiated.of(cap, ecap, haw, options);
    this.ids = new DomainIds(cap.domainIdBits(), cap.cachingMode());
    this.gcmd = new GlobalCommands(mmio);
    if (gcmd.statusSet(GlobalCommand.TES)) {
      gcmd.disable(GlobalCommand.TE, GlobalCommand.TES);
    }
    this.invalidator =
        choices.queued()
            ? QueuedInvalidator.enable(mmio, frames, gcmd, choices.scalable())
            : new RegisterInvalidator(mmio);
    this.root = new RootTable(frames, choices.scalable());
    long rtaddr = RootTableAddress.RTA.set(0, root.hpa() >>> 12);
    rtaddr = RootTableAddress.TTM.set(rtaddr, choices.scalable() ? 1 : 0);
    mmio.write64(RegisterTable.RTADDR_REG, rtaddr);
    gcmd.oneShot(GlobalCommand.SRTP, GlobalCommand.RTPS, true);
    if (!cap.esrtps()) {
      List<InvDescriptor> global = new ArrayList<>();
      global.add(ContextCacheInvDescriptor.global());
      if (choices.scalable()) {
        global.add(PasidCacheInvDescriptor.global());
      }
      global.add(IotlbInvDescriptor.global());
      invalidator.submit(global, null);
    }
    mmio.write32(RegisterTable.FEDATA_REG, FAULT_EVENT_VECTOR);
    mmio.write32(RegisterTable.FEADDR_REG, FAULT_EVENT_ADDRESS);
    mmio.write32(RegisterTable.FEUADDR_REG, 0);
    mmio.write32(RegisterTable.FECTL_REG, (int) EventRegisters.IM.set(0, false));
    gcmd.enable(GlobalCommand.TE, GlobalCommand.TES);
    String version =
        MiscRegisters.VER_MAX.get(ver & 0xFFFF_FFFFL)
            + "."
            + MiscRegisters.VER_MIN.get(ver & 0xFFFF_FFFFL);
    this.report =
        new BringUpReport(
            version,
            cap.value(),
            ecap.value(),
            choices,
            invalidator.describe(),
            root.hpa(),
            !cap.esrtps(),
            ids.count(),
            ids.describeReserved());
  }
}
