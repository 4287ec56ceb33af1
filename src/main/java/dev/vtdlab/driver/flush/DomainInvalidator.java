package dev.vtdlab.driver.flush;

import dev.vtdlab.driver.iova.IovaRange;

/**
 * Invalidates a domain's translations in the IOTLB (and device-TLBs, paging-structure caches) and
 * waits for the invalidation to complete. Implemented by the DMA layer on top of the hardware
 * model; Linux's {@code iotlb_sync} (strict) and {@code flush_iotlb_all} (lazy).
 *
 * <p>Both methods may be called from several threads at once. They must not advance the simulated
 * clock (a flush-queue timeout would then run inside the flush).
 */
public interface DomainInvalidator {

  /**
   * Invalidates the translations of {@code iova} (page-selective where the unit allows, else
   * domain-selective) and waits for completion.
   *
   * @param invalidationHint true when only leaf entries were cleared and no table page was freed
   *     (the IH bit of the IOTLB / PASID-based IOTLB invalidation descriptor: paging-structure
   *     caches may be kept)
   */
  void flushRange(IovaRange iova, boolean invalidationHint);

  /** Invalidates every translation of the domain and waits for completion. */
  void flushAll();
}
