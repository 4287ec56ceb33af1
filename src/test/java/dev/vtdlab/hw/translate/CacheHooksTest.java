package dev.vtdlab.hw.translate;

import static dev.vtdlab.hw.translate.Machine.DEV;
import static dev.vtdlab.hw.translate.Results.fault;
import static dev.vtdlab.hw.translate.Results.ok;
import static dev.vtdlab.hw.translate.Results.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecorder;
import dev.vtdlab.hw.fault.InterruptLog;
import dev.vtdlab.hw.fault.RecordOutcome;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache hook points and the wiring of faults into primary fault logging. */
class CacheHooksTest {
  private static final int PASID = 6;
  private static final long IOVA = 0x1234_5000L;
  private static final long HPA = 0x4_0000_0000L;

  /** A map-based context cache, PASID cache and IOTLB (4 KiB granular keys). */
  static final class MapCaches implements ContextCacheHook, PasidCacheHook, IotlbHook {
    final Map<Integer, Object> contexts = new HashMap<>();
    final Map<Long, CachedPasidEntry> pasids = new HashMap<>();
    final Map<String, CachedTranslation> iotlb = new HashMap<>();

    CacheHooks hooks() {
      return new CacheHooks(this, this, this);
    }

    @Override
    public ContextEntry lookupLegacy(int sid) {
      return contexts.get(sid) instanceof ContextEntry c ? c : null;
    }

    @Override
    public void fillLegacy(int sid, ContextEntry entry) {
      contexts.put(sid, entry);
    }

    @Override
    public ScalableContextEntry lookupScalable(int sid) {
      return contexts.get(sid) instanceof ScalableContextEntry c ? c : null;
    }

    @Override
    public void fillScalable(int sid, ScalableContextEntry entry) {
      contexts.put(sid, entry);
    }

    @Override
    public CachedPasidEntry lookup(int sid, int pasid) {
      return pasids.get((long) sid << 20 | pasid);
    }

    @Override
    public void fill(int sid, int pasid, CachedPasidEntry entry) {
      pasids.put((long) sid << 20 | pasid, entry);
    }

    @Override
    public CachedTranslation lookupLegacy(int sid, int did, long iova) {
      return iotlb.get("L" + did + ":" + (iova >>> 12));
    }

    @Override
    public void fillLegacy(int sid, int did, long iova, CachedTranslation t) {
      iotlb.put("L" + did + ":" + (iova >>> 12), t);
    }

    @Override
    public CachedTranslation lookup(int sid, int did, int pasid, long address) {
      return iotlb.get(did + ":" + pasid + ":" + (address >>> 12));
    }

    @Override
    public void fill(int sid, int did, int pasid, long address, CachedTranslation t) {
      iotlb.put(did + ":" + pasid + ":" + (address >>> 12), t);
    }
  }

  private final Machine m = Machine.server();
  private final MapCaches caches = new MapCaches();

  private DmaTranslator firstStage(int prot) {
    PageTableFormat fs = m.fs(4);
    long dir = m.scalableDevice(DEV);
    long root = m.frame();
    m.pasidEntry(dir, PASID, Machine.pasidEntryOf(Pgtt.FIRST_STAGE, 8).withFsptptr(root));
    m.map(fs, root, IOVA, HPA, PageSize.SIZE_4K, prot);
    DmaTranslator t =
        new DmaTranslator(m.unit, m.memory, TranslatorOptions.READ_ONLY, caches.hooks());
    t.latchRootTable(Rtaddr.of(m.rootTable, Rtaddr.TTM_SCALABLE));
    return t;
  }

  private Translation request(DmaTranslator t, Access access, boolean supervisor) {
    return t.translate(DmaRequest.withPasid(DEV, PASID, IOVA | 0x10, access, supervisor));
  }

  @Test
  void aSecondRequestHitsEveryCacheAndReadsNothing() {
    DmaTranslator t = firstStage(Prot.READ_WRITE);
    Translated first = ok(request(t, Access.READ, false));
    reads(first, 4, 4);
    assertThat(first.fromCache()).isFalse();
    assertThat(caches.contexts).hasSize(1);
    assertThat(caches.pasids).hasSize(1);
    assertThat(caches.iotlb).hasSize(1);
    Translated second = ok(request(t, Access.WRITE, false));
    reads(second, 0, 0);
    assertThat(second.fromCache()).isTrue();
    assertThat(second.hpa()).isEqualTo(HPA | 0x10);
    assertThat(second.did()).isEqualTo(8);
  }

  @Test
  void anIotlbHitStillChecksTheRequestersRights() {
    DmaTranslator t = firstStage(Prot.READ);
    ok(request(t, Access.READ, true));
    Fault f = fault(request(t, Access.WRITE, false), FaultReason.SGN_6);
    reads(f, 0, 0);
    assertThat(ok(request(t, Access.WRITE, true)).fromCache()).isTrue();
  }

  @Test
  void aContextCacheHitSkipsTheRootAndContextReads() {
    DmaTranslator t = firstStage(Prot.READ);
    ok(request(t, Access.READ, false));
    caches.pasids.clear();
    caches.iotlb.clear();
    reads(ok(request(t, Access.READ, false)), 2, 4);
  }

  @Test
  void faultsAreHandedToPrimaryFaultLoggingWithTheirFpd() {
    Machine legacy = Machine.legacy();
    legacy.legacyContext(DEV, ContextEntry.ZERO.withFpd(true));
    FaultRecorder recorder = new FaultRecorder(UnitConfig.legacy().cap(), new InterruptLog());
    Fault suppressed =
        fault(
            legacy.legacyTranslator().translate(DmaRequest.withoutPasid(DEV, IOVA, Access.READ)),
            FaultReason.LCT_2);
    assertThat(suppressed.recordInto(recorder)).isEqualTo(RecordOutcome.SUPPRESSED_BY_FPD);
    legacy.legacyContext(DEV, ContextEntry.ZERO);
    Fault recorded =
        fault(
            legacy.legacyTranslator().translate(DmaRequest.withoutPasid(DEV, IOVA, Access.WRITE)),
            FaultReason.LCT_2);
    assertThat(recorded.recordInto(recorder)).isEqualTo(RecordOutcome.RECORDED);
    assertThat(recorder.frcd(0).hi()).isEqualTo(recorded.record().hi());
    assertThat(recorder.frcd(0).fi()).isEqualTo(IOVA);
  }
}
