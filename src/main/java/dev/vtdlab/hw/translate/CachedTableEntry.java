package dev.vtdlab.hw.translate;

/**
 * A paging-structure cache entry (VT-d spec 6.2.5): what a non-leaf entry at {@code level} says for
 * the input addresses it covers: the table of the next level down and the rights ANDed over this
 * entry and every entry above it. A walk using it starts at level {@code level - 1} (the walker's
 * {@code walkFrom}).
 *
 * @param level the cached entry's level: 2 PDE, 3 PDPE, 4 PML4E, 5 PML5E (either stage)
 * @param nextTable the address of the level-{@code (level - 1)} table (an HPA; a GPA for the first
 *     stage of a nested translation, whose table reads still go through the second stage)
 * @param rights {@link dev.vtdlab.pagetable.Rights} ANDed from the top level down to this one
 */
public record CachedTableEntry(int level, long nextTable, int rights) {}
