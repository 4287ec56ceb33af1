/**
 * Devices that issue DMA through a remapping unit by source id and PASID, and their drivers.
 *
 * <ul>
 *   <li>{@link dev.vtdlab.driver.device.DmaPort}: the unit's DMA entry point (translate, then read
 *       or write memory at the output address; a fault aborts the access and is recorded by the
 *       unit). {@link dev.vtdlab.driver.device.UnitDmaPort} implements it over {@code
 *       dev.vtdlab.hw.RemappingUnit} (registers, translator and caches).
 *   <li>{@link dev.vtdlab.driver.device.NicDevice} (RX/TX descriptor rings, {@link
 *       dev.vtdlab.driver.device.NicDescriptor}) with {@link dev.vtdlab.driver.device.NicDriver}.
 *   <li>{@link dev.vtdlab.driver.device.DiskDevice} (in-memory disk, scatter-gather commands) with
 *       {@link dev.vtdlab.driver.device.DiskDriver}.
 * </ul>
 */
package dev.vtdlab.driver.device;
