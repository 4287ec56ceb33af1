/**
 * The driver's register access: {@link dev.vtdlab.driver.mmio.Mmio} (32/64-bit reads and writes at
 * byte offsets, the only way the driver touches the unit's registers) and {@link
 * dev.vtdlab.driver.mmio.GlobalCommands} (the GCMD/GSTS protocol with a shadow of the persistent
 * commands). Room: driver.
 */
package dev.vtdlab.driver.mmio;
