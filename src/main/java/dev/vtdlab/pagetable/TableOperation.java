package dev.vtdlab.pagetable;

import dev.vtdlab.mem.FramesExhaustedException;

/** One map or unmap: its gather and the frames reserved for the tables it creates. */
final class TableOperation {
  private final TableEditor editor;
  final FlushGather gather;
  final int prot;
  final boolean replace;
  private long[] pool = new long[0];
  private int used;

  TableOperation(PageTable owner, TableEditor editor, int prot, boolean replace) {
    this.editor = editor;
    this.gather = new FlushGather(owner);
    this.prot = prot;
    this.replace = replace;
  }

  void reserve(int needed) {
    pool = new long[needed];
    for (int i = 0; i < needed; i++) {
      try {
        pool[i] = editor.frames.allocate();
      } catch (FramesExhaustedException e) {
        for (int j = 0; j < i; j++) {
          editor.frames.free(pool[j]);
        }
        throw new FramesExhaustedException(
            "the operation needs " + needed + " new table pages: " + e.getMessage());
      }
    }
  }

  long takeFrame() {
    long frame = pool[used++];
    editor.counts.put(frame, 0);
    return frame;
  }

  void finish() {
    if (used != pool.length) {
      throw new IllegalStateException(
          "planned " + pool.length + " new table pages but used " + used);
    }
  }
}
