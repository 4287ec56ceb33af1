/**
 * Physical memory: a sparse, width-limited, little-endian address space with access counters and
 * 64-bit compare-and-set, and a frame allocator with a hard limit. Room: above {@code addr}, below
 * {@code pagetable}.
 */
package dev.vtdlab.mem;
