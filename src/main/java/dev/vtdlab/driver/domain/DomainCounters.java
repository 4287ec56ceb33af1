package dev.vtdlab.driver.domain;

import java.util.concurrent.atomic.LongAdder;

/** DMA-API counters of one domain (or of the whole driver). Thread-safe. */
public final class DomainCounters {
  private final LongAdder maps = new LongAdder();
  private final LongAdder unmaps = new LongAdder();
  private final LongAdder bytesMapped = new LongAdder();
  private final LongAdder bytesUnmapped = new LongAdder();
  private final LongAdder mapFlushes = new LongAdder();

  /** One map of {@code bytes} (page-rounded). */
  public void mapped(long bytes) {
    maps.increment();
    bytesMapped.add(bytes);
  }

  /** One unmap of {@code bytes} (page-rounded). */
  public void unmapped(long bytes) {
    unmaps.increment();
    bytesUnmapped.add(bytes);
  }

  /** One invalidation after a map (caching mode, second stage). */
  public void mapFlushed() {
    mapFlushes.increment();
  }

  public long maps() {
    return maps.sum();
  }

  public long unmaps() {
    return unmaps.sum();
  }

  public long bytesMapped() {
    return bytesMapped.sum();
  }

  public long bytesUnmapped() {
    return bytesUnmapped.sum();
  }

  /** Invalidations issued by maps (CM = 1 with a second-stage domain). */
  public long mapFlushes() {
    return mapFlushes.sum();
  }

  @Override
  public String toString() {
    return String.format(
        "maps %d, unmaps %d, bytes mapped %d, bytes unmapped %d, map flushes %d",
        maps(), unmaps(), bytesMapped(), bytesUnmapped(), mapFlushes());
  }
}
