/**
 * Memory sources for the inspector: read-only {@link dev.vtdlab.mem.PhysicalMemory} views of files,
 * never loaded whole into the heap.
 *
 * <ul>
 *   <li>{@link dev.vtdlab.inspect.source.MemorySources#open(java.nio.file.Path)} detects the
 *       format: an ELF64 little-endian core file as QEMU's {@code dump-guest-memory} writes it
 *       (each {@code PT_LOAD} segment maps the physical range {@code p_paddr .. p_paddr + p_filesz
 *       - 1} to its file bytes; an address in no segment is <em>absent</em>: not readable, never
 *       zero), or a gzip-compressed file of either kind (decompressed by streaming into a temporary
 *       file that is deleted on close).
 *   <li>{@link dev.vtdlab.inspect.source.MemorySources#openRaw(java.nio.file.Path, long)} reads a
 *       raw flat image whose first byte is at a given physical base address.
 * </ul>
 *
 * <p>File bytes are reached through read-only memory mappings of at most 1 GiB each (off-heap), so
 * a 4 GiB dump costs address space, not heap. Every problem with the input file is a {@link
 * dev.vtdlab.inspect.source.DumpFormatException} whose one-line message names the file and the
 * problem; a read of an absent address is a {@link dev.vtdlab.mem.MemoryAccessException} naming the
 * address and the nearest segments.
 *
 * <p>Decision: a {@code PT_LOAD} whose {@code p_memsz} exceeds {@code p_filesz} is present only for
 * its file bytes; the tail is absent (ELF would call it zero, but core writers use the gap for
 * pages they did not save, and the inspector must never invent zeros).
 */
package dev.vtdlab.inspect.source;
