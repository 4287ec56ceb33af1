/**
 * Context and PASID structures the driver owns and how it programs them (digest 2-4, 9.8, 10.1,
 * 10.2): {@link dev.vtdlab.driver.attach.RootTable} (root and context tables), {@link
 * dev.vtdlab.driver.attach.PasidTables} (one device's PASID directory and tables), and the attach
 * sequences per mode behind {@link dev.vtdlab.driver.attach.AttachOps}: {@link
 * dev.vtdlab.driver.attach.LegacyAttach} and {@link dev.vtdlab.driver.attach.ScalableAttach}.
 * Entries are composed with the {@code hw.struct} records and written to memory; invalidations go
 * through the driver's {@code Invalidator}.
 */
package dev.vtdlab.driver.attach;
