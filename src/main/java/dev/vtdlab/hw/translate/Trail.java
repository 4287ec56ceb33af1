package dev.vtdlab.hw.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reads of the translation in progress: counts (D2) and, when enabled, the entries themselves.
 * Mutable, reused per thread; {@link #entries()} copies.
 */
final class Trail {
  private static final EntryKind[] KINDS = EntryKind.values();
  private static final int INITIAL = 48;

  private final boolean record;
  private byte[] kind = new byte[INITIAL];
  private byte[] level = new byte[INITIAL];
  private long[] hpa = new long[INITIAL];
  private long[] value = new long[INITIAL];
  private boolean[] readable = new boolean[INITIAL];
  private int size;
  private int structureReads;
  private int walkReads;

  Trail(boolean record) {
    this.record = record;
  }

  void reset() {
    size = 0;
    structureReads = 0;
    walkReads = 0;
  }

  /** Counts one read and records it. */
  void add(EntryKind k, int lvl, long address, long v, boolean ok) {
    if (k.paging()) {
      walkReads++;
    } else {
      structureReads++;
    }
    if (!record) {
      return;
    }
    if (size == kind.length) {
      grow();
    }
    kind[size] = (byte) k.ordinal();
    level[size] = (byte) lvl;
    hpa[size] = address;
    value[size] = v;
    readable[size] = ok;
    size++;
  }

  /** Sets the value of the last entry added (after a successful read). */
  void setLastValue(long v) {
    if (record && size > 0) {
      value[size - 1] = v;
    }
  }

  private void grow() {
    int n = kind.length * 2;
    kind = Arrays.copyOf(kind, n);
    level = Arrays.copyOf(level, n);
    hpa = Arrays.copyOf(hpa, n);
    value = Arrays.copyOf(value, n);
    readable = Arrays.copyOf(readable, n);
  }

  int structureReads() {
    return structureReads;
  }

  int walkReads() {
    return walkReads;
  }

  Reads reads() {
    return structureReads == 0 && walkReads == 0
        ? Reads.NONE
        : new Reads(structureReads, walkReads);
  }

  /** The compact copy a result keeps (entries built on demand). */
  Snapshot snapshot() {
    if (size == 0) {
      return Snapshot.EMPTY;
    }
    return new Snapshot(
        Arrays.copyOf(kind, size),
        Arrays.copyOf(level, size),
        Arrays.copyOf(hpa, size),
        Arrays.copyOf(value, size),
        Arrays.copyOf(readable, size));
  }

  /** A compact immutable copy of the recorded entries. */
  static final class Snapshot {
    static final Snapshot EMPTY =
        new Snapshot(new byte[0], new byte[0], new long[0], new long[0], new boolean[0]);

    private final byte[] kind;
    private final byte[] level;
    private final long[] hpa;
    private final long[] value;
    private final boolean[] readable;

    private Snapshot(byte[] kind, byte[] level, long[] hpa, long[] value, boolean[] readable) {
      this.kind = kind;
      this.level = level;
      this.hpa = hpa;
      this.value = value;
      this.readable = readable;
    }

    List<VisitedEntry> entries() {
      List<VisitedEntry> list = new ArrayList<>(kind.length);
      for (int i = 0; i < kind.length; i++) {
        list.add(new VisitedEntry(KINDS[kind[i]], level[i], hpa[i], value[i], readable[i]));
      }
      return List.copyOf(list);
    }
  }
}
