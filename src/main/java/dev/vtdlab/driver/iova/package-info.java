/**
 * The IOVA allocator of a DMA domain, after Linux's {@code drivers/iommu/iova.c} and the way its
 * DMA layer ({@code dma-iommu.c}) calls it: page-granular (4 KiB) ranges in the domain's aperture,
 * size-aligned, allocated top-down below a limit (the device's DMA mask; PCI devices first try
 * below 4 GiB), with per-CPU caches of recently freed small ranges and reserved ranges (always the
 * interrupt address range 0xFEE0_0000-0xFEEF_FFFF).
 *
 * <p>Glossary: <i>aperture</i> = the IOVAs a domain can map; <i>pfn</i> = IOVA page frame number
 * (IOVA &gt;&gt; 12), used only inside the package; <i>range cache</i> (Linux "rcache") = per-CPU
 * magazines plus a depot per size class; <i>CPU</i> = a cache slot chosen from the thread id.
 *
 * <p>Entry point: {@link dev.vtdlab.driver.iova.IovaAllocator}. Room: driver; no dependency on the
 * hardware model or the page tables.
 */
package dev.vtdlab.driver.iova;
