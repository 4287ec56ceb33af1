package dev.vtdlab.driver.flush;

/**
 * Counters of an {@link UnmapPolicy}.
 *
 * @param entriesQueued unmaps handed to the policy (strict mode releases each at once)
 * @param entriesReleased IOVA ranges given back
 * @param tablePagesReleased freed table pages given back
 * @param strictFlushes range invalidations, one per unmap in strict mode
 * @param fullFlushes domain-wide invalidations because a flush queue was full
 * @param timeoutFlushes domain-wide invalidations because the flush-queue timer expired
 * @param explicitFlushes domain-wide invalidations requested through {@link UnmapPolicy#flush()}
 */
public record FlushStats(
    long entriesQueued,
    long entriesReleased,
    long tablePagesReleased,
    long strictFlushes,
    long fullFlushes,
    long timeoutFlushes,
    long explicitFlushes) {

  /** Entries queued and not released yet. */
  public long pendingEntries() {
    return entriesQueued - entriesReleased;
  }

  /** Invalidations issued for {@code reason}. */
  public long flushes(FlushReason reason) {
    return switch (reason) {
      case STRICT -> strictFlushes;
      case FULL -> fullFlushes;
      case TIMEOUT -> timeoutFlushes;
      case EXPLICIT -> explicitFlushes;
    };
  }

  /** All invalidations issued. */
  public long totalFlushes() {
    return strictFlushes + fullFlushes + timeoutFlushes + explicitFlushes;
  }
}
