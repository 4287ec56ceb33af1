package dev.vtdlab.driver.attach;

/**
 * The unit-wide values the driver writes into context and PASID entries, fixed at bring-up.
 *
 * @param secondStageAw AW of second-stage tables (legacy context entry, PASID entry)
 * @param passThroughAw AW of pass-through entries: the largest usable SAGAW value (D9)
 * @param firstStageLevels 4 or 5 (FSPM 00b / 01b), 0 without first stage
 * @param cachingMode CAP.CM: not-present to present changes need invalidations (digest 9.2)
 * @param rwbf CAP.RWBF: otherwise flush the write buffer
 * @param passThrough ECAP.PT: identity domains possible
 * @param pageWalkSnoop ECAP.SMPWCS: set PWSNP in PASID entries (as Linux does)
 * @param pasidEnable ECAP.PASID: set PASIDE in scalable-mode context entries
 * @param pasidBits ECAP.PSS + 1
 */
public record EntrySettings(
    int secondStageAw,
    int passThroughAw,
    int firstStageLevels,
    boolean cachingMode,
    boolean rwbf,
    boolean passThrough,
    boolean pageWalkSnoop,
    boolean pasidEnable,
    int pasidBits) {}
