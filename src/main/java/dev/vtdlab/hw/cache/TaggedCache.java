package dev.vtdlab.hw.cache;

import java.util.Arrays;
import java.util.Random;

/**
 * A fully associative cache of values under two-word tags, allocation-free on lookup: slots in
 * arrays, an open-addressing index (linear probing, backward-shift deletion) and a doubly linked
 * age list for {@link Replacement#LRU} (a hit makes the slot youngest) and {@link Replacement#FIFO}
 * (fill order only); {@link Replacement#RANDOM} picks a victim from a seeded generator. Counts
 * fills, evictions, invalidated entries and invalidation operations; hits and misses are counted by
 * the owner, whose lookups may probe several tags. Not thread-safe: the owner locks.
 */
final class TaggedCache {
  /** Selects entries to invalidate. */
  interface Match {
    boolean test(long tag0, long tag1, Object value);
  }

  private static final int EMPTY = 0;

  private final String name;
  private final int capacity;
  private final Replacement replacement;
  private final Random random;
  private final long[] tag0;
  private final long[] tag1;
  private final Object[] value;
  private final int[] older;
  private final int[] younger;
  private final int[] free;
  private final int[] index;
  private final int mask;
  private int freeTop;
  private int oldest = -1;
  private int youngest = -1;
  private int size;

  long hits;
  long misses;
  long negativeHits;
  private long fills;
  private long evictions;
  private long invalidated;
  private long invalidations;

  TaggedCache(String name, CacheSpec spec, long seed) {
    if (!spec.enabled()) {
      throw new IllegalArgumentException(name + ": a cache needs at least one entry");
    }
    this.name = name;
    this.capacity = spec.entries();
    this.replacement = spec.replacement();
    this.random = new Random(seed);
    this.tag0 = new long[capacity];
    this.tag1 = new long[capacity];
    this.value = new Object[capacity];
    this.older = new int[capacity];
    this.younger = new int[capacity];
    this.free = new int[capacity];
    this.index = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1];
    this.mask = index.length - 1;
    reset();
  }

  private void reset() {
    Arrays.fill(value, null);
    Arrays.fill(index, EMPTY);
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeTop = capacity;
    oldest = -1;
    youngest = -1;
    size = 0;
  }

  private int home(long t0, long t1) {
    long h = t0 * 0x9E37_79B9_7F4A_7C15L ^ t1 * 0xC2B2_AE3D_27D4_EB4FL;
    h ^= h >>> 31;
    return (int) h & mask;
  }

  /** The slot holding the tag, or -1. */
  private int find(long t0, long t1) {
    for (int i = home(t0, t1); ; i = (i + 1) & mask) {
      int e = index[i];
      if (e == EMPTY) {
        return -1;
      }
      int s = e - 1;
      if (tag0[s] == t0 && tag1[s] == t1) {
        return s;
      }
    }
  }

  /** The value under the tag (an LRU hit makes it youngest), or null. */
  Object get(long t0, long t1) {
    int s = find(t0, t1);
    if (s < 0) {
      return null;
    }
    if (replacement == Replacement.LRU && s != youngest) {
      unlink(s);
      append(s);
    }
    return value[s];
  }

  /** Stores the value under the tag, replacing one under the same tag or evicting a victim. */
  void put(long t0, long t1, Object v) {
    int s = find(t0, t1);
    if (s >= 0) {
      value[s] = v;
      if (replacement == Replacement.LRU && s != youngest) {
        unlink(s);
        append(s);
      }
      fills++;
      return;
    }
    if (size == capacity) {
      int victim = replacement == Replacement.RANDOM ? random.nextInt(capacity) : oldest;
      remove(victim);
      evictions++;
    }
    s = free[--freeTop];
    tag0[s] = t0;
    tag1[s] = t1;
    value[s] = v;
    int i = home(t0, t1);
    while (index[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    index[i] = s + 1;
    append(s);
    size++;
    fills++;
  }

  /** Removes every entry {@code m} selects; counts one invalidation operation. */
  int removeIf(Match m) {
    invalidations++;
    int removed = 0;
    for (int s = oldest; s >= 0; ) {
      int next = younger[s];
      if (m.test(tag0[s], tag1[s], value[s])) {
        remove(s);
        removed++;
      }
      s = next;
    }
    invalidated += removed;
    return removed;
  }

  /** Removes everything; counts one invalidation operation. */
  int clear() {
    invalidations++;
    int removed = size;
    invalidated += removed;
    reset();
    return removed;
  }

  private void remove(int s) {
    int i = home(tag0[s], tag1[s]);
    while (index[i] != s + 1) {
      i = (i + 1) & mask;
    }
    index[i] = EMPTY;
    // Backward-shift deletion: move later members of the probe run into the hole.
    for (int j = (i + 1) & mask; index[j] != EMPTY; j = (j + 1) & mask) {
      int o = index[j] - 1;
      int k = home(tag0[o], tag1[o]);
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        index[i] = index[j];
        index[j] = EMPTY;
        i = j;
      }
    }
    unlink(s);
    value[s] = null;
    free[freeTop++] = s;
    size--;
  }

  private void unlink(int s) {
    int o = older[s];
    int y = younger[s];
    if (o >= 0) {
      younger[o] = y;
    } else {
      oldest = y;
    }
    if (y >= 0) {
      older[y] = o;
    } else {
      youngest = o;
    }
  }

  private void append(int s) {
    older[s] = youngest;
    younger[s] = -1;
    if (youngest >= 0) {
      younger[youngest] = s;
    } else {
      oldest = s;
    }
    youngest = s;
  }

  int size() {
    return size;
  }

  /** A snapshot of the counters. */
  CacheCounters counters() {
    return new CacheCounters(
        name,
        capacity,
        size,
        hits,
        misses,
        negativeHits,
        fills,
        evictions,
        invalidations,
        invalidated);
  }
}
