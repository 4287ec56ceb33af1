/**
 * The inspector: reads real memory dumps (a QEMU guest's {@code dump-guest-memory} core, or a raw
 * image) and decodes the remapping structures and page tables they hold with the {@code hw}
 * decoders and the {@code pagetable} walker. Room: beside {@code sim}, below {@code cli}; read-only
 * throughout: nothing here writes to the dump.
 */
package dev.vtdlab.inspect;
