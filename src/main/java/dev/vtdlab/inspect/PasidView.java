package dev.vtdlab.inspect;

import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;

/**
 * A present PASID entry of a scalable-mode device, with the directory entry that leads to it.
 *
 * @param pasid the PASID
 * @param dirEntryHpa where the PASID directory entry is
 * @param dirEntry the PASID directory entry
 * @param entryHpa where the PASID entry is
 * @param entry the PASID entry
 */
public record PasidView(
    int pasid, long dirEntryHpa, PasidDirEntry dirEntry, long entryHpa, PasidEntry entry) {}
