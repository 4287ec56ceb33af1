package dev.vtdlab.hw.cache;

import static dev.vtdlab.hw.Platform.DEV;
import static dev.vtdlab.hw.Platform.DEV2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.PageTableFormat;
import org.junit.jupiter.api.Test;

/**
 * The context-cache and the PASID-cache (spec 6.2.2, 6.2.3, 6.5.2.1, 6.5.2.2): a changed context or
 * PASID entry is not seen until the matching invalidation; each granularity and its tags.
 */
class StructureCachesTest {
  static final long IOVA = 0x1000_0000L;
  static final long OLD = 0x8000_0000L;
  static final long NEW = 0x9000_0000L;

  private static Translated ok(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  /** Legacy: DEV in domain 1 over table T1 (IOVA -> OLD) and a table T2 (IOVA -> NEW). */
  private static final class Legacy {
    final Platform p = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    final PageTableFormat ss = p.ss(4);
    final long t1 = p.legacyDevice(DEV, 1);
    final long t2 = p.frame();

    Legacy() {
      p.map(ss, t1, IOVA, OLD, PageSize.SIZE_4K);
      p.map(ss, t2, IOVA, NEW, PageSize.SIZE_4K);
      p.bringUp(0);
    }

    long hpa(SourceId sid) {
      return ok(p.unit.translate(DmaRequest.withoutPasid(sid, IOVA, Access.READ))).hpa();
    }

    /** Moves {@code sid} to domain {@code did} over T2 (software must invalidate). */
    void moveToNewTable(SourceId sid, int did) {
      p.legacyContext(sid, Platform.legacyEntry(t2, did));
    }
  }

  @Test
  void aChangedLegacyContextEntryIsSeenOnlyAfterADeviceSelectiveInvalidationWithItsDomain() {
    Legacy l = new Legacy();
    assertThat(l.hpa(DEV)).isEqualTo(OLD);
    l.moveToNewTable(DEV, 2);
    l.p.invalidate(IotlbInvDescriptor.domain(1));
    assertThat(l.hpa(DEV)).as("stale context entry").isEqualTo(OLD);

    l.p.invalidate(ContextCacheInvDescriptor.device(7, DEV.value(), 0));
    assertThat(l.hpa(DEV)).as("the cached entry's DID is 1, not 7").isEqualTo(OLD);

    l.p.invalidate(ContextCacheInvDescriptor.device(1, DEV2.value(), 0));
    assertThat(l.hpa(DEV)).as("another function").isEqualTo(OLD);

    l.p.invalidate(ContextCacheInvDescriptor.device(1, DEV.value(), 0));
    l.p.invalidate(IotlbInvDescriptor.domain(1));
    assertThat(l.hpa(DEV)).isEqualTo(NEW);
  }

  @Test
  void theFunctionMaskWidensADeviceSelectiveInvalidation() {
    Legacy l = new Legacy();
    l.hpa(DEV); // function 5
    l.moveToNewTable(DEV, 1);
    SourceId function4 = SourceId.of(DEV.bus(), DEV.device(), 4);

    l.p.invalidate(
        ContextCacheInvDescriptor.device(1, function4.value(), 0), IotlbInvDescriptor.domain(1));
    assertThat(l.hpa(DEV)).as("FM 0 compares every SID bit").isEqualTo(OLD);

    l.p.invalidate(
        ContextCacheInvDescriptor.device(1, function4.value(), 1), IotlbInvDescriptor.domain(1));
    assertThat(l.hpa(DEV))
        .as("FM 1 ignores bit 2 only; functions 4 and 5 differ in bit 0")
        .isEqualTo(OLD);

    l.p.invalidate(
        ContextCacheInvDescriptor.device(1, function4.value(), 3), IotlbInvDescriptor.domain(1));
    assertThat(l.hpa(DEV)).as("FM 3 ignores bits 2:0").isEqualTo(NEW);
  }

  @Test
  void domainAndGlobalContextInvalidationsFollowTheirTags() {
    Legacy l = new Legacy();
    l.hpa(DEV);
    l.moveToNewTable(DEV, 2);

    l.p.invalidate(ContextCacheInvDescriptor.domain(2), IotlbInvDescriptor.global());
    assertThat(l.hpa(DEV)).as("the cached entry belongs to domain 1").isEqualTo(OLD);

    l.p.invalidate(ContextCacheInvDescriptor.domain(1), IotlbInvDescriptor.global());
    assertThat(l.hpa(DEV)).isEqualTo(NEW);

    l.moveToNewTable(DEV, 1);
    l.p.invalidate(IotlbInvDescriptor.global());
    l.p.map(l.ss, l.t1, IOVA, OLD, PageSize.SIZE_4K);
    l.p.legacyContext(DEV, Platform.legacyEntry(l.t1, 3));
    l.p.invalidate(ContextCacheInvDescriptor.global(), IotlbInvDescriptor.global());
    assertThat(l.hpa(DEV)).isEqualTo(OLD);
  }

  /** Scalable: DEV's PASID 9 (first stage, DID 3) over table F1 (VA -> OLD) or F2 (VA -> NEW). */
  private static final class Scalable {
    static final int PASID = 9;
    final Platform p = new Platform(UnitConfig.server(), CacheConfig.DEFAULT);
    final PageTableFormat fs = p.fs(4);
    final long dir = p.scalableDevice(DEV);
    final long f1 = p.frame();
    final long f2 = p.frame();

    Scalable() {
      p.pasidEntry(dir, PASID, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 3).withFsptptr(f1));
      p.map(fs, f1, IOVA, OLD, PageSize.SIZE_4K);
      p.map(fs, f2, IOVA, NEW, PageSize.SIZE_4K);
      p.bringUp(1);
    }

    long hpa() {
      return ok(p.unit.translate(DmaRequest.withPasid(DEV, PASID, IOVA, Access.READ, false))).hpa();
    }

    void switchTo(long table, int did) {
      p.pasidEntry(dir, PASID, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, did).withFsptptr(table));
    }
  }

  @Test
  void aChangedPasidEntryIsSeenOnlyAfterAPasidSelectiveInvalidationOfItsDomainAndPasid() {
    Scalable s = new Scalable();
    assertThat(s.hpa()).isEqualTo(OLD);
    s.switchTo(s.f2, 3);
    s.p.invalidate(PasidIotlbInvDescriptor.pasid(3, Scalable.PASID));
    assertThat(s.hpa()).as("stale PASID entry").isEqualTo(OLD);

    s.p.invalidate(PasidCacheInvDescriptor.pasid(3, Scalable.PASID + 1));
    s.p.invalidate(PasidCacheInvDescriptor.pasid(4, Scalable.PASID));
    s.p.invalidate(PasidIotlbInvDescriptor.pasid(3, Scalable.PASID));
    assertThat(s.hpa()).as("another PASID, another domain").isEqualTo(OLD);

    s.p.invalidate(
        PasidCacheInvDescriptor.pasid(3, Scalable.PASID),
        PasidIotlbInvDescriptor.pasid(3, Scalable.PASID));
    assertThat(s.hpa()).isEqualTo(NEW);
  }

  @Test
  void pasidCacheDomainAndGlobalInvalidations() {
    Scalable s = new Scalable();
    s.hpa();
    s.switchTo(s.f2, 3);

    s.p.invalidate(PasidCacheInvDescriptor.domain(5), IotlbInvDescriptor.global());
    assertThat(s.hpa()).isEqualTo(OLD);
    s.p.invalidate(PasidCacheInvDescriptor.domain(3), IotlbInvDescriptor.global());
    assertThat(s.hpa()).isEqualTo(NEW);

    s.switchTo(s.f1, 3);
    s.p.invalidate(PasidCacheInvDescriptor.global(), IotlbInvDescriptor.global());
    assertThat(s.hpa()).isEqualTo(OLD);
  }

  @Test
  void aScalableContextInvalidationIgnoresTheDomainItNames() {
    Scalable s = new Scalable();
    s.hpa();
    long dir2 = s.p.frame();
    s.p.pasidEntryHpa(dir2, Scalable.PASID); // an empty PASID table under a new directory
    s.p.pasidEntry(
        dir2, Scalable.PASID, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 3).withFsptptr(s.f2));
    s.p.scalableContext(DEV, Platform.scalableEntry(dir2));
    s.p.invalidate(PasidCacheInvDescriptor.global(), IotlbInvDescriptor.global());
    assertThat(s.hpa()).as("stale context entry names the old directory").isEqualTo(OLD);

    s.p.invalidate(
        ContextCacheInvDescriptor.domain(1234), // processed as global in scalable mode
        PasidCacheInvDescriptor.global(),
        IotlbInvDescriptor.global());
    assertThat(s.hpa()).isEqualTo(NEW);

    s.p.scalableContext(DEV, Platform.scalableEntry(s.dir));
    s.p.invalidate(
        ContextCacheInvDescriptor.device(4321, DEV.value(), 0), // DID ignored in scalable mode
        PasidCacheInvDescriptor.global(),
        IotlbInvDescriptor.global());
    assertThat(s.hpa()).as("back to the first directory, whose entry is F1").isEqualTo(OLD);
  }

  @Test
  void aContextCacheHitStillAppliesItsFaultProcessingDisable() {
    Legacy l = new Legacy();
    l.p.legacyContext(DEV, Platform.legacyEntry(l.t1, 1).withFpd(true));
    l.p.invalidate(ContextCacheInvDescriptor.global(), IotlbInvDescriptor.global());
    l.hpa(DEV); // cached with FPD = 1

    Translation t = l.p.unit.translate(DmaRequest.withoutPasid(DEV, IOVA + 0x1000, Access.READ));

    assertThat(t).isInstanceOf(dev.vtdlab.hw.translate.Fault.class);
    assertThat(((dev.vtdlab.hw.translate.Fault) t).recorded()).isFalse();
    assertThat(l.p.unit.caches().contextCounters().hits()).isEqualTo(1);
  }
}
