package dev.vtdlab.hw.translate;

/**
 * The outcome of one DMA request: {@link Translated}, {@link Fault}, {@link Interrupt} (D14) or
 * {@link Blocked} (abort-DMA mode). Hardware outcomes are values: a malformed structure gives a
 * {@link Fault}, never an exception.
 */
public sealed interface Translation permits Translated, Fault, Interrupt, Blocked {

  /** The request translated. */
  DmaRequest request();

  /** The memory reads made (D2); with caches, only the reads that missed. */
  Reads reads();

  /** The scenario format's result word: "ok", "fault", "interrupt" or "blocked". */
  String resultWord();
}
