package dev.vtdlab.hw.translate;

/**
 * The outcome of one DMA request: {@link Translated}, {@link Fault} or {@link Interrupt} (D14).
 * Hardware outcomes are values: a malformed structure gives a {@link Fault}, never an exception.
 * Abort-DMA mode gives a {@link Fault} RTA.4 (VT-d spec 5.10 Table 30, docs/spec-deviations.md row
 * 10), so the scenario format's {@code blocked} result is never produced.
 */
public sealed interface Translation permits Translated, Fault, Interrupt {

  /** The request translated. */
  DmaRequest request();

  /** The memory reads made (D2); with caches, only the reads that missed. */
  Reads reads();

  /** The scenario format's result word: "ok", "fault" or "interrupt". */
  String resultWord();
}
