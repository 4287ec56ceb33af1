/**
 * One page-table engine (walk, map, unmap, split, iterate) over two formats behind one contract:
 * the first-stage format (x86-64 IA-32e paging, 4/5-level) and the second-stage format (VT-d,
 * 3/4/5-level). Room: above {@code mem}; never touches the hardware model, caches or registers.
 *
 * <p>Levels: 1 = leaf table (PTE), 2 = PD, 3 = PDPT, 4 = PML4, 5 = PML5, for both stages.
 */
package dev.vtdlab.pagetable;
