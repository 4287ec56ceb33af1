/**
 * A Linux-like VT-d driver over the hardware model (digest 10): {@link
 * dev.vtdlab.driver.IntelIommuDriver} (bring-up, domains, attach, DMA API, faults), the negotiated
 * choices ({@link dev.vtdlab.driver.Negotiated}, {@link dev.vtdlab.driver.BringUpReport}) and the
 * options ({@link dev.vtdlab.driver.DriverOptions}).
 *
 * <p>Rule: the driver reaches the unit only through register accesses ({@code driver.mmio}), the
 * tables it writes into memory and invalidation descriptors; it never calls the model's caches or
 * translator. Sub-packages: {@code mmio} (registers, GCMD protocol), {@code inv} (queued and
 * register invalidation), {@code attach} (root / context / PASID tables and attach sequences),
 * {@code domain} (domains, DIDs, flushes), {@code ops} (per-stage page-table callbacks), {@code
 * iova} (IOVA allocator), {@code flush} (strict / lazy unmap policies), {@code dma} (DMA API),
 * {@code fault} (fault servicing), {@code device} (devices issuing DMA), {@code time} (simulated
 * clock).
 */
package dev.vtdlab.driver;
