package dev.vtdlab.driver;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.attach.AttachOps;
import dev.vtdlab.driver.attach.EntrySettings;
import dev.vtdlab.driver.attach.LegacyAttach;
import dev.vtdlab.driver.attach.RootTable;
import dev.vtdlab.driver.attach.ScalableAttach;
import dev.vtdlab.driver.dma.DirectDmaApi;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.IommuDmaApi;
import dev.vtdlab.driver.domain.BlockedDomain;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.domain.Domain;
import dev.vtdlab.driver.domain.DomainCounters;
import dev.vtdlab.driver.domain.DomainIds;
import dev.vtdlab.driver.domain.IdentityDomain;
import dev.vtdlab.driver.fault.FaultBatch;
import dev.vtdlab.driver.fault.FaultService;
import dev.vtdlab.driver.flush.UnmapPolicy;
import dev.vtdlab.driver.inv.Invalidator;
import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.mmio.GlobalCommands;
import dev.vtdlab.driver.mmio.Mmio;
import dev.vtdlab.driver.ops.DomainOps;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.pagetable.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Linux-like VT-d driver for one remapping unit (digest 10): bring-up ({@link #bringUp}), DMA,
 * identity and blocking domains, attach / detach of devices and (device, PASID) pairs, the DMA API
 * per device and fault servicing. It talks to the unit only through {@link Mmio} register accesses,
 * the tables it writes into memory and invalidation descriptors.
 *
 * <pre>{@code
 * IntelIommuDriver driver = IntelIommuDriver.bringUp(Mmio.of(regs), frames, haw, options);
 * DmaDomain domain = driver.createDmaDomain();
 * driver.attach(nic, domain);
 * long iova = driver.dma(nic).map(bufferHpa, 1500, DmaDirection.FROM_DEVICE);
 * ...
 * driver.dma(nic).unmap(iova, 1500, DmaDirection.FROM_DEVICE);
 * FaultBatch faults = driver.serviceFaults();
 * }</pre>
 *
 * <p>Thread safety: the DMA API may be used from many threads; attach, detach, domain creation and
 * destruction are serialized on the driver.
 */
public final class IntelIommuDriver {
  private final Mmio mmio;
  private final FrameAllocator frames;
  private final DriverOptions options;
  private final BringUp up;
  private final AttachOps attachOps;
  private final FaultService faults;
  private final DomainCounters counters = new DomainCounters();
  private final List<DmaDomain> domains = new CopyOnWriteArrayList<>();
  private final Map<SourceId, Map<Integer, Domain>> attached = new TreeMap<>();
  private final Runnable writeBufferFlush;
  private int nextSerial = 1;

  private IntelIommuDriver(Mmio mmio, FrameAllocator frames, int haw, DriverOptions options) {
    this.mmio = mmio;
    this.frames = frames;
    this.options = options;
    this.up = new BringUp(mmio, frames, haw, options);
    Negotiated n = up.choices;
    int ptAw = Agaw.MIN_USABLE;
    for (int aw = Agaw.MIN_USABLE; aw <= Agaw.MAX_USABLE; aw++) {
      if (Agaw.largestUsable(up.cap, aw)) {
        ptAw = aw;
      }
    }
    EntrySettings settings =
        new EntrySettings(
            n.secondStageAw(),
            ptAw,
            n.firstStageLevels(),
            n.cachingMode(),
            n.rwbf(),
            n.passThrough(),
            up.ecap.has(dev.vtdlab.hw.cap.Ecap.SMPWCS),
            up.ecap.pasid(),
            up.ecap.pasidBits());
    this.attachOps =
        n.scalable()
            ? new ScalableAttach(frames, up.root, up.invalidator, up.gcmd, settings)
            : new LegacyAttach(frames.memory(), up.root, up.invalidator, up.gcmd, settings);
    GlobalCommands gcmd = up.gcmd;
    this.writeBufferFlush = n.rwbf() ? gcmd::flushWriteBuffer : () -> {};
    this.faults = new FaultService(mmio);
  }

  /**
   * Brings a unit up (see {@link BringUp}) and returns the driver.
   *
   * @param mmio the unit's registers
   * @param frames where the driver's tables, queue and page tables come from (below 2^HAW)
   * @param haw the host address width (from firmware: the ACPI DMAR table)
   * @param options the driver's choices
   * @throws IllegalArgumentException when the options ask for what the unit lacks
   */
  public static IntelIommuDriver bringUp(
      Mmio mmio, FrameAllocator frames, int haw, DriverOptions options) {
    return new IntelIommuDriver(mmio, frames, haw, options);
  }

  /** What bring-up found and chose. */
  public BringUpReport report() {
    return up.report;
  }

  /** The negotiated choices. */
  public Negotiated choices() {
    return up.choices;
  }

  public DriverOptions options() {
    return options;
  }

  /** How invalidations are submitted, with the driver-wide counters. */
  public Invalidator invalidator() {
    return up.invalidator;
  }

  /** The root table. */
  public RootTable rootTable() {
    return up.root;
  }

  /** The attach sequences of the chosen mode. */
  public AttachOps attachOps() {
    return attachOps;
  }

  /** Domain ids of the unit. */
  public DomainIds domainIds() {
    return up.ids;
  }

  /** Driver-wide DMA-API counters. */
  public DomainCounters counters() {
    return counters;
  }

  /** The unit's registers, for code that services the unit beside the driver. */
  public Mmio mmio() {
    return mmio;
  }

  /** A DMA domain of the default stage ({@link Negotiated#dmaStage()}). */
  public DmaDomain createDmaDomain() {
    return createDmaDomain(up.choices.dmaStage());
  }

  /**
   * A DMA domain whose table is of {@code stage}, with a new DID, the stage's page-table format, an
   * IOVA allocator over its aperture (first stage: the lower canonical half) and its unmap policy.
   *
   * @throws IllegalArgumentException when the unit or mode has no such stage
   */
  public synchronized DmaDomain createDmaDomain(Stage stage) {
    Negotiated n = up.choices;
    DomainOps ops = DomainOps.create(n.format(stage), frames);
    int width = n.width(stage);
    IovaAllocator iova = IovaAllocator.forAddressWidth(width);
    FlushMode mode = n.flushFor(stage, options.flush());
    Cap cap = up.cap;
    DmaDomain d =
        new DmaDomain(
            nextSerial++,
            up.ids.allocate(),
            ops,
            width,
            iova,
            up.invalidator,
            cap.psi(),
            cap.mamv(),
            flusher ->
                mode == FlushMode.STRICT
                    ? UnmapPolicy.strict(flusher, iova::free)
                    : UnmapPolicy.lazy(flusher, iova::free, options.clock(), options.flushQueue()),
            n.cachingMode() && stage == Stage.SECOND_STAGE);
    domains.add(d);
    return d;
  }

  /** The identity (pass-through) domain. */
  public IdentityDomain identityDomain() {
    return IdentityDomain.INSTANCE;
  }

  /** The blocking domain. */
  public BlockedDomain blockedDomain() {
    return BlockedDomain.INSTANCE;
  }

  /**
   * Flushes a detached DMA domain's deferred unmaps and frees its DID.
   *
   * @throws IllegalStateException if a device is still attached to it
   */
  public synchronized void destroyDomain(DmaDomain domain) {
    if (!domain.attachments().isEmpty()) {
      throw new IllegalStateException(
          domain.name() + " is still attached to " + domain.attachments());
    }
    if (domains.remove(domain)) {
      domain.policy().flush();
      up.ids.free(domain.did());
    }
  }

  /** The DMA domains alive. */
  public List<DmaDomain> domains() {
    return List.copyOf(domains);
  }

  /** Attaches requests without PASID of {@code sid} (RID_PASID in scalable mode). */
  public void attach(SourceId sid, Domain domain) {
    attach(sid, 0, domain);
  }

  /**
   * Attaches requests of {@code sid} with {@code pasid} (0 = without PASID) to {@code domain},
   * switching from the previous domain with the spec's invalidation sequence (digest 9.8).
   *
   * @throws IllegalArgumentException for a PASID in legacy mode or beyond the device's range, or a
   *     domain the mode cannot program
   */
  public synchronized void attach(SourceId sid, int pasid, Domain domain) {
    if (pasid != 0 && !attachOps.supportsPasid()) {
      throw new IllegalArgumentException("PASID attach needs scalable mode (PASID " + pasid + ")");
    }
    if (domain instanceof DmaDomain d && !domains.contains(d)) {
      throw new IllegalArgumentException(d.name() + " is not a live domain of this driver");
    }
    Domain old = domainOf(sid, pasid);
    if (old == domain) {
      return;
    }
    attachOps.attach(sid, pasid, domain, old);
    Map<Integer, Domain> byPasid = attached.computeIfAbsent(sid, k -> new TreeMap<>());
    if (domain instanceof BlockedDomain) {
      byPasid.remove(pasid);
    } else {
      byPasid.put(pasid, domain);
    }
  }

  /** Blocks requests without PASID of {@code sid}. */
  public void detach(SourceId sid) {
    attach(sid, 0, BlockedDomain.INSTANCE);
  }

  /** Blocks requests of {@code sid} with {@code pasid}. */
  public void detach(SourceId sid, int pasid) {
    attach(sid, pasid, BlockedDomain.INSTANCE);
  }

  /** Detaches every PASID of {@code sid} and releases its context entry. */
  public synchronized void release(SourceId sid) {
    Map<Integer, Domain> byPasid = attached.get(sid);
    if (byPasid != null) {
      for (int pasid : new ArrayList<>(byPasid.keySet())) {
        detach(sid, pasid);
      }
      attached.remove(sid);
    }
    attachOps.release(sid);
  }

  /** What requests of {@code sid} with {@code pasid} are attached to (blocked when nothing). */
  public synchronized Domain domainOf(SourceId sid, int pasid) {
    Map<Integer, Domain> byPasid = attached.get(sid);
    Domain d = byPasid == null ? null : byPasid.get(pasid);
    return d == null ? BlockedDomain.INSTANCE : d;
  }

  /** The attached devices and their domains, by source id and PASID. */
  public synchronized Map<SourceId, Map<Integer, Domain>> attachments() {
    Map<SourceId, Map<Integer, Domain>> copy = new TreeMap<>();
    attached.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
    return copy;
  }

  /** The DMA API of {@code sid}'s requests without PASID, with a 64-bit DMA mask. */
  public DmaApi dma(SourceId sid) {
    return dma(sid, 0);
  }

  /**
   * The DMA API of {@code sid}'s requests with {@code pasid}.
   *
   * @throws IllegalStateException when they are blocked
   */
  public DmaApi dma(SourceId sid, int pasid) {
    Domain domain = domainOf(sid, pasid);
    if (domain instanceof DmaDomain d) {
      return new IommuDmaApi(d, counters, writeBufferFlush, DmaApi.DMA_MASK_64);
    }
    if (domain instanceof IdentityDomain) {
      return DirectDmaApi.INSTANCE;
    }
    throw new IllegalStateException(sid + " PASID " + pasid + " is blocked: no DMA API");
  }

  /** Flushes every domain's deferred unmaps (lazy mode) now. */
  public void flushAll() {
    for (DmaDomain d : domains) {
      d.policy().flush();
    }
  }

  /** Services pending faults (the fault interrupt handler). */
  public FaultBatch serviceFaults() {
    return faults.service();
  }

  /** The fault handler and its log. */
  public FaultService faults() {
    return faults;
  }

  @Override
  public String toString() {
    return "IntelIommuDriver[" + (up.choices.scalable() ? "scalable" : "legacy") + "]";
  }
}
