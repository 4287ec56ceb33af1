/**
 * Per-stage domain operations: {@link dev.vtdlab.driver.ops.DomainOps}, the map / unmap /
 * iova-to-physical callbacks a DMA domain holds, implemented by {@link
 * dev.vtdlab.driver.ops.FirstStageDomainOps} and {@link dev.vtdlab.driver.ops.SecondStageDomainOps}
 * over the one page-table engine of {@code dev.vtdlab.pagetable}. Room: driver (uses pagetable and
 * mem; never the hardware model directly — flushing is the caller's, from the returned gathers).
 */
package dev.vtdlab.driver.ops;
