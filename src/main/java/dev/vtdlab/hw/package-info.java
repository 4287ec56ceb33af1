/**
 * The remapping hardware, exact to the VT-d specification: registers, root/context/PASID
 * structures, translation in every mode, caches, invalidation and fault recording. Room: above
 * {@code pagetable}; driven only through registers and memory.
 */
package dev.vtdlab.hw;
