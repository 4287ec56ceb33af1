package dev.vtdlab.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive table-count map agrees with a HashMap under random puts, adds and removes. */
class TableCountsTest {

  @Test
  void randomOperationsAgreeWithAHashMap() {
    long seed = Long.getLong("vtdlab.seed", 42L);
    SplittableRandom rnd = new SplittableRandom(seed);
    TableCounts counts = new TableCounts();
    Map<Long, Integer> ref = new HashMap<>();
    for (int step = 0; step < 50_000; step++) {
      long key = rnd.nextLong(3000) << 12; // few keys: many collisions, removals and re-inserts
      switch (rnd.nextInt(4)) {
        case 0 -> {
          int v = rnd.nextInt(513);
          counts.put(key, v);
          ref.put(key, v);
        }
        case 1 -> {
          if (ref.containsKey(key)) {
            assertThat(counts.add(key, -1)).isEqualTo(ref.merge(key, -1, Integer::sum));
          }
        }
        case 2 -> {
          counts.remove(key);
          ref.remove(key);
        }
        default -> {
          assertThat(counts.contains(key))
              .as("seed %d step %d", seed, step)
              .isEqualTo(ref.containsKey(key));
          if (ref.containsKey(key)) {
            assertThat(counts.get(key)).as("seed %d step %d", seed, step).isEqualTo(ref.get(key));
          }
        }
      }
      assertThat(counts.size()).as("seed %d step %d", seed, step).isEqualTo(ref.size());
    }
    for (Map.Entry<Long, Integer> e : ref.entrySet()) {
      assertThat(counts.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void anUncountedTableIsAnError() {
    TableCounts counts = new TableCounts();
    assertThatThrownBy(() -> counts.get(0x1000)).hasMessageContaining("not counted");
    assertThatThrownBy(() -> counts.add(0x1000, 1)).hasMessageContaining("not counted");
  }
}
