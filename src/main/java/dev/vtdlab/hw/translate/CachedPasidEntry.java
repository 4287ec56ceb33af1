package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.struct.PasidEntry;

/**
 * A PASID entry as a PASID cache keeps it: the entry and the FPD bit of the PASID-directory entry
 * it was reached through (that FPD still applies to later faults, D17).
 *
 * @param entry a present, valid PASID entry
 * @param directoryFpd the FPD bit of the PASID-directory entry read on the way
 */
public record CachedPasidEntry(PasidEntry entry, boolean directoryFpd) {}
