/**
 * The DMA API (Linux dma-mapping / dma-iommu; digest 10.3): {@link dev.vtdlab.driver.dma.DmaApi}
 * with {@link dev.vtdlab.driver.dma.IommuDmaApi} (IOVA allocation, map through the domain's {@code
 * DomainOps}, strict or lazy unmap) and {@link dev.vtdlab.driver.dma.DirectDmaApi} (identity
 * domains); {@link dev.vtdlab.driver.dma.DmaDirection} gives the device's access.
 */
package dev.vtdlab.driver.dma;
