package dev.vtdlab.driver.flush;

/** Why an invalidation was issued by an {@link UnmapPolicy}. */
public enum FlushReason {
  /** Strict mode: a range invalidation right after one unmap. */
  STRICT,
  /** Lazy mode: an unmap found its flush queue full. */
  FULL,
  /** Lazy mode: the flush-queue timer expired. */
  TIMEOUT,
  /** Lazy mode: {@link UnmapPolicy#flush()} was called (e.g. before the domain is torn down). */
  EXPLICIT
}
