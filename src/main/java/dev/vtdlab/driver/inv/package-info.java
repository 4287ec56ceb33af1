/**
 * How the driver invalidates the unit's caches (VT-d spec 6.5; digest 9.4-9.8, 10.3): {@link
 * dev.vtdlab.driver.inv.Invalidator} with the queued implementation ({@link
 * dev.vtdlab.driver.inv.QueuedInvalidator}: descriptor ring, wait descriptor with status write,
 * status polling, IQE handling) and the register-based one ({@link
 * dev.vtdlab.driver.inv.RegisterInvalidator}: CCMD_REG, IVA_REG / IOTLB_REG); {@link
 * dev.vtdlab.driver.inv.PsiRange} (page-selective alignment); counters ({@link
 * dev.vtdlab.driver.inv.InvalidationCounters}). Descriptors are the records of {@code
 * dev.vtdlab.hw.inval}, written to memory or turned into register writes; the driver never calls
 * the unit's caches.
 *
 * <p>Glossary: PSI = page-selective invalidation (ADDR + AM), DSI = domain-selective invalidation,
 * P_IOTLB = PASID-based IOTLB invalidation (type 6), IQE = invalidation queue error.
 */
package dev.vtdlab.driver.inv;
