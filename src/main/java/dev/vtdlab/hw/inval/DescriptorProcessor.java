package dev.vtdlab.hw.inval;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;

/**
 * Checks and performs one fetched descriptor (all but the wait descriptor, which the queue
 * completes itself).
 *
 * <p>Validity (IQEI on failure): unknown type, or a type the unit does not advertise (3 and 8 need
 * ECAP.DT, 4 needs ECAP.IR, 9 needs ECAP.PRS) or that needs scalable mode (6, 7, 8 need ECAP.SMTS
 * and a latched TTM other than legacy) -> 3; a reserved bit, a capability-gated field without its
 * capability, a reserved granularity encoding, or non-zero qwords 2-3 of a 256-bit descriptor -> 4.
 *
 * <p>Coarser invalidation where the unit cannot honour the request: page-selective IOTLB without
 * CAP.PSI or with AM above CAP.MAMV becomes domain-selective (type 2) or whole-PASID (type 6); an
 * index-selective interrupt-entry-cache invalidation with IM above ECAP.MHMV becomes global.
 *
 * <p>Not checked: DID bits above the CAP.ND width and address bits above the address widths are
 * passed to the caches as written (they match nothing); device-TLB MIP and PFSID have no effect.
 */
final class DescriptorProcessor {
  private final UnitConfig config;
  private final InvalidationTarget target;

  DescriptorProcessor(UnitConfig config, InvalidationTarget target) {
    this.config = config;
    this.target = target;
  }

  /** The error this descriptor causes, or {@link QueueError#NONE}. */
  QueueError validate(InvDescriptor d, boolean wide, long qw2, long qw3, int ttm) {
    if (d instanceof UnknownInvDescriptor) {
      return QueueError.INVALID_TYPE;
    }
    Ecap ecap = config.ecap();
    boolean scalable = ecap.scalableMode() && ttm != 0;
    boolean allowed =
        switch (d.type()) {
          case DeviceTlbInvDescriptor.TYPE -> ecap.deviceTlb();
          case InterruptEntryCacheInvDescriptor.TYPE -> ecap.has(Ecap.IR);
          case PasidIotlbInvDescriptor.TYPE, PasidCacheInvDescriptor.TYPE -> scalable;
          case PasidDeviceTlbInvDescriptor.TYPE -> scalable && ecap.deviceTlb();
          case PageGroupResponseDescriptor.TYPE -> ecap.has(Ecap.PRS);
          default -> true;
        };
    if (!allowed) {
      return QueueError.INVALID_TYPE;
    }
    if ((d.qw0() & d.reservedQw0(config)) != 0
        || (d.qw1() & d.reservedQw1(config)) != 0
        || (wide && (qw2 | qw3) != 0)
        || !d.invalidEncoding().isEmpty()) {
      return QueueError.RESERVED_FIELD;
    }
    return QueueError.NONE;
  }

  /**
   * Performs a valid descriptor other than a wait descriptor.
   *
   * @return the device's answer for device-TLB invalidations, {@code COMPLETED} otherwise
   */
  DeviceTlbResponder.Response execute(InvDescriptor d, DeviceTlbResponder responder) {
    Cap cap = config.cap();
    if (d instanceof ContextCacheInvDescriptor c) {
      switch (c.granularity()) {
        case ContextCacheInvDescriptor.G_GLOBAL -> target.contextCacheGlobal();
        case ContextCacheInvDescriptor.G_DOMAIN -> target.contextCacheDomain(c.did());
        default -> target.contextCacheDevice(c.did(), c.sid(), c.fm());
      }
    } else if (d instanceof IotlbInvDescriptor t) {
      if (t.granularity() == IotlbInvDescriptor.G_GLOBAL) {
        target.iotlbGlobal();
      } else if (t.granularity() == IotlbInvDescriptor.G_DOMAIN
          || !cap.psi()
          || t.am() > cap.mamv()) {
        target.iotlbDomain(t.did());
      } else {
        target.iotlbPages(t.did(), t.iovaStart(), t.iovaLast(), t.ih());
      }
    } else if (d instanceof PasidIotlbInvDescriptor p) {
      if (p.granularity() == PasidIotlbInvDescriptor.G_PASID || p.am() > cap.mamv()) {
        target.pasidIotlbPasid(p.did(), p.pasid());
      } else {
        target.pasidIotlbPages(p.did(), p.pasid(), p.iovaStart(), p.iovaLast(), p.ih());
      }
    } else if (d instanceof PasidCacheInvDescriptor p) {
      switch (p.granularity()) {
        case PasidCacheInvDescriptor.G_DOMAIN -> target.pasidCacheDomain(p.did());
        case PasidCacheInvDescriptor.G_PASID -> target.pasidCachePasid(p.did(), p.pasid());
        default -> target.pasidCacheGlobal();
      }
    } else if (d instanceof InterruptEntryCacheInvDescriptor i) {
      if (i.indexSelective() && i.im() <= (int) Ecap.MHMV.get(config.ecap().value())) {
        target.interruptEntryCacheIndex(i.iidx(), i.im());
      } else {
        target.interruptEntryCacheGlobal();
      }
    } else if (d instanceof DeviceTlbInvDescriptor t) {
      DeviceTlbResponder.Response r = responder.respond(t.sid());
      if (r != DeviceTlbResponder.Response.TIME_OUT) {
        DeviceTlbRange range = t.range();
        target.deviceTlb(t.sid(), range.start(), range.last());
      }
      return r;
    } else if (d instanceof PasidDeviceTlbInvDescriptor t) {
      DeviceTlbResponder.Response r = responder.respond(t.sid());
      if (r != DeviceTlbResponder.Response.TIME_OUT) {
        DeviceTlbRange range = t.range();
        target.pasidDeviceTlb(t.sid(), t.pasid(), t.allPasids(), range.start(), range.last());
      }
      return r;
    }
    // PageGroupResponseDescriptor: page requests are not modelled; accepted with no effect.
    return DeviceTlbResponder.Response.COMPLETED;
  }

  /** The SID a device-TLB descriptor addresses (0 for other types). */
  static int deviceSid(InvDescriptor d) {
    if (d instanceof DeviceTlbInvDescriptor t) {
      return t.sid();
    }
    if (d instanceof PasidDeviceTlbInvDescriptor t) {
      return t.sid();
    }
    return 0;
  }
}
