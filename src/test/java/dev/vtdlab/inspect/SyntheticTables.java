package dev.vtdlab.inspect;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;

/** Builds legacy remapping structures and second-stage tables in a sparse memory for tests. */
final class SyntheticTables {
  static final long ROOT = 0x1000;
  static final long CONTEXT = 0x2000;

  final SparseMemory memory = new SparseMemory(39);
  final PageTableFormat format = PageTableFormat.of(FormatConfig.secondStage(3, 39));
  private long nextTable = 0x10_0000;

  SyntheticTables() {
    new RootEntry(0, 0)
        .withPresent(true)
        .withCtp(CONTEXT)
        .write(memory, RootEntry.address(ROOT, 0));
  }

  long newTable() {
    long t = nextTable;
    nextTable += 0x1000;
    memory.zeroFrame(t);
    return t;
  }

  /** A context entry for bus 0 {@code sid}: second stage, AW {@code aw}, DID {@code did}. */
  void context(SourceId sid, int did, int aw, long table) {
    ContextEntry.ZERO
        .withPresent(true)
        .withTranslationType(TranslationType.UNTRANSLATED)
        .withAw(aw)
        .withDid(did)
        .withSsptptr(table)
        .write(memory, ContextEntry.address(CONTEXT, sid.devfn()));
  }

  /** Maps one 4 KiB page iova -> hpa under the 3-level table at {@code root}. */
  void map(long root, long iova, long hpa, int prot) {
    long table = root;
    for (int level = 3; level > 1; level--) {
      long at = table + 8L * format.index(iova, level);
      long e = memory.read64(at);
      if (!format.isPresent(e, level)) {
        long next = newTable();
        memory.write64(at, format.encodeTable(next));
        table = next;
      } else {
        table = format.address(e, level);
      }
    }
    memory.write64(
        table + 8L * format.index(iova, 1), format.encodeLeaf(hpa, PageSize.SIZE_4K, prot));
  }

  void map(long root, long iova, long hpa) {
    map(root, iova, hpa, Prot.READ_WRITE);
  }
}
