package dev.vtdlab.hw.cache;

import static dev.vtdlab.hw.Platform.DEV;
import static dev.vtdlab.hw.Platform.DEV2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.PageTableFormat;
import org.junit.jupiter.api.Test;

/**
 * Caching mode (CAP.CM = 1; spec 6.1, 6.2.2, 6.2.3, 6.2.4.1; digest 9.2): not-present and erroneous
 * entries are cached, so a structure made present without an invalidation keeps faulting, without
 * reading memory, until the invalidation that matches the cached entry's tags; first-stage faults
 * are never cached. The same sequences on a CM = 0 unit translate at once.
 */
class CachingModeTest {
  static final long IOVA = 0x1000_0000L;
  static final long HPA = 0x8000_0000L;

  static UnitConfig cachingMode(UnitConfig u) {
    return u.with(new Cap(Cap.CM.set(u.cap().value(), true)), u.ecap());
  }

  static Translation read(Platform p, long iova) {
    return p.unit.translate(DmaRequest.withoutPasid(DEV, iova, Access.READ));
  }

  static Fault fault(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Fault.class);
    return (Fault) t;
  }

  static Translated ok(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  /** DEV2 has a context entry (so the bus's root entry is present); DEV has none yet. */
  private static Platform legacyWithoutDev(boolean cm) {
    UnitConfig u = cm ? cachingMode(UnitConfig.legacy()) : UnitConfig.legacy();
    Platform p = new Platform(u, CacheConfig.DEFAULT);
    p.legacyDevice(DEV2, 2);
    p.bringUp(0);
    return p;
  }

  private static long attachDev(Platform p) {
    long root = p.frame();
    p.map(p.ss(4), root, IOVA, HPA, PageSize.SIZE_4K);
    p.legacyContext(DEV, Platform.legacyEntry(root, 1));
    return root;
  }

  @Test
  void aContextEntryMadePresentKeepsFaultingUntilADeviceInvalidationWithDomainZero() {
    Platform p = legacyWithoutDev(true);
    assertThat(fault(read(p, IOVA)).reason()).isEqualTo(FaultReason.LCT_2);
    attachDev(p);

    Fault cached = fault(read(p, IOVA));
    assertThat(cached.reason()).isEqualTo(FaultReason.LCT_2);
    assertThat(cached.reads().total()).as("answered by the context-cache").isZero();
    assertThat(p.unit.caches().contextCounters().negativeHits()).isEqualTo(1);

    p.invalidate(ContextCacheInvDescriptor.device(1, DEV.value(), 0));
    assertThat(fault(read(p, IOVA)).reason())
        .as("the cached fault is tagged with the reserved DID 0, not the new DID")
        .isEqualTo(FaultReason.LCT_2);

    p.invalidate(ContextCacheInvDescriptor.device(0, DEV.value(), 0), IotlbInvDescriptor.domain(0));
    assertThat(ok(read(p, IOVA)).hpa()).isEqualTo(HPA);
  }

  @Test
  void withoutCachingModeAContextEntryMadePresentIsSeenAtOnce() {
    Platform p = legacyWithoutDev(false);
    assertThat(fault(read(p, IOVA)).reason()).isEqualTo(FaultReason.LCT_2);
    attachDev(p);

    assertThat(ok(read(p, IOVA)).hpa()).isEqualTo(HPA);
  }

  @Test
  void aNewSecondStageMappingNeedsAnIotlbInvalidationInCachingMode() {
    Platform p = legacyWithoutDev(true);
    p.invalidate(ContextCacheInvDescriptor.global());
    long root = attachDev(p);
    long other = IOVA + 0x1000;
    assertThat(fault(read(p, other)).reason()).isEqualTo(FaultReason.LGN_3);

    p.map(p.ss(4), root, other, HPA + 0x1000, PageSize.SIZE_4K);

    Fault readAgain = fault(read(p, other));
    assertThat(readAgain.reason()).isEqualTo(FaultReason.LGN_3);
    assertThat(readAgain.reads().walk()).isZero();
    Fault write = fault(p.unit.translate(DmaRequest.withoutPasid(DEV, other, Access.WRITE)));
    assertThat(write.reason())
        .as("the cached not-present fault, for a write")
        .isEqualTo(FaultReason.LGN_2);

    p.invalidate(IotlbInvDescriptor.page(1, other, 0, true));
    assertThat(ok(read(p, other)).hpa()).isEqualTo(HPA + 0x1000);
  }

  @Test
  void withoutCachingModeANewMappingIsSeenAtOnce() {
    Platform p = legacyWithoutDev(false);
    long root = attachDev(p);
    long other = IOVA + 0x1000;
    assertThat(fault(read(p, other)).reason()).isEqualTo(FaultReason.LGN_3);

    p.map(p.ss(4), root, other, HPA + 0x1000, PageSize.SIZE_4K);

    assertThat(ok(read(p, other)).hpa()).isEqualTo(HPA + 0x1000);
  }

  /** PASID 9 of DEV absent at first; PASID 1 (first stage, DID 3) over FS table. */
  private static final class Scalable {
    final Platform p = new Platform(cachingMode(UnitConfig.server()), CacheConfig.DEFAULT);
    final PageTableFormat fs = p.fs(4);
    final PageTableFormat ss = p.ss(4);
    final long dir = p.scalableDevice(DEV);
    final long fsRoot = p.frame();
    final long ssRoot = p.frame();

    Scalable() {
      p.pasidEntry(dir, 1, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 3).withFsptptr(fsRoot));
      p.pasidEntry(dir, 2, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, 4).withSsptptr(ssRoot));
      p.pasidEntryHpa(dir, 9); // the table exists, the entry is zero
      p.bringUp(1);
    }

    Translation read(int pasid, long address) {
      return p.unit.translate(DmaRequest.withPasid(DEV, pasid, address, Access.READ, false));
    }
  }

  @Test
  void aPasidEntryMadePresentKeepsFaultingUntilAPasidInvalidationWithDomainZero() {
    Scalable s = new Scalable();
    assertThat(fault(s.read(9, IOVA)).reason()).isEqualTo(FaultReason.SPT_2);
    s.p.map(s.fs, s.fsRoot, IOVA, HPA, PageSize.SIZE_4K);
    s.p.pasidEntry(s.dir, 9, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 3).withFsptptr(s.fsRoot));

    assertThat(fault(s.read(9, IOVA)).reason()).isEqualTo(FaultReason.SPT_2);
    s.p.invalidate(PasidCacheInvDescriptor.pasid(3, 9), PasidIotlbInvDescriptor.pasid(3, 9));
    assertThat(fault(s.read(9, IOVA)).reason())
        .as("the cached fault is tagged with DID 0")
        .isEqualTo(FaultReason.SPT_2);
    assertThat(s.p.unit.caches().pasidCounters().negativeHits()).isEqualTo(2);

    s.p.invalidate(PasidCacheInvDescriptor.pasid(0, 9));
    assertThat(ok(s.read(9, IOVA)).hpa()).isEqualTo(HPA);
  }

  @Test
  void firstStageFaultsAreNeverCachedEvenInCachingMode() {
    Scalable s = new Scalable();
    assertThat(fault(s.read(1, IOVA)).reason()).isEqualTo(FaultReason.SFS_2);

    s.p.map(s.fs, s.fsRoot, IOVA, HPA, PageSize.SIZE_4K);

    assertThat(ok(s.read(1, IOVA)).hpa()).isEqualTo(HPA);
  }

  @Test
  void aSecondStageOnlyFaultGoesWithAnIotlbPageInvalidationNotAPasidPageOne() {
    Scalable s = new Scalable();
    assertThat(fault(s.read(2, IOVA)).reason()).isEqualTo(FaultReason.SSS_2);
    s.p.map(s.ss, s.ssRoot, IOVA, HPA, PageSize.SIZE_4K);

    s.p.invalidate(PasidIotlbInvDescriptor.page(4, 2, IOVA, 0, false));
    assertThat(fault(s.read(2, IOVA)).reason()).isEqualTo(FaultReason.SSS_2);

    s.p.invalidate(IotlbInvDescriptor.page(4, IOVA, 0, true));
    assertThat(ok(s.read(2, IOVA)).hpa()).isEqualTo(HPA);
  }
}
