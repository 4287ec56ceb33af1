package dev.vtdlab.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.Walker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random differential test: random mappings, unmappings, table removals and PASID-entry
 * switches, each followed by the invalidation the spec requires (digest 9.8); after every change,
 * random DMA requests must get the same outcome from a unit with small caches as from a unit
 * without caches. Seed: system property {@code vtdlab.seed}.
 */
class DifferentialTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x5EED_CAC4EL);
  private static final int STEPS = Integer.getInteger("vtdlab.steps", 800);
  private static final long REGION_4K = 0x4000_0000L;
  private static final long REGION_2M = 0x8000_0000L;
  private static final long DATA_GPA = 0x1_0000_0000L;
  private static final SourceId DEV3 = SourceId.of(0x3a, 2, 0);

  /** What a space's changes are flushed with. */
  private enum Flush {
    FIRST_STAGE,
    SECOND_STAGE
  }

  /** One translation space of the configuration: its table, format, tags and requesters. */
  private static final class Space {
    final String name;
    final PageTableFormat format;
    long root;
    final int did;
    final int pasid;
    final Flush flush;
    final boolean nested;
    final boolean[] tableExists = new boolean[2];
    final boolean[] mapped2m = new boolean[4];

    Space(String name, PageTableFormat f, long root, int did, int pasid, Flush flush, boolean n) {
      this.name = name;
      this.format = f;
      this.root = root;
      this.did = did;
      this.pasid = pasid;
      this.flush = flush;
      this.nested = n;
    }

    /** Test of the test: flush second-stage changes with type 6, which never removes them. */
    boolean wrongFlush;

    InvDescriptor invalidate(long address, int am, boolean ih) {
      return flush == Flush.FIRST_STAGE || wrongFlush
          ? PasidIotlbInvDescriptor.page(did, pasid, address, am, ih)
          : IotlbInvDescriptor.page(did, address, am, ih);
    }
  }

  /** Both platforms, built and changed identically. */
  private static final class Pair {
    final Platform cached;
    final Platform uncached;
    final List<Space> spaces = new ArrayList<>();
    final List<DmaRequest> requesters = new ArrayList<>();
    final boolean scalable;
    Space nestedGpa;
    long pasid1Dir;
    long spareFsRoot;

    Pair(UnitConfig unit, CacheConfig caches, boolean scalable) {
      this.cached = new Platform(unit, caches);
      this.uncached = new Platform(unit, CacheConfig.NONE);
      this.scalable = scalable;
    }

    Platform[] both() {
      return new Platform[] {cached, uncached};
    }
  }

  private static Pair legacy(CacheConfig caches, boolean cm) {
    UnitConfig u = cm ? CachingModeTest.cachingMode(UnitConfig.legacy()) : UnitConfig.legacy();
    Pair pair = new Pair(u, caches, false);
    long shared = 0;
    long own = 0;
    for (Platform p : pair.both()) {
      shared = p.legacyDevice(Platform.DEV, 1);
      p.legacyContext(Platform.DEV2, Platform.legacyEntry(shared, 1));
      own = p.legacyDevice(DEV3, 2);
      p.bringUp(0);
    }
    PageTableFormat ss = pair.cached.ss(4);
    pair.spaces.add(new Space("domain 1", ss, shared, 1, -1, Flush.SECOND_STAGE, false));
    pair.spaces.add(new Space("domain 2", ss, own, 2, -1, Flush.SECOND_STAGE, false));
    for (SourceId sid : new SourceId[] {Platform.DEV, Platform.DEV2, DEV3}) {
      pair.requesters.add(DmaRequest.withoutPasid(sid, 0, Access.READ));
    }
    return pair;
  }

  private static Pair scalable(CacheConfig caches) {
    Pair pair = new Pair(UnitConfig.server(), caches, true);
    long fsRoot = 0;
    long ssRoot = 0;
    long nestedSs = 0;
    long nestedFs = 0;
    for (Platform p : pair.both()) {
      long dir = p.scalableDevice(Platform.DEV);
      fsRoot = p.frame();
      pair.spareFsRoot = p.frame();
      ssRoot = p.frame();
      nestedSs = p.frame();
      nestedFs = p.nestedTable(p.ss(4), nestedSs);
      p.pasidEntry(dir, 1, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 1).withFsptptr(fsRoot));
      p.pasidEntry(dir, 0, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, 2).withSsptptr(ssRoot));
      p.pasidEntry(dir, 2, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, 2).withSsptptr(ssRoot));
      p.pasidEntry(
          dir,
          3,
          Platform.pasidEntryOf(Pgtt.NESTED, 3).withSsptptr(nestedSs).withFsptptr(nestedFs));
      pair.pasid1Dir = dir;
      p.bringUp(1);
    }
    PageTableFormat fs = pair.cached.fs(4);
    PageTableFormat ss = pair.cached.ss(4);
    pair.spaces.add(new Space("PASID 1 first stage", fs, fsRoot, 1, 1, Flush.FIRST_STAGE, false));
    pair.spaces.add(new Space("DID 2 second stage", ss, ssRoot, 2, 2, Flush.SECOND_STAGE, false));
    pair.spaces.add(new Space("PASID 3 nested", fs, nestedFs, 3, 3, Flush.FIRST_STAGE, true));
    pair.nestedGpa = new Space("DID 3 GPAs", ss, nestedSs, 3, 3, Flush.SECOND_STAGE, false);
    pair.requesters.add(DmaRequest.withoutPasid(Platform.DEV, 0, Access.READ)); // RID_PASID 0
    for (int pasid = 1; pasid <= 3; pasid++) {
      pair.requesters.add(DmaRequest.withPasid(Platform.DEV, pasid, 0, Access.READ, false));
    }
    return pair;
  }

  private static long address4k(Random rnd) {
    return REGION_4K + rnd.nextInt(2) * 0x20_0000L + rnd.nextInt(24) * 0x1000L;
  }

  /** One random change, then its invalidation, on both platforms. */
  private static String change(Pair pair, Random rnd) {
    int op = rnd.nextInt(20);
    if (pair.scalable && op == 19) {
      return switchPasidTable(pair);
    }
    if (pair.nestedGpa != null && op >= 16) {
      long gpa = DATA_GPA + rnd.nextInt(8) * 0x1000L;
      long hpa = 0x30_0000_0000L + rnd.nextInt(64) * 0x1000L;
      Space s = pair.nestedGpa;
      int prot = prot(rnd.nextBoolean());
      for (Platform p : pair.both()) {
        p.map(s.format, s.root, gpa, hpa, PageSize.SIZE_4K, prot);
        p.invalidate(s.invalidate(gpa, 0, true));
      }
      return "GPA 0x" + Long.toHexString(gpa) + " -> 0x" + Long.toHexString(hpa);
    }
    Space s = pair.spaces.get(rnd.nextInt(pair.spaces.size()));
    boolean readOnly = rnd.nextInt(4) == 0;
    if (op < 8) {
      long va = address4k(rnd);
      long out =
          s.nested
              ? DATA_GPA + rnd.nextInt(8) * 0x1000L
              : 0x10_0000_0000L + rnd.nextInt(256) * 0x1000L;
      for (Platform p : pair.both()) {
        if (s.nested) {
          p.mapNested(
              s.format,
              s.root,
              va,
              out,
              PageSize.SIZE_4K,
              pair.nestedGpa.format,
              pair.nestedGpa.root);
        } else {
          p.map(s.format, s.root, va, out, PageSize.SIZE_4K, prot(readOnly));
        }
        p.invalidate(s.invalidate(va, 0, true));
      }
      s.tableExists[(int) ((va - REGION_4K) >>> 21)] = true;
      return s.name + ": map 0x" + Long.toHexString(va) + " -> 0x" + Long.toHexString(out);
    }
    if (op < 12) {
      int t = rnd.nextInt(2);
      if (!s.tableExists[t]) {
        return s.name + ": nothing to unmap";
      }
      long va = REGION_4K + t * 0x20_0000L + rnd.nextInt(24) * 0x1000L;
      for (Platform p : pair.both()) {
        clearEntry(pair, p, s, va, 1);
        p.invalidate(s.invalidate(va, 0, true));
      }
      return s.name + ": unmap 0x" + Long.toHexString(va);
    }
    if (op < 14) {
      int t = rnd.nextInt(2);
      if (!s.tableExists[t]) {
        return s.name + ": no table to drop";
      }
      long base = REGION_4K + t * 0x20_0000L;
      for (Platform p : pair.both()) {
        clearEntry(pair, p, s, base, 2); // the PDE: a non-leaf change, IH = 0
        p.invalidate(s.invalidate(base, 9, false));
      }
      s.tableExists[t] = false;
      return s.name + ": drop the page table of 0x" + Long.toHexString(base);
    }
    if (s.nested) {
      return s.name + ": no large pages";
    }
    int j = rnd.nextInt(4);
    long va = REGION_2M + j * 0x20_0000L;
    boolean map = !s.mapped2m[j] || rnd.nextBoolean();
    long out = 0x20_0000_0000L + rnd.nextInt(64) * 0x20_0000L;
    for (Platform p : pair.both()) {
      if (map) {
        p.map(s.format, s.root, va, out, PageSize.SIZE_2M, prot(readOnly));
      } else {
        clearEntry(pair, p, s, va, 2);
      }
      p.invalidate(s.invalidate(va, 9, true));
    }
    s.mapped2m[j] = map;
    return s.name + (map ? ": map 2M 0x" : ": unmap 2M 0x") + Long.toHexString(va);
  }

  private static void clearEntry(Pair pair, Platform p, Space s, long va, int level) {
    if (s.nested) {
      // The entry's HPA: the nested table pages are found through a fresh walk of the guest tables.
      long hpa = nestedEntryHpa(p, s, pair.nestedGpa, va, level);
      p.memory.write64(hpa, 0);
    } else {
      p.unmap(s.format, s.root, va, level);
    }
  }

  private static long nestedEntryHpa(Platform p, Space fs, Space ss, long va, int level) {
    long table = fs.root;
    for (int l = fs.format.levels(); ; l--) {
      long tableHpa = gpaToHpa(p, ss, table);
      long entryHpa = tableHpa + 8L * fs.format.index(va, l);
      if (l == level) {
        return entryHpa;
      }
      table = fs.format.address(p.memory.read64(entryHpa), l);
    }
  }

  private static long gpaToHpa(Platform p, Space ss, long gpa) {
    return new Walker(ss.format).walk(ss.root, gpa, p.memory).outputAddress();
  }

  private static String switchPasidTable(Pair pair) {
    Space s = pair.spaces.get(0);
    long other = pair.spareFsRoot;
    pair.spareFsRoot = s.root;
    s.root = other;
    s.tableExists[0] = tablePresent(pair.cached, s, 0);
    s.tableExists[1] = tablePresent(pair.cached, s, 1);
    for (int j = 0; j < s.mapped2m.length; j++) {
      long va = REGION_2M + j * 0x20_0000L;
      s.mapped2m[j] = new Walker(s.format).walk(s.root, va, pair.cached.memory).isLeaf();
    }
    for (Platform p : pair.both()) {
      PasidEntry pe = Platform.pasidEntryOf(Pgtt.FIRST_STAGE, s.did).withFsptptr(s.root);
      p.pasidEntry(pair.pasid1Dir, s.pasid, pe);
      p.invalidate(
          PasidCacheInvDescriptor.pasid(s.did, s.pasid),
          PasidIotlbInvDescriptor.pasid(s.did, s.pasid));
    }
    return "PASID 1 switches to the table at 0x" + Long.toHexString(s.root);
  }

  private static boolean tablePresent(Platform p, Space s, int t) {
    long va = REGION_4K + t * 0x20_0000L;
    return new Walker(s.format).walk(s.root, va, p.memory).level() == 1;
  }

  private static int prot(boolean readOnly) {
    return readOnly ? Prot.READ : Prot.READ_WRITE;
  }

  private static DmaRequest request(Pair pair, Random rnd) {
    DmaRequest r = pair.requesters.get(rnd.nextInt(pair.requesters.size()));
    long address =
        rnd.nextInt(3) == 0
            ? REGION_2M + rnd.nextInt(4) * 0x20_0000L + rnd.nextInt(512) * 0x1000L + 8
            : address4k(rnd) + rnd.nextInt(0x1000);
    if (!r.hasPasid() || r.pasid() == 2) {
      address &= 0xFFFF_FFFFL;
    }
    Access a = rnd.nextBoolean() ? Access.WRITE : Access.READ;
    return r.hasPasid()
        ? DmaRequest.withPasid(r.sid(), r.pasid(), address, a, false)
        : DmaRequest.withoutPasid(r.sid(), address, a);
  }

  /**
   * What must agree. In caching mode a cached not-present fault keeps the level it was first met at
   * (a later mapping elsewhere in its table may move the uncached walk's stop lower), so only
   * reason and stage are compared for faults; the fault record has no level.
   */
  private static String outcome(Translation t, boolean cachingMode) {
    if (cachingMode && t instanceof Fault f) {
      return "fault " + f.reason().specName() + " " + f.stage();
    }
    if (t instanceof Translated ok) {
      return String.format(
          "ok 0x%x %s %s %s did %d", ok.hpa(), ok.pageSize(), ok.perm(), ok.mode(), ok.did());
    }
    if (t instanceof Fault f) {
      return "fault " + f.reason().specName() + " level " + f.level() + " " + f.stage();
    }
    return t.resultWord();
  }

  private static void run(Pair pair, String label, long seed) {
    assertThat(compare(pair, label, seed, false)).isTrue();
  }

  /**
   * Runs the steps; with {@code stopAtMismatch}, returns false at the first disagreement instead of
   * failing.
   */
  private static boolean compare(Pair pair, String label, long seed, boolean stopAtMismatch) {
    Random rnd = new Random(seed);
    boolean cachingMode = pair.cached.config.cap().cachingMode();
    List<String> history = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      history.add(change(pair, rnd));
      if (history.size() > 6) {
        history.remove(0);
      }
      for (int i = 0; i < 4; i++) {
        DmaRequest r = request(pair, rnd);
        Translation u = pair.uncached.unit.translate(r);
        Translation c = pair.cached.unit.translate(r);
        if (stopAtMismatch && !outcome(c, cachingMode).equals(outcome(u, cachingMode))) {
          return false;
        }
        assertThat(outcome(c, cachingMode))
            .as(
                "%s, seed %d, step %d, %s; recent changes %s; cached: %s",
                label, seed, step, r, history, c)
            .isEqualTo(outcome(u, cachingMode));
      }
    }
    for (long a = 0x10_0000; a < pair.cached.framesEnd(); a += 8) {
      assertThat(pair.cached.memory.read64(a))
          .as("%s, seed %d: memory (A/D bits) at 0x%x", label, seed, a)
          .isEqualTo(pair.uncached.memory.read64(a));
    }
    long hits = pair.cached.unit.caches().iotlbCounters().hits();
    assertThat(hits).as("%s, seed %d: the cached unit used its IOTLB", label, seed).isPositive();
    System.out.println(
        "DifferentialTest "
            + label
            + " seed "
            + seed
            + ": "
            + pair.cached.unit.caches().counters());
    return true;
  }

  private static CacheConfig small(Replacement r) {
    return new CacheConfig(
        new CacheSpec(2, r), new CacheSpec(2, r), new CacheSpec(6, r), new CacheSpec(3, r), SEED);
  }

  @Test
  void aScalableUnitWithSmallCachesTranslatesLikeOneWithout() {
    for (Replacement r : Replacement.values()) {
      run(scalable(small(r)), "scalable " + r, SEED);
    }
  }

  @Test
  void aLegacyUnitWithSmallCachesTranslatesLikeOneWithout() {
    for (Replacement r : Replacement.values()) {
      run(legacy(small(r), false), "legacy " + r, SEED + 1);
    }
  }

  @Test
  void aCachingModeUnitWithCorrectInvalidationsTranslatesLikeOneWithout() {
    run(legacy(CacheConfig.DEFAULT, true), "legacy CM = 1", SEED + 2);
  }

  @Test
  void theComparisonNoticesTheWrongKindOfInvalidation() {
    Pair pair = scalable(CacheConfig.DEFAULT);
    pair.spaces.get(1).wrongFlush = true; // second-stage-only changes flushed with type 6
    assertThat(compare(pair, "scalable, wrong flush", SEED + 4, true))
        .as("seed %d: stale second-stage-only entries must show", SEED + 4)
        .isFalse();
  }

  @Test
  void defaultCachesTranslateLikeNoCaches() {
    run(scalable(CacheConfig.DEFAULT), "scalable default caches", SEED + 3);
  }
}
