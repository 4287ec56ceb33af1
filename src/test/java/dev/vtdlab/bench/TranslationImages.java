package dev.vtdlab.bench;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.hw.translate.Rtaddr;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import java.util.HashMap;
import java.util.Map;

/**
 * Memory images for the translation benchmarks: one device with {@link #PAGES} 4 KiB pages mapped
 * at consecutive input pages, in legacy mode (second stage 4-level) or scalable mode (first stage
 * 4-level, second stage 4-level, nested 4-over-4, pass-through). First-stage entries preset A/D.
 */
final class TranslationImages {
  static final SourceId SID = SourceId.of(0x3a, 0x1f, 5);
  static final int PASID = 7;
  static final int PAGES = 1024;
  static final long INPUT = 0x7f00_0000_0000L;
  static final long OUTPUT = 0x8_0000_0000L;
  static final long GPA = 0x10_0000_0000L;

  final UnitConfig unit;
  final SparseMemory memory = new SparseMemory(52);
  final long rtaddr;
  private long next = 0x10_0000;
  private long nextGpa = 0x4000_0000L;
  private final Map<Long, Long> gpaToHpa = new HashMap<>();

  private TranslationImages(UnitConfig unit, int ttm) {
    this.unit = unit;
    long root = frame();
    this.rtaddr = Rtaddr.of(root, ttm);
  }

  private long frame() {
    long f = next;
    next += 0x1000;
    return f;
  }

  /** Legacy mode, second stage 4-level (AW 010b). */
  static TranslationImages legacy() {
    TranslationImages im = new TranslationImages(UnitConfig.legacy(), Rtaddr.TTM_LEGACY);
    long ctxTable = im.frame();
    long ss = im.frame();
    RootEntry.ZERO
        .withPresent(true)
        .withCtp(ctxTable)
        .write(im.memory, RootEntry.address(Rtaddr.rootTableHpa(im.rtaddr), SID.bus()));
    ContextEntry.ZERO
        .withPresent(true)
        .withTranslationType(TranslationType.UNTRANSLATED)
        .withSsptptr(ss)
        .withAw(2)
        .withDid(1)
        .write(im.memory, ContextEntry.address(ctxTable, SID.devfn()));
    PageTableFormat f = PageTableFormat.of(FormatConfig.secondStage(4, im.unit.haw()));
    for (int i = 0; i < PAGES; i++) {
      im.map(f, ss, INPUT + i * 0x1000L, OUTPUT + i * 0x1000L, false);
    }
    return im;
  }

  /** Scalable mode with a PASID entry of {@code pgtt} (4-level tables). */
  static TranslationImages scalable(Pgtt pgtt) {
    TranslationImages im = new TranslationImages(UnitConfig.server(), Rtaddr.TTM_SCALABLE);
    long ctxTable = im.frame();
    long dir = im.frame();
    long pasidTable = im.frame();
    ScalableRootEntry.ZERO
        .withUp(true)
        .withUctp(ctxTable)
        .write(im.memory, ScalableRootEntry.address(Rtaddr.rootTableHpa(im.rtaddr), SID.bus()));
    ScalableContextEntry.ZERO
        .withPresent(true)
        .withPasidEnable(true)
        .withPdts(0)
        .withPasiddirptr(dir)
        .write(im.memory, ScalableContextEntry.address(ctxTable, SID.devfn()));
    PasidDirEntry.ZERO
        .withPresent(true)
        .withSmptblptr(pasidTable)
        .write(im.memory, PasidDirEntry.address(dir, PASID));
    PageTableFormat fs = PageTableFormat.of(FormatConfig.firstStage(4, im.unit.haw()));
    PageTableFormat ss = PageTableFormat.of(FormatConfig.secondStage(4, im.unit.haw()));
    long ssRoot = im.frame();
    long fsRoot = pgtt == Pgtt.NESTED ? im.nestedTable(ss, ssRoot) : im.frame();
    PasidEntry.ZERO
        .withPresent(true)
        .withPgtt(pgtt)
        .withDid(2)
        .withAw(2)
        .withSsptptr(ssRoot)
        .withFsptptr(fsRoot)
        .write(im.memory, PasidEntry.address(pasidTable, PASID));
    for (int i = 0; i < PAGES; i++) {
      long in = INPUT + i * 0x1000L;
      long out = OUTPUT + i * 0x1000L;
      switch (pgtt) {
        case FIRST_STAGE -> im.map(fs, fsRoot, in, out, false);
        case SECOND_STAGE -> im.map(ss, ssRoot, in, out, false);
        case NESTED -> {
          long gpa = GPA + i * 0x1000L;
          im.mapNested(fs, fsRoot, in, gpa, ss, ssRoot);
          im.map(ss, ssRoot, gpa, out, false);
        }
        default -> {
          // pass-through: nothing to map
        }
      }
    }
    return im;
  }

  private long nestedTable(PageTableFormat ss, long ssRoot) {
    long hpa = frame();
    long gpa = nextGpa;
    nextGpa += 0x1000;
    gpaToHpa.put(gpa, hpa);
    map(ss, ssRoot, gpa, hpa, false);
    return gpa;
  }

  private void map(PageTableFormat f, long root, long in, long out, boolean nested) {
    long table = root;
    for (int l = f.levels(); l > 1; l--) {
      long e = entryAddress(table, f.index(in, l), nested);
      long v = memory.read64(e);
      if (!f.isPresent(v, l)) {
        v = f.encodeTable(frame());
        memory.write64(e, v);
      }
      table = f.address(v, l);
    }
    memory.write64(
        entryAddress(table, f.index(in, 1), nested),
        f.encodeLeaf(out, PageSize.SIZE_4K, Prot.READ_WRITE));
  }

  private void mapNested(
      PageTableFormat fs, long rootGpa, long in, long gpa, PageTableFormat ss, long ssRoot) {
    long table = rootGpa;
    for (int l = fs.levels(); l > 1; l--) {
      long e = entryAddress(table, fs.index(in, l), true);
      long v = memory.read64(e);
      if (!fs.isPresent(v, l)) {
        v = fs.encodeTable(nestedTable(ss, ssRoot));
        memory.write64(e, v);
      }
      table = fs.address(v, l);
    }
    memory.write64(
        entryAddress(table, fs.index(in, 1), true),
        fs.encodeLeaf(gpa, PageSize.SIZE_4K, Prot.READ_WRITE));
  }

  private long entryAddress(long table, int index, boolean nested) {
    long hpa = nested ? gpaToHpa.get(table) : table;
    return hpa + 8L * index;
  }
}
