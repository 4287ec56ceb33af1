package dev.vtdlab.hw.cache;

import static dev.vtdlab.hw.Platform.DEV;
import static dev.vtdlab.hw.Platform.DEV2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * The IOTLB and paging-structure caches in legacy mode, driven through registers and queued
 * invalidation descriptors: hits, replacement, stale translations until the right invalidation
 * (spec 6.2.4, 6.5.2.3 Table 23).
 */
class LegacyIotlbTest {
  static final long A = 0x1000_0000L;
  static final long B = 0x1000_1000L;
  static final long C = 0x1000_2000L;
  static final long HPA = 0x8000_0000L;

  /** DEV in domain 1 with A, B and C mapped to consecutive pages at HPA, brought up. */
  static final class Setup {
    final Platform p;
    final PageTableFormat ss;
    final long root;

    Setup(CacheConfig caches) {
      p = new Platform(UnitConfig.legacy(), caches);
      ss = p.ss(4);
      root = p.legacyDevice(DEV, 1);
      p.map(ss, root, A, HPA, PageSize.SIZE_4K);
      p.map(ss, root, B, HPA + 0x1000, PageSize.SIZE_4K);
      p.map(ss, root, C, HPA + 0x2000, PageSize.SIZE_4K);
      p.bringUp(0);
    }

    Translated read(long iova) {
      return ok(LegacyIotlbTest.read(p, iova));
    }
  }

  private final Setup setup = new Setup(CacheConfig.DEFAULT);
  private final Platform p = setup.p;
  private final PageTableFormat ss = setup.ss;
  private final long root = setup.root;

  static Translation read(Platform p, long iova) {
    return p.unit.translate(DmaRequest.withoutPasid(DEV, iova, Access.READ));
  }

  static Translated ok(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  static FaultReason fault(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Fault.class);
    return ((Fault) t).reason();
  }

  Translated read(long iova) {
    return ok(read(p, iova));
  }

  @Test
  void aSecondTranslationOfAPageHitsTheIotlbAndReadsNothing() {
    Translated first = read(A + 8);
    Translated second = read(A + 0x10);

    assertThat(first.fromCache()).isFalse();
    assertThat(first.reads().total()).isEqualTo(2 + 4);
    assertThat(second.fromCache()).isTrue();
    assertThat(second.reads().total()).as("context-cache and IOTLB hits").isZero();
    assertThat(second.hpa()).isEqualTo(HPA + 0x10);
    CacheCounters iotlb = p.unit.caches().iotlbCounters();
    assertThat(iotlb.hits()).isEqualTo(1);
    assertThat(iotlb.misses()).isEqualTo(1);
    assertThat(p.unit.caches().contextCounters().hits()).isEqualTo(1);
  }

  @Test
  void aPageStructureCacheHitLeavesOneReadForTheLeaf() {
    read(A);
    Translated b = read(B);

    assertThat(b.fromCache()).isFalse();
    assertThat(b.reads().walk()).as("the PDE-cache gives the page table").isEqualTo(1);
    assertThat(b.reads().structure()).isZero();
    assertThat(p.unit.caches().pagingStructureCounters().get(3).hits()).isEqualTo(1);
  }

  @Test
  void aLruIotlbKeepsTheRecentlyUsedPageAndAFifoOneDoesNot() {
    for (Replacement r : new Replacement[] {Replacement.LRU, Replacement.FIFO}) {
      Setup t = new Setup(CacheConfig.NONE.withIotlb(new CacheSpec(2, r)));
      t.read(A);
      t.read(B);
      t.read(A); // hit: A becomes the youngest under LRU
      t.read(C); // evicts B (LRU) or A (FIFO)

      boolean aCached = t.read(A).fromCache();
      assertThat(aCached).as("%s", r).isEqualTo(r == Replacement.LRU);
      assertThat(t.p.unit.caches().iotlbCounters().evictions()).as("%s", r).isGreaterThan(0);
    }
  }

  @Test
  void anUnmappedPageStillTranslatesUntilItsPageIsInvalidated() {
    read(A);
    p.unmap(ss, root, A, 1);

    assertThat(read(A).hpa()).as("stale IOTLB entry").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(1, B, 0, true)); // another page
    assertThat(read(A).hpa()).as("another page's invalidation does not help").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(2, A, 0, true)); // another domain
    assertThat(read(A).hpa()).as("another domain's invalidation does not help").isEqualTo(HPA);

    p.invalidate(ContextCacheInvDescriptor.global());
    assertThat(read(A).hpa()).as("a context-cache invalidation does not help").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(1, A, 0, true));
    assertThat(fault(read(p, A))).isEqualTo(FaultReason.LGN_3);
  }

  @Test
  void anAddressMaskCoversItsAlignedRange() {
    read(A);
    read(C);
    p.unmap(ss, root, A, 1);
    p.unmap(ss, root, C, 1);

    p.invalidate(IotlbInvDescriptor.page(1, A, 1, true)); // A and B, not C

    assertThat(fault(read(p, A))).isEqualTo(FaultReason.LGN_3);
    assertThat(read(C).hpa()).isEqualTo(HPA + 0x2000);
  }

  @Test
  void domainAndGlobalInvalidationRemoveStaleEntries() {
    read(A);
    read(B);
    p.unmap(ss, root, A, 1);
    p.unmap(ss, root, B, 1);

    p.invalidate(IotlbInvDescriptor.domain(2));
    assertThat(read(A).hpa()).isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.domain(1));
    assertThat(fault(read(p, A))).isEqualTo(FaultReason.LGN_3);

    p.map(ss, root, B, HPA + 0x5000, PageSize.SIZE_4K);
    assertThat(read(B).hpa()).as("B was dropped with its domain").isEqualTo(HPA + 0x5000);
    read(C);
    p.unmap(ss, root, C, 1);
    p.invalidate(IotlbInvDescriptor.global());
    assertThat(fault(read(p, C))).isEqualTo(FaultReason.LGN_3);
  }

  @Test
  void aChangedPermissionIsSeenOnlyAfterInvalidation() {
    read(A);
    p.map(ss, root, A, HPA, PageSize.SIZE_4K, Prot.READ);

    Translated stale = ok(p.unit.translate(DmaRequest.withoutPasid(DEV, A, Access.WRITE)));
    assertThat(stale.hpa()).as("the cached entry still grants write").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(1, A, 0, true));
    assertThat(fault(p.unit.translate(DmaRequest.withoutPasid(DEV, A, Access.WRITE))))
        .isEqualTo(FaultReason.LGN_2);
  }

  @Test
  void aLargePageEntryServesEveryAddressInItAndGoesWithItsRange() {
    long big = 0x4000_0000L;
    p.map(ss, root, big, 0x2_0000_0000L, PageSize.SIZE_2M);
    read(big);

    Translated inside = read(big + 0x1F_F008);
    assertThat(inside.fromCache()).isTrue();
    assertThat(inside.hpa()).isEqualTo(0x2_0000_0000L + 0x1F_F008);

    p.unmap(ss, root, big, 2);
    p.invalidate(IotlbInvDescriptor.page(1, big + 0x1000, 0, false)); // one 4K page inside
    assertThat(fault(read(p, big + 0x1F_F008))).isEqualTo(FaultReason.LGN_3);
  }

  /**
   * IH = 1 says only leaves changed: the paging-structure caches keep their entries. A table
   * replaced under the same PDE then stays invisible until an invalidation with IH = 0.
   */
  @Test
  void theInvalidationHintKeepsPagingStructureEntries() {
    read(A); // PDE-cache: the PDE of A names table T
    long pdeHpa = p.entryHpa(ss, root, A, 2);
    long newTable = p.frame();
    p.memory.write64(pdeHpa, ss.encodeTable(newTable)); // software swaps in a new table T2
    p.map(ss, root, A, HPA + 0x9000, PageSize.SIZE_4K); // mapped in T2

    p.invalidate(IotlbInvDescriptor.page(1, A, 0, true));
    assertThat(read(A).hpa()).as("walks from the cached PDE into the old table").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(1, A, 0, false));
    assertThat(read(A).hpa()).isEqualTo(HPA + 0x9000);
  }

  /**
   * Spec 5.10 Table 17: IOTLB lookups are tagged by source id, paging-structure lookups by DID;
   * invalidation goes by DID for both.
   */
  @Test
  void devicesOfOneDomainHaveTheirOwnIotlbEntriesButShareTheDomainsPagingStructureEntries() {
    p.legacyContext(DEV2, Platform.legacyEntry(root, 1));
    read(A);

    Translated other = ok(p.unit.translate(DmaRequest.withoutPasid(DEV2, A, Access.READ)));

    assertThat(other.fromCache()).as("no IOTLB hit for another requester").isFalse();
    assertThat(other.reads().walk()).as("the PDE-cache entry of domain 1 serves it").isEqualTo(1);
    p.unmap(ss, root, A, 1);
    assertThat(read(A).hpa()).isEqualTo(HPA);
    p.invalidate(IotlbInvDescriptor.page(1, A, 0, true));
    assertThat(fault(read(p, A))).isEqualTo(FaultReason.LGN_3);
    assertThat(fault(p.unit.translate(DmaRequest.withoutPasid(DEV2, A, Access.READ))))
        .as("one invalidation by DID removes both requesters' entries")
        .isEqualTo(FaultReason.LGN_3);
  }

  @Test
  void registerBasedInvalidationWorksLikeTheDescriptor() {
    Platform r = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    long t = r.legacyDevice(DEV, 1);
    r.map(ss, t, A, HPA, PageSize.SIZE_4K);
    r.setRootTable(Platform.ROOT_TABLE, 0);
    r.gcmd(
        dev.vtdlab.hw.regs.GlobalCommand.TE.mask(),
        dev.vtdlab.hw.regs.GlobalCommand.TES.mask(),
        true);
    ok(read(r, A));
    r.unmap(ss, t, A, 1);
    assertThat(ok(read(r, A)).hpa()).isEqualTo(HPA);
    int iva = r.unit.registers().table().ivaOffset();
    int iotlb = r.unit.registers().table().iotlbOffset();

    r.unit.write64(iva, A); // ADDR, AM = 0, IH = 0
    long command =
        IotlbRegisters.DID.set(IotlbRegisters.IIRG.set(IotlbRegisters.IVT.set(0, true), 3), 1);
    r.unit.write64(iotlb, command); // page-selective within domain 1

    assertThat(fault(read(r, A))).isEqualTo(FaultReason.LGN_3);
    assertThat(r.unit.caches().iotlbCounters().invalidated()).isGreaterThan(0);
  }
}
