package dev.vtdlab.hw.cache;

import static dev.vtdlab.hw.Platform.DEV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
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
 * IOTLB and paging-structure cache tags in scalable mode (spec 6.2.1 Table 17, 6.5.2.3 Table 23,
 * 6.5.2.4 Table 24; digest 9.1): which IOTLB and PASID-based IOTLB invalidations remove
 * first-stage, second-stage-only and nested entries.
 */
class ScalableTaggingTest {
  static final long A = 0x7f00_0000_0000L;
  static final long B = A + 0x1000;
  static final long UNRELATED = 0x5555_0000L;
  static final long HPA = 0x8000_0000L;
  static final int FS_DID = 3;
  static final int SS_DID = 4;
  static final int NESTED_DID = 5;
  static final int FS = 1;
  static final int FS_OTHER = 6;
  static final int SS = 2;
  static final int NESTED = 3;
  static final long GPA = 0x2_0000_0000L;

  private final Platform p = new Platform(UnitConfig.server(), CacheConfig.DEFAULT);
  private final PageTableFormat fs = p.fs(4);
  private final PageTableFormat ss = p.ss(4);
  private final long fsRoot = p.frame();
  private final long fsOtherRoot = p.frame();
  private final long ssRoot = p.frame();
  private final long nestedSsRoot = p.frame();
  private final long nestedFsRootGpa;

  ScalableTaggingTest() {
    long dir = p.scalableDevice(DEV);
    p.pasidEntry(dir, FS, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, FS_DID).withFsptptr(fsRoot));
    p.pasidEntry(
        dir, FS_OTHER, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, FS_DID).withFsptptr(fsOtherRoot));
    p.pasidEntry(dir, SS, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, SS_DID).withSsptptr(ssRoot));
    nestedFsRootGpa = p.nestedTable(ss, nestedSsRoot);
    p.pasidEntry(
        dir,
        NESTED,
        Platform.pasidEntryOf(Pgtt.NESTED, NESTED_DID)
            .withSsptptr(nestedSsRoot)
            .withFsptptr(nestedFsRootGpa));
    for (long va : new long[] {A, B}) {
      long off = va - A;
      p.map(fs, fsRoot, va, HPA + off, PageSize.SIZE_4K);
      p.map(fs, fsOtherRoot, va, HPA + 0x10_0000 + off, PageSize.SIZE_4K);
      p.map(ss, ssRoot, va & 0xFFFF_FFFFL, HPA + 0x20_0000 + off, PageSize.SIZE_4K);
      p.mapNested(fs, nestedFsRootGpa, va, GPA + off, PageSize.SIZE_4K, ss, nestedSsRoot);
      p.map(ss, nestedSsRoot, GPA + off, HPA + 0x30_0000 + off, PageSize.SIZE_4K);
    }
    p.bringUp(1);
  }

  /** SS-only PASID 2 uses the low 32 bits of A and B (second-stage inputs below 2^48). */
  static long ssAddress(long va) {
    return va & 0xFFFF_FFFFL;
  }

  private Translation translate(int pasid, long address) {
    return p.unit.translate(DmaRequest.withPasid(DEV, pasid, address, Access.READ, false));
  }

  private Translated ok(int pasid, long address) {
    Translation t = translate(pasid, address);
    assertThat(t).as("%s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  private FaultReason fault(int pasid, long address) {
    Translation t = translate(pasid, address);
    assertThat(t).as("%s", t).isInstanceOf(Fault.class);
    return ((Fault) t).reason();
  }

  private void fillAndUnmapFirstStage() {
    ok(FS, A);
    ok(FS, B);
    ok(FS_OTHER, A);
    p.unmap(fs, fsRoot, A, 1);
    p.unmap(fs, fsRoot, B, 1);
    p.unmap(fs, fsOtherRoot, A, 1);
  }

  @Test
  void firstStageEntriesOfOneDomainAreKeptApartByPasid() {
    assertThat(ok(FS, A).hpa()).isEqualTo(HPA);
    Translated other = ok(FS_OTHER, A);

    assertThat(other.fromCache()).isFalse();
    assertThat(other.hpa()).isEqualTo(HPA + 0x10_0000);
    assertThat(ok(FS_OTHER, A).fromCache()).isTrue();
  }

  @Test
  void anIotlbPageInvalidationRemovesEveryFirstStageEntryOfTheDomainWhateverItsAddress() {
    fillAndUnmapFirstStage();
    assertThat(ok(FS, A).hpa()).as("stale").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(FS_DID + 1, UNRELATED, 0, true));
    assertThat(ok(FS, A).hpa()).as("another domain").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(FS_DID, UNRELATED, 0, true));
    assertThat(fault(FS, A)).isEqualTo(FaultReason.SFS_2);
    assertThat(fault(FS, B)).isEqualTo(FaultReason.SFS_2);
    assertThat(fault(FS_OTHER, A)).isEqualTo(FaultReason.SFS_2);
  }

  @Test
  void aPasidPageInvalidationRemovesOnlyItsPagesOfItsPasid() {
    fillAndUnmapFirstStage();

    p.invalidate(PasidIotlbInvDescriptor.page(FS_DID, FS, A, 0, true));

    assertThat(fault(FS, A)).isEqualTo(FaultReason.SFS_2);
    assertThat(ok(FS, B).hpa()).as("another page").isEqualTo(HPA + 0x1000);
    assertThat(ok(FS_OTHER, A).hpa()).as("another PASID").isEqualTo(HPA + 0x10_0000);
  }

  @Test
  void aPasidSelectiveInvalidationRemovesEveryPageOfThePasidOnly() {
    fillAndUnmapFirstStage();

    p.invalidate(PasidIotlbInvDescriptor.pasid(FS_DID, FS));

    assertThat(fault(FS, A)).isEqualTo(FaultReason.SFS_2);
    assertThat(fault(FS, B)).isEqualTo(FaultReason.SFS_2);
    assertThat(ok(FS_OTHER, A).hpa()).isEqualTo(HPA + 0x10_0000);
  }

  @Test
  void secondStageOnlyEntriesIgnorePasidPageInvalidationsAndGoWithTheirAddress() {
    long a = ssAddress(A);
    ok(SS, a);
    p.unmap(ss, ssRoot, a, 1);

    p.invalidate(PasidIotlbInvDescriptor.page(SS_DID, SS, a, 0, false));
    assertThat(ok(SS, a).hpa())
        .as("type 6 page-selective never removes SS-only entries")
        .isEqualTo(HPA + 0x20_0000);

    p.invalidate(IotlbInvDescriptor.page(SS_DID, ssAddress(B), 0, false));
    assertThat(ok(SS, a).hpa()).as("another address").isEqualTo(HPA + 0x20_0000);

    p.invalidate(IotlbInvDescriptor.page(SS_DID, a, 0, true));
    assertThat(fault(SS, a)).isEqualTo(FaultReason.SSS_2);
  }

  @Test
  void secondStageOnlyEntriesGoWithAPasidSelectiveInvalidation() {
    long a = ssAddress(A);
    ok(SS, a);
    p.unmap(ss, ssRoot, a, 1);

    p.invalidate(PasidIotlbInvDescriptor.pasid(SS_DID, SS + 1));
    assertThat(ok(SS, a).fromCache()).as("another PASID").isTrue();

    p.invalidate(PasidIotlbInvDescriptor.pasid(SS_DID, SS));
    assertThat(fault(SS, a)).isEqualTo(FaultReason.SSS_2);
  }

  @Test
  void nestedEntriesGoWithAnyPageInvalidationOfTheirDomain() {
    assertThat(ok(NESTED, A).hpa()).isEqualTo(HPA + 0x30_0000);
    p.unmap(ss, nestedSsRoot, GPA, 1); // the host unmaps the final GPA

    assertThat(ok(NESTED, A).fromCache()).as("stale").isTrue();

    p.invalidate(IotlbInvDescriptor.page(NESTED_DID, GPA + 0x40_0000, 0, true));
    assertThat(fault(NESTED, A)).isEqualTo(FaultReason.SSS_2);
  }

  @Test
  void nestedEntriesGoWithAPasidPageInvalidationOfTheirAddress() {
    long leafHpa = firstStageLeafHpa(ok(NESTED, A));
    ok(NESTED, B);
    long leaf = p.memory.read64(leafHpa);
    p.memory.write64(leafHpa, 0); // the guest unmaps A

    p.invalidate(PasidIotlbInvDescriptor.page(NESTED_DID, NESTED, A, 0, true));

    assertThat(fault(NESTED, A)).isEqualTo(FaultReason.SFS_2);
    assertThat(ok(NESTED, B).fromCache()).isTrue();
    assertThat(leaf).isNotZero();
  }

  /** The HPA of the first-stage leaf a walked translation read. */
  private static long firstStageLeafHpa(Translated t) {
    return t.entries().stream()
        .filter(e -> e.kind() == dev.vtdlab.hw.translate.EntryKind.FIRST_STAGE && e.level() == 1)
        .findFirst()
        .orElseThrow()
        .hpa();
  }

  @Test
  void pagingStructureEntriesCutTheReadsOfANestedTranslation() {
    Translated first = ok(NESTED, A);
    Translated second = ok(NESTED, B);

    // 24 reads without caches; here the second-stage entries of the first table GPA's walk serve
    // the other table pages (all in one 2 MiB GPA range) and the PML4E the final GPA: 4 + 1, then
    // 1 + 1 per lower first-stage level, then 3 for the final GPA.
    assertThat(first.reads().walk()).isEqualTo(14);
    assertThat(second.fromCache()).isFalse();
    // Cached first-stage PDE (a table GPA): the PTE's table page through a cached second-stage
    // PDE (1 read), the PTE (1), the final GPA through a cached second-stage PDE (1).
    assertThat(second.reads().walk()).isEqualTo(3);
    assertThat(second.reads().structure()).isZero();
    assertThat(second.hpa()).isEqualTo(HPA + 0x30_1000);
  }

  /** IH = 1 in a PASID-based page invalidation keeps first-stage paging-structure entries. */
  @Test
  void theInvalidationHintKeepsFirstStagePagingStructureEntriesOnlyForPasidInvalidations() {
    ok(FS, A);
    long pdeHpa = p.entryHpa(fs, fsRoot, A, 2);
    long newTable = p.frame();
    p.memory.write64(pdeHpa, fs.encodeTable(newTable));
    p.map(fs, fsRoot, A, HPA + 0x9000, PageSize.SIZE_4K);

    p.invalidate(PasidIotlbInvDescriptor.page(FS_DID, FS, A, 0, true));
    assertThat(ok(FS, A).hpa()).as("the cached PDE names the old table").isEqualTo(HPA);

    p.invalidate(IotlbInvDescriptor.page(FS_DID, A, 0, true));
    assertThat(ok(FS, A).hpa())
        .as("a type-2 page invalidation removes first-stage entries whatever IH says")
        .isEqualTo(HPA + 0x9000);
  }
}
