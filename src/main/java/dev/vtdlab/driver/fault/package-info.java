/**
 * Fault servicing through the registers (digest 10.4): {@link dev.vtdlab.driver.fault.FaultService}
 * reads FSTS and the fault recording registers from FRI, decodes them into {@link
 * dev.vtdlab.driver.fault.ReportedFault}s and clears F and PFO (RW1C).
 */
package dev.vtdlab.driver.fault;
