package dev.vtdlab.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache store: replacement policies, counters, invalidation, and a seeded model check. */
class TaggedCacheTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 20260417L);

  private static TaggedCache cache(int entries, Replacement r) {
    return new TaggedCache("test", new CacheSpec(entries, r), 7);
  }

  @Test
  void lruEvictsTheEntryUsedLeastRecently() {
    TaggedCache c = cache(2, Replacement.LRU);
    c.put(1, 1, "a");
    c.put(2, 2, "b");
    assertThat(c.get(1, 1)).isEqualTo("a");

    c.put(3, 3, "c");

    assertThat(c.get(2, 2)).as("b was least recently used").isNull();
    assertThat(c.get(1, 1)).isEqualTo("a");
    assertThat(c.get(3, 3)).isEqualTo("c");
    assertThat(c.counters().evictions()).isEqualTo(1);
    assertThat(c.counters().fills()).isEqualTo(3);
  }

  @Test
  void fifoEvictsTheOldestFillWhateverWasUsed() {
    TaggedCache c = cache(2, Replacement.FIFO);
    c.put(1, 1, "a");
    c.put(2, 2, "b");
    assertThat(c.get(1, 1)).isEqualTo("a");

    c.put(3, 3, "c");

    assertThat(c.get(1, 1)).as("a was filled first").isNull();
    assertThat(c.get(2, 2)).isEqualTo("b");
    assertThat(c.get(3, 3)).isEqualTo("c");
  }

  @Test
  void randomReplacementIsReproducibleFromItsSeed() {
    List<Long> kept = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      TaggedCache c = cache(4, Replacement.RANDOM);
      for (long k = 0; k < 40; k++) {
        c.put(k, 0, k);
      }
      long mask = 0;
      for (long k = 0; k < 40; k++) {
        if (c.get(k, 0) != null) {
          mask |= 1L << k;
        }
      }
      kept.add(mask);
      assertThat(c.size()).isEqualTo(4);
      assertThat(c.counters().evictions()).isEqualTo(36);
    }
    assertThat(kept.get(0)).isEqualTo(kept.get(1));
    assertThat(Long.bitCount(kept.get(0))).isEqualTo(4);
  }

  @Test
  void aFillUnderAHeldTagReplacesTheValue() {
    TaggedCache c = cache(2, Replacement.LRU);
    c.put(1, 1, "a");
    c.put(1, 1, "a2");

    assertThat(c.get(1, 1)).isEqualTo("a2");
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.counters().evictions()).isZero();
  }

  @Test
  void invalidationRemovesTheSelectedEntriesAndCountsThem() {
    TaggedCache c = cache(8, Replacement.LRU);
    for (long k = 0; k < 6; k++) {
      c.put(k, k * 10, k);
    }

    int removed = c.removeIf((t0, t1, v) -> (t0 & 1) == 0);

    assertThat(removed).isEqualTo(3);
    assertThat(c.get(2, 20)).isNull();
    assertThat(c.get(3, 30)).isEqualTo(3L);
    assertThat(c.counters().invalidated()).isEqualTo(3);
    assertThat(c.counters().invalidations()).isEqualTo(1);
    assertThat(c.clear()).isEqualTo(3);
    assertThat(c.size()).isZero();
    assertThat(c.counters().invalidations()).isEqualTo(2);
  }

  /** LRU and FIFO against a LinkedHashMap model: thousands of random gets, puts and removals. */
  @Test
  void lruAndFifoMatchALinkedHashMapModel() {
    for (Replacement r : new Replacement[] {Replacement.LRU, Replacement.FIFO}) {
      Random rnd = new Random(SEED);
      int capacity = 13;
      TaggedCache c = cache(capacity, r);
      LinkedHashMap<List<Long>, Long> model =
          new LinkedHashMap<>(16, 0.75f, r == Replacement.LRU) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Long>, Long> eldest) {
              return size() > capacity;
            }
          };
      for (int step = 0; step < 20_000; step++) {
        long t0 = rnd.nextInt(8);
        long t1 = rnd.nextInt(6);
        List<Long> key = List.of(t0, t1);
        int op = rnd.nextInt(10);
        String where = "seed " + SEED + ", " + r + ", step " + step;
        if (op < 5) {
          assertThat(c.get(t0, t1)).as(where).isEqualTo(model.get(key));
        } else if (op < 9) {
          long v = rnd.nextLong();
          c.put(t0, t1, v);
          model.put(key, v);
        } else {
          long bit = rnd.nextInt(4);
          c.removeIf((a, b, v) -> ((a + b) & 3) == bit);
          model.keySet().removeIf(k -> ((k.get(0) + k.get(1)) & 3) == bit);
        }
        assertThat(c.size()).as(where).isEqualTo(model.size());
      }
    }
  }
}
