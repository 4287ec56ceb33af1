/** Fault reasons, fault records and primary fault logging (VT-d spec 7). */
package dev.vtdlab.hw.fault;
