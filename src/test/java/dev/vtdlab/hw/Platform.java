package dev.vtdlab.hw;

import static dev.vtdlab.hw.regs.RegisterTable.GCMD_REG;
import static dev.vtdlab.hw.regs.RegisterTable.GSTS_REG;
import static dev.vtdlab.hw.regs.RegisterTable.IQA_REG;
import static dev.vtdlab.hw.regs.RegisterTable.IQT_REG;
import static dev.vtdlab.hw.regs.RegisterTable.RTADDR_REG;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.InvWaitDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.regs.GlobalCommand;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import java.util.HashMap;
import java.util.Map;

/**
 * A test platform: memory, one {@link RemappingUnit}, a frame allocator, software-side helpers that
 * program the unit only through registers and memory (GCMD protocol, the invalidation queue), and
 * builders for root/context/PASID structures and page tables (nested first-stage tables at GPAs
 * mapped by a second stage).
 */
public final class Platform {
  /** A device on bus 0x3a. */
  public static final SourceId DEV = SourceId.of(0x3a, 0x1f, 5);

  /** A second device on the same bus. */
  public static final SourceId DEV2 = SourceId.of(0x3a, 0x1f, 6);

  public static final long ROOT_TABLE = 0x1_0000L;
  public static final long QUEUE = 0x2_0000L;
  public static final long STATUS = 0x3_0000L;
  private static final int QUEUE_SLOTS_128 = 256;

  public final SparseMemory memory = new SparseMemory(48);
  public final UnitConfig config;
  public final RemappingUnit unit;
  private long nextFrame = 0x10_0000;
  private long nextGpa = 0x4000_0000L;
  private final Map<Long, Long> gpaToHpa = new HashMap<>();
  private int tailIndex;
  private boolean wide;
  private int waitToken = 1;

  public Platform(UnitConfig config, CacheConfig caches) {
    this(config, caches, TranslatorOptions.HARDWARE);
  }

  public Platform(UnitConfig config, CacheConfig caches, TranslatorOptions options) {
    this.config = config;
    this.unit = new RemappingUnit(config, memory, caches, options, message -> {});
  }

  public long frame() {
    long f = nextFrame;
    nextFrame += 0x1000;
    return f;
  }

  // ---- software side through registers

  /** Sets or clears one persistent GCMD bit (or issues a one-shot one) and waits for GSTS. */
  public void gcmd(long commandBit, long statusBit, boolean set) {
    int sts = unit.read32(GSTS_REG) & 0x96FF_FFFF;
    unit.write32(GCMD_REG, (int) (set ? sts | commandBit : sts & ~commandBit));
    if (((unit.read32(GSTS_REG) & statusBit) != 0) != set) {
      throw new AssertionError("GSTS never reflected command 0x" + Long.toHexString(commandBit));
    }
  }

  /** RTADDR, SRTP, queued invalidation, global invalidations (waited for in memory), TE. */
  public void bringUp(int ttm) {
    setRootTable(ROOT_TABLE, ttm);
    wide = config.ecap().scalableMode();
    unit.write64(IQT_REG, 0);
    unit.write64(IQA_REG, QUEUE | (wide ? 1L << 11 : 0));
    gcmd(GlobalCommand.QIE.mask(), GlobalCommand.QIES.mask(), true);
    globalInvalidation(ttm);
    gcmd(GlobalCommand.TE.mask(), GlobalCommand.TES.mask(), true);
  }

  /** Writes RTADDR and latches it with GCMD.SRTP. */
  public void setRootTable(long rootTableHpa, int ttm) {
    unit.write64(RTADDR_REG, rootTableHpa | (long) ttm << 10);
    gcmd(GlobalCommand.SRTP.mask(), GlobalCommand.RTPS.mask(), true);
  }

  /** Global context-cache, PASID-cache (scalable) and IOTLB invalidation through the queue. */
  public void globalInvalidation(int ttm) {
    if (ttm == 1) {
      invalidate(
          ContextCacheInvDescriptor.global(),
          PasidCacheInvDescriptor.global(),
          IotlbInvDescriptor.global());
    } else {
      invalidate(ContextCacheInvDescriptor.global(), IotlbInvDescriptor.global());
    }
  }

  /**
   * Writes the descriptors and a status-write wait descriptor to the queue, moves IQT and checks
   * that the wait completed (its status word written in memory).
   */
  public void invalidate(InvDescriptor... descriptors) {
    int token = ++waitToken;
    for (InvDescriptor d : descriptors) {
      put(d.qw0(), d.qw1());
    }
    InvWaitDescriptor wait = InvWaitDescriptor.statusWrite(token, STATUS);
    put(wait.qw0(), wait.qw1());
    unit.write64(IQT_REG, (long) tailIndex << (wide ? 5 : 4));
    if (memory.read32(STATUS) != token) {
      throw new AssertionError(
          "the invalidation wait did not complete: " + unit.registers().dump());
    }
  }

  private void put(long qw0, long qw1) {
    int slots = wide ? QUEUE_SLOTS_128 / 2 : QUEUE_SLOTS_128;
    int width = wide ? 32 : 16;
    long slot = QUEUE + (long) tailIndex * width;
    memory.write64(slot, qw0);
    memory.write64(slot + 8, qw1);
    if (wide) {
      memory.write64(slot + 16, 0);
      memory.write64(slot + 24, 0);
    }
    tailIndex = (tailIndex + 1) % slots; // the queue (IQA.QS = 0) wraps
  }

  // ---- legacy structures

  /** Writes {@code ce} as the legacy context entry of {@code sid}; returns its HPA. */
  public long legacyContext(SourceId sid, ContextEntry ce) {
    long rootHpa = RootEntry.address(ROOT_TABLE, sid.bus());
    RootEntry root = RootEntry.read(memory, rootHpa);
    if (!root.present()) {
      root = RootEntry.ZERO.withPresent(true).withCtp(frame());
      root.write(memory, rootHpa);
    }
    long hpa = ContextEntry.address(root.ctp(), sid.devfn());
    ce.write(memory, hpa);
    return hpa;
  }

  /** A present legacy context entry (TT 00b, AW 2: 4-level) with a fresh table; returns SSPTPTR. */
  public long legacyDevice(SourceId sid, int did) {
    long table = frame();
    legacyContext(sid, legacyEntry(table, did));
    return table;
  }

  public static ContextEntry legacyEntry(long ssptptr, int did) {
    return ContextEntry.ZERO
        .withPresent(true)
        .withTranslationType(TranslationType.UNTRANSLATED)
        .withSsptptr(ssptptr)
        .withAw(2)
        .withDid(did);
  }

  // ---- scalable structures

  /** Writes {@code ce} as the scalable context entry of {@code sid}; returns its HPA. */
  public long scalableContext(SourceId sid, ScalableContextEntry ce) {
    long rootHpa = ScalableRootEntry.address(ROOT_TABLE, sid.bus());
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

  /** A present scalable context entry with PASIDE, PDTS = 4, a fresh directory; returns it. */
  public long scalableDevice(SourceId sid) {
    long dir = frame();
    scalableContext(sid, scalableEntry(dir));
    return dir;
  }

  public static ScalableContextEntry scalableEntry(long dir) {
    return ScalableContextEntry.ZERO
        .withPresent(true)
        .withPasidEnable(true)
        .withPdts(4)
        .withPasiddirptr(dir);
  }

  /** The HPA of the PASID entry of {@code pasid} under {@code dir} (creating the table). */
  public long pasidEntryHpa(long dir, int pasid) {
    long dirHpa = PasidDirEntry.address(dir, pasid);
    PasidDirEntry d = PasidDirEntry.read(memory, dirHpa);
    if (!d.present()) {
      d = PasidDirEntry.ZERO.withPresent(true).withSmptblptr(frame());
      d.write(memory, dirHpa);
    }
    return PasidEntry.address(d.smptblptr(), pasid);
  }

  /** Writes {@code pe} as the PASID entry of {@code pasid}; returns its HPA. */
  public long pasidEntry(long dir, int pasid, PasidEntry pe) {
    long hpa = pasidEntryHpa(dir, pasid);
    pe.write(memory, hpa);
    return hpa;
  }

  /** A present PASID entry of {@code pgtt}, DID, SRE, ERE and PWSNP set, AW 2 (4-level SS). */
  public static PasidEntry pasidEntryOf(Pgtt pgtt, int did) {
    return PasidEntry.ZERO
        .withPresent(true)
        .withPgtt(pgtt)
        .withDid(did)
        .withAw(2)
        .withSre(true)
        .withEre(true)
        .withPwsnp(true);
  }

  // ---- page tables

  public PageTableFormat fs(int levels) {
    return PageTableFormat.of(
        FormatConfig.firstStage(levels, config.haw()).withLeaf1G(config.cap().firstStage1G()));
  }

  public PageTableFormat ss(int levels) {
    return PageTableFormat.of(
        FormatConfig.secondStage(levels, config.haw())
            .withLeaf2M(config.cap().secondStage2M())
            .withLeaf1G(config.cap().secondStage1G())
            .withSnoopControl(config.ecap().snoopControl()));
  }

  /** Maps {@code iova} -> {@code out} (read/write) in a table whose addresses are HPAs. */
  public void map(PageTableFormat f, long root, long iova, long out, PageSize size) {
    map(f, root, iova, out, size, Prot.READ_WRITE);
  }

  /** Maps {@code iova} -> {@code out} in a table whose addresses are HPAs; returns the leaf HPA. */
  public long map(PageTableFormat f, long root, long iova, long out, PageSize size, int prot) {
    long leaf = entryHpa(f, root, iova, size.leafLevel(), true, null);
    memory.write64(leaf, f.encodeLeaf(out, size, prot));
    return leaf;
  }

  /** Clears the leaf entry of {@code iova} at {@code level} (tables are kept). */
  public void unmap(PageTableFormat f, long root, long iova, int level) {
    memory.write64(entryHpa(f, root, iova, level, false, null), 0);
  }

  /** The HPA of the existing entry of {@code iova} at {@code level}. */
  public long entryHpa(PageTableFormat f, long root, long iova, int level) {
    return entryHpa(f, root, iova, level, false, null);
  }

  /**
   * Maps {@code gva} -> {@code gpa} in a nested first-stage table (table pointers are GPAs); new
   * table pages get GPAs mapped read/write in the second stage {@code ss} at {@code ssRoot}.
   */
  public void mapNested(
      PageTableFormat fs,
      long fsRootGpa,
      long gva,
      long gpa,
      PageSize size,
      PageTableFormat ss,
      long ssRoot) {
    long leaf = entryHpa(fs, fsRootGpa, gva, size.leafLevel(), true, new long[] {0, ssRoot}, ss);
    memory.write64(leaf, fs.encodeLeaf(gpa, size, Prot.READ_WRITE));
  }

  /** A new nested first-stage table page: its GPA (mapped by {@code ss} at {@code ssRoot}). */
  public long nestedTable(PageTableFormat ss, long ssRoot) {
    long hpa = frame();
    long gpa = nextGpa;
    nextGpa += 0x1000;
    gpaToHpa.put(gpa, hpa);
    map(ss, ssRoot, gpa, hpa, PageSize.SIZE_4K);
    return gpa;
  }

  private long entryHpa(
      PageTableFormat f, long root, long iova, int level, boolean create, long[] nested) {
    return entryHpa(f, root, iova, level, create, nested, null);
  }

  private long entryHpa(
      PageTableFormat f,
      long root,
      long iova,
      int level,
      boolean create,
      long[] nested,
      PageTableFormat ss) {
    long table = root;
    for (int l = f.levels(); l > level; l--) {
      long eHpa = tableHpa(table, nested) + 8L * f.index(iova, l);
      long e = memory.read64(eHpa);
      if (!f.isPresent(e, l)) {
        if (!create) {
          throw new IllegalStateException("no table at level " + l);
        }
        long t = nested == null ? frame() : nestedTable(ss, nested[1]);
        e = f.encodeTable(t);
        memory.write64(eHpa, e);
      }
      table = f.address(e, l);
    }
    return tableHpa(table, nested) + 8L * f.index(iova, level);
  }

  private long tableHpa(long table, long[] nested) {
    if (nested == null) {
      return table;
    }
    Long hpa = gpaToHpa.get(table & ~0xFFFL);
    if (hpa == null) {
      throw new IllegalArgumentException("no nested table at GPA 0x" + Long.toHexString(table));
    }
    return hpa | (table & 0xFFF);
  }
}
