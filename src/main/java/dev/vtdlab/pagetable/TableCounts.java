package dev.vtdlab.pagetable;

import java.util.Arrays;

/**
 * Number of present entries per table page, keyed by the table's address: a primitive
 * open-addressing hash map (linear probing, backward-shift deletion), so that the engine knows in
 * O(1) when a table becomes empty. Not thread-safe (used under the engine's write lock).
 */
final class TableCounts {
  private static final long EMPTY = -1L;
  private long[] keys;
  private int[] values;
  private int size;

  TableCounts() {
    keys = new long[64];
    values = new int[64];
    Arrays.fill(keys, EMPTY);
  }

  private static int hash(long key, int mask) {
    long h = (key >>> 12) * 0x9E37_79B9_7F4A_7C15L;
    return (int) (h >>> 40) & mask;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int i = hash(key, mask);
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  boolean contains(long table) {
    return keys[slot(table)] == table;
  }

  /** The count of a table that {@link #contains} it. */
  int get(long table) {
    int i = slot(table);
    if (keys[i] != table) {
      throw new IllegalStateException(String.format("table 0x%x is not counted", table));
    }
    return values[i];
  }

  void put(long table, int count) {
    int i = slot(table);
    if (keys[i] == EMPTY) {
      keys[i] = table;
      size++;
    }
    values[i] = count;
    if (size * 2 > keys.length) {
      grow();
    }
  }

  /** Adds {@code delta} to a counted table's count and returns the new count. */
  int add(long table, int delta) {
    int i = slot(table);
    if (keys[i] != table) {
      throw new IllegalStateException(String.format("table 0x%x is not counted", table));
    }
    values[i] += delta;
    return values[i];
  }

  void remove(long table) {
    int mask = keys.length - 1;
    int i = slot(table);
    if (keys[i] != table) {
      return;
    }
    keys[i] = EMPTY;
    size--;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (keys[j] == EMPTY) {
        return;
      }
      int home = hash(keys[j], mask);
      boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!between) {
        keys[i] = keys[j];
        values[i] = values[j];
        keys[j] = EMPTY;
        i = j;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
