package dev.vtdlab.hw.translate;

/**
 * How a {@link DmaTranslator} behaves beyond what the unit's capabilities say.
 *
 * @param accessedDirtyUpdates true: the translator sets accessed/dirty bits as D20 says (first
 *     stage A, EA with EAFE, D on writes; second stage only with SSADE), with atomic
 *     compare-and-set writes, and the memory must be a {@link dev.vtdlab.mem.WritableMemory};
 *     false: nothing is ever written (the conformance scenarios, whose images preset A/D, and
 *     read-only memory dumps)
 * @param recordEntries true: results list every entry read ({@link Translated#entries()}); false:
 *     only the read counts are kept (cheaper results)
 */
public record TranslatorOptions(boolean accessedDirtyUpdates, boolean recordEntries) {

  /** Hardware behaviour: A/D updates on, entries recorded. */
  public static final TranslatorOptions HARDWARE = new TranslatorOptions(true, true);

  /** Read-only translation (no A/D write-back), entries recorded: the vectors runner's setting. */
  public static final TranslatorOptions READ_ONLY = new TranslatorOptions(false, true);

  /** The same options with A/D updates on or off. */
  public TranslatorOptions withAccessedDirtyUpdates(boolean on) {
    return new TranslatorOptions(on, recordEntries);
  }

  /** The same options with entry recording on or off. */
  public TranslatorOptions withRecordEntries(boolean on) {
    return new TranslatorOptions(accessedDirtyUpdates, on);
  }
}
