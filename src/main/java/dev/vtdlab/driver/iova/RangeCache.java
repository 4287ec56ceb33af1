package dev.vtdlab.driver.iova;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Linux's IOVA range cache ("rcache"): recently freed ranges of 1, 2, 4, 8, 16 or 32 pages
 * (IOVA_RANGE_CACHE_MAX_SIZE = 6 size classes, 2^0 to 2^5 pages) are kept, per CPU, in two
 * magazines of 127 ranges ("loaded" and "prev") and, per size class, in a depot of up to 32 full
 * magazines (MAX_GLOBAL_MAGS; Linux 6.7 made the depot unbounded with a delayed trim, the model
 * keeps the classic bound). A hit hands back a cached range without touching the tree.
 *
 * <p>A "CPU" is a slot chosen from the current thread's id (see {@link #cpuOfCurrentThread}), so
 * one thread always uses one slot. Each slot has its own lock (Linux's per-CPU rcache lock) and
 * each depot its own (the per-size-class lock); no lock of this class is held while the caller
 * takes its tree lock.
 */
final class RangeCache {
  /** Number of size classes: log2 of the largest cached size plus one (Linux's value, 6). */
  static final int SIZE_CLASSES = 6;

  /** Largest cached range in pages (2^5 = 32). */
  static final long MAX_CACHED_PAGES = 1L << (SIZE_CLASSES - 1);

  /** Ranges per magazine (Linux IOVA_MAG_SIZE). */
  static final int MAGAZINE_SIZE = 127;

  /** Full magazines a size class keeps in its depot (Linux MAX_GLOBAL_MAGS). */
  static final int MAX_DEPOT_MAGAZINES = 32;

  /** Returned by {@link #get} on a miss. */
  static final long MISS = -1;

  private static final long[] NONE = new long[0];

  private final int cpus;
  private final SizeClass[] classes = new SizeClass[SIZE_CLASSES];

  RangeCache(int cpus) {
    this.cpus = cpus;
    for (int c = 0; c < SIZE_CLASSES; c++) {
      classes[c] = new SizeClass(cpus);
    }
  }

  /** The size class of a range of {@code pages} pages, or -1 when such ranges are not cached. */
  static int sizeClassOf(long pages) {
    if (pages <= 0 || pages > MAX_CACHED_PAGES || Long.bitCount(pages) != 1) {
      return -1;
    }
    return Long.numberOfTrailingZeros(pages);
  }

  /** The slot ("CPU") used by the current thread. */
  int cpuOfCurrentThread() {
    return Math.floorMod(Thread.currentThread().getId(), cpus);
  }

  /**
   * Takes a cached range of size class {@code sizeClass} starting at or below {@code maxStartPfn}:
   * from the loaded magazine, else the previous one, else a full magazine from the depot.
   *
   * @return its start pfn, or {@link #MISS}
   */
  long get(int sizeClass, long maxStartPfn) {
    SizeClass sc = classes[sizeClass];
    CpuMagazines cpu = sc.cpus[cpuOfCurrentThread()];
    synchronized (cpu) {
      if (cpu.loaded.size == 0) {
        if (cpu.prev.size > 0) {
          cpu.swap();
        } else {
          Magazine full;
          synchronized (sc) {
            full = sc.depot.poll();
          }
          if (full == null) {
            return MISS;
          }
          cpu.loaded = full;
        }
      }
      return cpu.loaded.popAtOrBelow(maxStartPfn);
    }
  }

  /**
   * Caches a freed range. When both of this CPU's magazines are full, the loaded one goes to the
   * depot, or, if the depot is full too, its ranges go back to the caller.
   *
   * @return start pfns the caller must return to the tree (usually none: an empty array)
   */
  long[] put(int sizeClass, long startPfn) {
    SizeClass sc = classes[sizeClass];
    CpuMagazines cpu = sc.cpus[cpuOfCurrentThread()];
    long[] evicted = NONE;
    synchronized (cpu) {
      if (cpu.loaded.isFull()) {
        if (!cpu.prev.isFull()) {
          cpu.swap();
        } else {
          Magazine full = cpu.loaded;
          boolean deposited;
          synchronized (sc) {
            deposited = sc.depot.size() < MAX_DEPOT_MAGAZINES;
            if (deposited) {
              sc.depot.push(full);
            }
          }
          if (!deposited) {
            evicted = full.toArray();
          }
          cpu.loaded = new Magazine();
        }
      }
      cpu.loaded.push(startPfn);
    }
    return evicted;
  }

  /**
   * Empties every magazine of every CPU and every depot (Linux's free_cpu_cached_iovas plus
   * free_global_cached_iovas, done when an allocation fails).
   *
   * @return per size class, the start pfns taken out
   */
  long[][] drainAll() {
    long[][] out = new long[SIZE_CLASSES][];
    for (int c = 0; c < SIZE_CLASSES; c++) {
      SizeClass sc = classes[c];
      Magazine collected = new Magazine(0);
      for (CpuMagazines cpu : sc.cpus) {
        synchronized (cpu) {
          collected.addAll(cpu.loaded);
          collected.addAll(cpu.prev);
          cpu.loaded = new Magazine();
          cpu.prev = new Magazine();
        }
      }
      synchronized (sc) {
        for (Magazine m : sc.depot) {
          collected.addAll(m);
        }
        sc.depot.clear();
      }
      out[c] = collected.toArray();
    }
    return out;
  }

  private static final class SizeClass {
    final CpuMagazines[] cpus;
    final ArrayDeque<Magazine> depot = new ArrayDeque<>(); // guarded by this

    SizeClass(int cpuCount) {
      cpus = new CpuMagazines[cpuCount];
      for (int i = 0; i < cpuCount; i++) {
        cpus[i] = new CpuMagazines();
      }
    }
  }

  /** One CPU's pair of magazines for one size class; guarded by itself. */
  private static final class CpuMagazines {
    Magazine loaded = new Magazine();
    Magazine prev = new Magazine();

    void swap() {
      Magazine t = loaded;
      loaded = prev;
      prev = t;
    }
  }

  /** A stack of start pfns. */
  private static final class Magazine {
    private long[] pfns;
    private int size;

    Magazine() {
      this(MAGAZINE_SIZE);
    }

    Magazine(int capacity) {
      pfns = new long[capacity];
    }

    boolean isFull() {
      return size == MAGAZINE_SIZE;
    }

    void push(long pfn) {
      pfns[size++] = pfn;
    }

    /** Takes the most recently pushed pfn at or below {@code maxPfn}, if any. */
    long popAtOrBelow(long maxPfn) {
      for (int i = size - 1; i >= 0; i--) {
        long pfn = pfns[i];
        if (pfn <= maxPfn) {
          pfns[i] = pfns[--size];
          return pfn;
        }
      }
      return MISS;
    }

    void addAll(Magazine other) {
      if (size + other.size > pfns.length) {
        pfns = Arrays.copyOf(pfns, Math.max(size + other.size, pfns.length * 2));
      }
      System.arraycopy(other.pfns, 0, pfns, size, other.size);
      size += other.size;
    }

    long[] toArray() {
      return Arrays.copyOf(pfns, size);
    }
  }
}
