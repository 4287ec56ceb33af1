package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;

/**
 * A final translation as an IOTLB keeps it (digest 7.5, 9.1): page base, page size and the rights
 * the tables grant, kept per stage because a supervisor's write with WPE = 0 ignores the
 * first-stage R/W but not the second-stage W (D12). The translator checks the request's rights on
 * every hit, so one entry serves user and supervisor requests alike.
 *
 * @param pageHpa host-physical base of the page (aligned to {@code pageSize})
 * @param pageSize the translation's page size
 * @param firstStageRights {@link dev.vtdlab.pagetable.Rights} ANDed over the first-stage walk
 *     ({@code Rights.ALL} when the mode has no first stage)
 * @param secondStageRights rights ANDed over the (final) second-stage walk ({@code Rights.ALL}
 *     without a second stage; pass-through: read and write)
 * @param mode the mode that produced it
 * @param dirty true when a write through this translation needs no dirty-bit update (D already set,
 *     or A/D updates off); a write hitting an entry with false is handled as a miss
 */
public record CachedTranslation(
    long pageHpa,
    PageSize pageSize,
    int firstStageRights,
    int secondStageRights,
    TranslationMode mode,
    boolean dirty) {}
