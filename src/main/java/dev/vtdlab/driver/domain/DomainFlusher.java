package dev.vtdlab.driver.domain;

import dev.vtdlab.driver.flush.DomainInvalidator;
import dev.vtdlab.driver.inv.InvalidationCounters;
import dev.vtdlab.driver.inv.Invalidator;
import dev.vtdlab.driver.inv.PsiRange;
import dev.vtdlab.driver.iova.IovaRange;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.pagetable.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Invalidates one DMA domain's translations through its cache tags, as Linux's cache-tag code does
 * (digest 9.1, 9.8, 10.3), and waits (every submission ends with a wait descriptor):
 *
 * <ul>
 *   <li>first-stage domain: one PASID-based IOTLB invalidation (type 6) per attached PASID (PASID 0
 *       for requests without PASID, the RID_PASID): page-selective with the PSI-aligned address and
 *       mask ({@link PsiRange}), or all entries of the PASID when AM would exceed CAP.MAMV;
 *   <li>second-stage domain: one IOTLB invalidation (type 2) for the DID: page-selective when
 *       CAP.PSI and AM &lt;= CAP.MAMV, else domain-selective.
 * </ul>
 *
 * IH is set when the caller says only leaf entries changed (no table page freed). A domain with no
 * attachment has no tag, so nothing is submitted. Device-TLBs are not flushed: the driver's devices
 * do not use ATS (context DTE = 0).
 */
public final class DomainFlusher implements DomainInvalidator {
  private final Invalidator invalidator;
  private final int did;
  private final Stage stage;
  private final boolean psi;
  private final int mamv;
  private final Supplier<Collection<Attachment>> tags;
  private final InvalidationCounters counters;

  /**
   * @param psi CAP.PSI
   * @param mamv CAP.MAMV
   * @param tags the domain's current attachments
   * @param counters the domain's invalidation counters
   */
  public DomainFlusher(
      Invalidator invalidator,
      int did,
      Stage stage,
      boolean psi,
      int mamv,
      Supplier<Collection<Attachment>> tags,
      InvalidationCounters counters) {
    this.invalidator = invalidator;
    this.did = did;
    this.stage = stage;
    this.psi = psi;
    this.mamv = mamv;
    this.tags = tags;
    this.counters = counters;
  }

  @Override
  public void flushRange(IovaRange iova, boolean invalidationHint) {
    submit(rangeDescriptors(iova.start(), iova.last(), invalidationHint));
  }

  @Override
  public void flushAll() {
    submit(allDescriptors());
  }

  /** The descriptors {@link #flushRange} submits (none without attachments). */
  public List<InvDescriptor> rangeDescriptors(long iovaStart, long iovaLast, boolean ih) {
    PsiRange r = PsiRange.covering(iovaStart, iovaLast);
    List<InvDescriptor> out = new ArrayList<>();
    if (stage == Stage.FIRST_STAGE) {
      for (int pasid : pasids()) {
        out.add(
            r.am() <= mamv
                ? PasidIotlbInvDescriptor.page(did, pasid, r.iova(), r.am(), ih)
                : PasidIotlbInvDescriptor.pasid(did, pasid));
      }
    } else if (!tags.get().isEmpty()) {
      out.add(
          psi && r.am() <= mamv
              ? IotlbInvDescriptor.page(did, r.iova(), r.am(), ih)
              : IotlbInvDescriptor.domain(did));
    }
    return out;
  }

  /** The descriptors {@link #flushAll} submits (none without attachments). */
  public List<InvDescriptor> allDescriptors() {
    List<InvDescriptor> out = new ArrayList<>();
    if (stage == Stage.FIRST_STAGE) {
      for (int pasid : pasids()) {
        out.add(PasidIotlbInvDescriptor.pasid(did, pasid));
      }
    } else if (!tags.get().isEmpty()) {
      out.add(IotlbInvDescriptor.domain(did));
    }
    return out;
  }

  private TreeSet<Integer> pasids() {
    TreeSet<Integer> p = new TreeSet<>();
    for (Attachment a : tags.get()) {
      p.add(a.pasid());
    }
    return p;
  }

  private void submit(List<InvDescriptor> descriptors) {
    if (!descriptors.isEmpty()) {
      invalidator.submit(descriptors, counters);
    }
  }
}
