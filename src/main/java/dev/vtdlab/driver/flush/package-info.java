/**
 * What happens after a DMA unmap: when the IOTLB is invalidated, and when the unmapped IOVA range
 * and the page-table pages freed by the unmap may be reused. Two {@link
 * dev.vtdlab.driver.flush.UnmapPolicy} implementations, as Linux's DMA layer offers them:
 *
 * <ul>
 *   <li><b>strict</b> ({@code iommu.strict=1}): every unmap is followed at once by a page-selective
 *       invalidation of its range, then its pages and IOVAs are released ({@link
 *       dev.vtdlab.driver.flush.StrictUnmapPolicy});
 *   <li><b>lazy</b> (flush queue, Linux's default for DMA domains): unmaps are queued; one
 *       domain-wide invalidation releases a whole queue, when a queue is full (256 slots) or when a
 *       timeout (10 ms) expires on the simulated clock ({@link
 *       dev.vtdlab.driver.flush.LazyUnmapPolicy}).
 * </ul>
 *
 * <p>Invariant (ARCHITECTURE principle 3): an IOVA range and a freed table page go back to their
 * owner only after an invalidation that started after they were unmapped has completed.
 *
 * <p>The package depends on neither the hardware model nor the page-table engine: invalidation is a
 * callback ({@link dev.vtdlab.driver.flush.DomainInvalidator}), freed table pages are an opaque
 * handle ({@link dev.vtdlab.driver.flush.FreedPages}) and IOVAs go back through a consumer
 * (normally {@code IovaAllocator::free}).
 */
package dev.vtdlab.driver.flush;
