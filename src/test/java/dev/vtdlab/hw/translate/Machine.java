package dev.vtdlab.hw.translate;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * A test machine: sparse memory, a bump frame allocator, and builders for root/context/PASID
 * structures and page tables of both stages (nested first-stage tables at GPAs mapped by a second
 * stage).
 */
final class Machine {
  static final SourceId DEV = SourceId.of(0x3a, 0x1f, 5);
  static final SourceId LOW_DEV = SourceId.of(0, 2, 0);

  final UnitConfig unit;
  final SparseMemory memory = new SparseMemory(52);
  private long nextFrame = FIRST_FRAME;
  final long rootTable;

  /** GPA -> HPA of nested first-stage table pages. */
  private final Map<Long, Long> gpaToHpa = new HashMap<>();

  private long nextGpa = 0x4000_0000L;

  Machine(UnitConfig unit) {
    this.unit = unit;
    this.rootTable = frame();
  }

  static Machine legacy() {
    return new Machine(UnitConfig.legacy());
  }

  static Machine server() {
    return new Machine(UnitConfig.server());
  }

  static UnitConfig withEcap(UnitConfig u, BitField bit, boolean on) {
    return u.with(u.cap(), new Ecap(bit.set(u.ecap().value(), on)));
  }

  static UnitConfig withEcapField(UnitConfig u, BitField field, long value) {
    return u.with(u.cap(), new Ecap(field.set(u.ecap().value(), value)));
  }

  static UnitConfig withCap(UnitConfig u, BitField field, long value) {
    return u.with(new Cap(field.set(u.cap().value(), value)), u.ecap());
  }

  /** First frame address of the allocator. */
  static final long FIRST_FRAME = 0x10_0000;

  /** The end (exclusive) of the frames allocated so far. */
  long framesEnd() {
    return nextFrame;
  }

  long frame() {
    long f = nextFrame;
    nextFrame += 0x1000;
    return f;
  }

  // ---- translators ----

  DmaTranslator translator(int ttm) {
    return DmaTranslator.uncached(
        unit, memory, TranslatorOptions.READ_ONLY, Rtaddr.of(rootTable, ttm));
  }

  DmaTranslator legacyTranslator() {
    return translator(Rtaddr.TTM_LEGACY);
  }

  DmaTranslator scalableTranslator() {
    return translator(Rtaddr.TTM_SCALABLE);
  }

  DmaTranslator hardwareTranslator() {
    return DmaTranslator.uncached(
        unit, memory, TranslatorOptions.HARDWARE, Rtaddr.of(rootTable, Rtaddr.TTM_SCALABLE));
  }

  // ---- legacy structures ----

  long legacyRootEntryHpa(SourceId sid) {
    return RootEntry.address(rootTable, sid.bus());
  }

  /** Writes {@code ce} as the context entry of {@code sid}, creating the bus's context table. */
  long legacyContext(SourceId sid, ContextEntry ce) {
    long rootHpa = legacyRootEntryHpa(sid);
    RootEntry root = RootEntry.read(memory, rootHpa);
    if (!root.present()) {
      root = RootEntry.ZERO.withPresent(true).withCtp(frame());
      root.write(memory, rootHpa);
    }
    long hpa = ContextEntry.address(root.ctp(), sid.devfn());
    ce.write(memory, hpa);
    return hpa;
  }

  /** A present second-stage context entry (TT 00b) with a fresh table; returns SSPTPTR. */
  long legacySecondStage(SourceId sid, int aw, int did) {
    long table = frame();
    legacyContext(
        sid,
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.UNTRANSLATED)
            .withSsptptr(table)
            .withAw(aw)
            .withDid(did));
    return table;
  }

  // ---- scalable structures ----

  long scalableRootEntryHpa(SourceId sid) {
    return ScalableRootEntry.address(rootTable, sid.bus());
  }

  /** Writes {@code ce} as the scalable context entry of {@code sid}, creating the table half. */
  long scalableContext(SourceId sid, ScalableContextEntry ce) {
    long rootHpa = scalableRootEntryHpa(sid);
    ScalableRootEntry root = ScalableRootEntry.read(memory, rootHpa);
    if (!root.present(sid.devfn())) {
      root =
          ScalableRootEntry.upperHalf(sid.devfn())
              ? root.withUp(true).withUctp(frame())
              : root.withLp(true).withLctp(frame());
      root.write(memory, rootHpa);
    }
    long hpa = ScalableContextEntry.address(root.contextTable(sid.devfn()), sid.devfn());
    ce.write(memory, hpa);
    return hpa;
  }

  /** A present context entry with PASIDE, PDTS = 4 and a fresh PASID directory; returns it. */
  long scalableDevice(SourceId sid) {
    long dir = frame();
    scalableContext(
        sid,
        ScalableContextEntry.ZERO
            .withPresent(true)
            .withPasidEnable(true)
            .withPdts(4)
            .withPasiddirptr(dir));
    return dir;
  }

  /** The HPA of the PASID entry for {@code pasid} under directory {@code dir} (creating tables). */
  long pasidEntryHpa(long dir, int pasid) {
    long dirHpa = PasidDirEntry.address(dir, pasid);
    PasidDirEntry d = PasidDirEntry.read(memory, dirHpa);
    if (!d.present()) {
      d = PasidDirEntry.ZERO.withPresent(true).withSmptblptr(frame());
      d.write(memory, dirHpa);
    }
    return PasidEntry.address(d.smptblptr(), pasid);
  }

  long pasidEntry(long dir, int pasid, PasidEntry pe) {
    long hpa = pasidEntryHpa(dir, pasid);
    pe.write(memory, hpa);
    return hpa;
  }

  /** A present PASID entry of {@code pgtt} with DID, SRE, ERE set. */
  static PasidEntry pasidEntryOf(Pgtt pgtt, int did) {
    return PasidEntry.ZERO
        .withPresent(true)
        .withPgtt(pgtt)
        .withDid(did)
        .withSre(true)
        .withEre(true);
  }

  // ---- page tables ----

  FormatConfig firstStageConfig(int levels) {
    return FormatConfig.firstStage(levels, unit.haw()).withLeaf1G(unit.cap().firstStage1G());
  }

  FormatConfig secondStageConfig(int levels) {
    return FormatConfig.secondStage(levels, unit.haw())
        .withLeaf2M(unit.cap().secondStage2M())
        .withLeaf1G(unit.cap().secondStage1G())
        .withSnoopControl(unit.ecap().snoopControl());
  }

  PageTableFormat fs(int levels) {
    return PageTableFormat.of(firstStageConfig(levels));
  }

  PageTableFormat ss(int levels) {
    return PageTableFormat.of(secondStageConfig(levels));
  }

  /** Maps {@code iova} -> {@code out} in a table whose addresses are HPAs. */
  void map(PageTableFormat f, long root, long iova, long out, PageSize size, int prot) {
    long entryHpa = entryHpa(f, root, iova, size.leafLevel(), true, null);
    memory.write64(entryHpa, f.encodeLeaf(out, size, prot));
  }

  /**
   * Maps {@code gva} -> {@code gpa} in a nested first-stage table (table pointers are GPAs); every
   * new table page gets a GPA mapped read/write to its HPA in the second stage {@code ss} at {@code
   * ssRoot}.
   */
  void mapNested(
      PageTableFormat fs,
      long fsRootGpa,
      long gva,
      long gpa,
      PageSize size,
      int prot,
      PageTableFormat ss,
      long ssRoot) {
    NestedTables nt = new NestedTables(ss, ssRoot);
    long entryHpa = entryHpa(fs, fsRootGpa, gva, size.leafLevel(), true, nt);
    memory.write64(entryHpa, fs.encodeLeaf(gpa, size, prot));
  }

  /** A new first-stage root table at a GPA mapped by the second stage; returns its GPA. */
  long nestedTable(PageTableFormat ss, long ssRoot) {
    return new NestedTables(ss, ssRoot).newTable();
  }

  /** The HPA holding the GPA of a nested first-stage table page. */
  long hpaOfGpa(long gpa) {
    Long hpa = gpaToHpa.get(gpa & ~0xFFFL);
    if (hpa == null) {
      throw new IllegalArgumentException("no nested table at GPA 0x" + Long.toHexString(gpa));
    }
    return hpa | (gpa & 0xFFF);
  }

  /** The GPA of the nested table page at {@code hpa}. */
  long gpaOfHpa(long hpa) {
    for (Map.Entry<Long, Long> e : gpaToHpa.entrySet()) {
      if (e.getValue() == (hpa & ~0xFFFL)) {
        return e.getKey() | (hpa & 0xFFF);
      }
    }
    throw new IllegalArgumentException("no nested table at HPA 0x" + Long.toHexString(hpa));
  }

  private final class NestedTables {
    final PageTableFormat ss;
    final long ssRoot;

    NestedTables(PageTableFormat ss, long ssRoot) {
      this.ss = ss;
      this.ssRoot = ssRoot;
    }

    long newTable() {
      long hpa = frame();
      long gpa = nextGpa;
      nextGpa += 0x1000;
      gpaToHpa.put(gpa, hpa);
      map(ss, ssRoot, gpa, hpa, PageSize.SIZE_4K, dev.vtdlab.pagetable.Prot.READ_WRITE);
      return gpa;
    }
  }

  /**
   * The HPA of the entry at {@code level} for {@code iova}; creates missing tables when {@code
   * create}. With {@code nested}, table addresses are GPAs of nested tables.
   */
  long entryHpa(
      PageTableFormat f, long root, long iova, int level, boolean create, NestedTables nested) {
    long table = root;
    for (int l = f.levels(); l > level; l--) {
      long eHpa = tableHpa(table, nested) + 8L * f.index(iova, l);
      long e = memory.read64(eHpa);
      if (!f.isPresent(e, l)) {
        if (!create) {
          throw new IllegalStateException("no table at level " + l);
        }
        long t = nested == null ? frame() : nested.newTable();
        e = f.encodeTable(t);
        memory.write64(eHpa, e);
      }
      table = f.address(e, l);
    }
    return tableHpa(table, nested) + 8L * f.index(iova, level);
  }

  /** The HPA of an existing entry of a plain (HPA) table. */
  long entryHpa(PageTableFormat f, long root, long iova, int level) {
    return entryHpa(f, root, iova, level, false, null);
  }

  /** The HPA of an existing entry of a nested first-stage table. */
  long nestedEntryHpa(
      PageTableFormat fs, long rootGpa, long iova, int level, PageTableFormat ss, long ssRoot) {
    return entryHpa(fs, rootGpa, iova, level, false, new NestedTables(ss, ssRoot));
  }

  private long tableHpa(long table, NestedTables nested) {
    return nested == null ? table : hpaOfGpa(table);
  }

  void set64(long hpa, long value) {
    memory.write64(hpa, value);
  }

  long get64(long hpa) {
    return memory.read64(hpa);
  }

  void or64(long hpa, long bits) {
    memory.write64(hpa, memory.read64(hpa) | bits);
  }

  void andNot64(long hpa, long bits) {
    memory.write64(hpa, memory.read64(hpa) & ~bits);
  }
}
