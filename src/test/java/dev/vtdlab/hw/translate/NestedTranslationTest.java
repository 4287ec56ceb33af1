package dev.vtdlab.hw.translate;

import static dev.vtdlab.hw.translate.Machine.DEV;
import static dev.vtdlab.hw.translate.Results.fault;
import static dev.vtdlab.hw.translate.Results.ok;
import static dev.vtdlab.hw.translate.Results.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.pagetable.FirstStageFormat;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.SecondStageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PGTT 011b nested translation (digest 7.4, 12.7; D12, D13). */
class NestedTranslationTest {
  private static final int PASID = 0x42;
  private static final long GVA = 0x7f12_3456_7000L;
  private static final long GPA = 0x10_0000_0000L;
  private static final long HPA = 0x6_0000_0000L;

  private final Machine m = Machine.server();
  private PageTableFormat fs;
  private PageTableFormat ss;
  private long ssRoot;
  private long fsRootGpa;
  private long pe;

  private void setUp(int fsLevels, int ssLevels) {
    fs = m.fs(fsLevels);
    ss = m.ss(ssLevels);
    long dir = m.scalableDevice(DEV);
    ssRoot = m.frame();
    fsRootGpa = m.nestedTable(ss, ssRoot);
    pe =
        m.pasidEntry(
            dir,
            PASID,
            Machine.pasidEntryOf(Pgtt.NESTED, 3)
                .withAw(ssLevels - 2)
                .withFspm(fsLevels - 4)
                .withFsptptr(fsRootGpa)
                .withSsptptr(ssRoot));
  }

  private void mapped(int fsLevels, int ssLevels, int fsProt, int ssProt) {
    setUp(fsLevels, ssLevels);
    m.mapNested(fs, fsRootGpa, GVA, GPA, PageSize.SIZE_4K, fsProt, ss, ssRoot);
    m.map(ss, ssRoot, GPA, HPA, PageSize.SIZE_4K, ssProt);
  }

  private Translation request(long gva, Access access) {
    return m.scalableTranslator().translate(DmaRequest.withPasid(DEV, PASID, gva, access, false));
  }

  /** The HPA of the second-stage leaf that maps the nested table page at {@code gpa}. */
  private long ssLeafOf(long gpa) {
    return m.entryHpa(ss, ssRoot, gpa, 1);
  }

  private long fsEntryGpa(int level) {
    return m.gpaOfHpa(m.nestedEntryHpa(fs, fsRootGpa, GVA, level, ss, ssRoot));
  }

  @ParameterizedTest(name = "{0}-level first stage over {1}-level second stage: {2} walk reads")
  @CsvSource({"4, 4, 24", "5, 5, 35", "4, 5, 29", "5, 4, 29", "4, 3, 19"})
  void aFullWalkReadsNPlusOneTimesMPlusOneMinusOneEntries(int n, int mLevels, int walkReads) {
    mapped(n, mLevels, Prot.READ_WRITE, Prot.READ_WRITE);
    Translated t = ok(request(GVA | 0x123, Access.WRITE));
    assertThat(t.hpa()).isEqualTo(HPA | 0x123);
    assertThat(t.mode()).isEqualTo(TranslationMode.NESTED);
    assertThat(t.perm()).isEqualTo("rwx");
    assertThat(t.did()).isEqualTo(3);
    reads(t, 4, walkReads);
    assertThat(walkReads).isEqualTo((n + 1) * (mLevels + 1) - 1);
  }

  @Test
  void thePageSizeIsTheSmallerOfTheTwoLeaves() {
    setUp(4, 4);
    m.mapNested(fs, fsRootGpa, 0x4000_0000L, GPA, PageSize.SIZE_1G, Prot.READ, ss, ssRoot);
    m.map(ss, ssRoot, GPA, HPA, PageSize.SIZE_2M, Prot.READ);
    Translated t = ok(request(0x4012_3456L, Access.READ));
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(t.hpa()).isEqualTo(HPA + 0x12_3456L);
    m.mapNested(
        fs, fsRootGpa, 0x8000_0000L, GPA + 0x4000_0000L, PageSize.SIZE_2M, Prot.READ, ss, ssRoot);
    m.map(ss, ssRoot, GPA + 0x4000_0000L, HPA, PageSize.SIZE_4K, Prot.READ);
    t = ok(request(0x8000_0123L, Access.READ));
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.hpa()).isEqualTo(HPA | 0x123);
  }

  @Test
  void permIsTheAndOfBothStages() {
    mapped(4, 4, Prot.READ_WRITE, Prot.READ);
    assertThat(ok(request(GVA, Access.READ)).perm()).isEqualTo("r-x");
    fault(request(GVA, Access.WRITE), FaultReason.SGN_6);
  }

  @Test
  void anFsptptrBeyondTheSecondStageWidthFaultsSpt4WithThePasidEntryChecks() {
    // docs/spec-deviations.md row 7: spec 5.10 Table 30 SPT.4.4 (D13 had SFS.5 at level 4)
    mapped(4, 3, Prot.READ, Prot.READ);
    m.set64(pe + 16, PasidEntry.FSPTPTR.set(m.get64(pe + 16), (1L << 40) >>> 12));
    Fault f = fault(request(GVA, Access.READ), FaultReason.SPT_4);
    assertThat(f.level()).isEmpty();
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
    reads(f, 4, 0);
  }

  @Test
  void aTablePointerBeyondTheSecondStageWidthFaultsSfs5AtTheNextLevel() {
    mapped(4, 3, Prot.READ, Prot.READ);
    long pml4e = m.nestedEntryHpa(fs, fsRootGpa, GVA, 4, ss, ssRoot);
    m.set64(pml4e, fs.encodeTable(1L << 39));
    Fault f = fault(request(GVA, Access.READ), FaultReason.SFS_5);
    assertThat(f.level()).hasValue(3);
    reads(f, 4, 4);
  }

  @Test
  void theSecondStageDenyingReadOfTheRootTableFaultsSfs6AndOfALowerTableSfs7() {
    // SFS.6/SFS.7: the table page is mapped write-only (read denied, write granted)
    mapped(4, 4, Prot.READ, Prot.READ);
    long rootLeaf = ssLeafOf(fsRootGpa);
    long saved = m.get64(rootLeaf);
    m.andNot64(rootLeaf, SecondStageFormat.R.mask());
    Fault f = fault(request(GVA, Access.READ), FaultReason.SFS_6);
    assertThat(f.level()).hasValue(4);
    assertThat(f.stage()).isEqualTo(FaultStage.FIRST);
    reads(f, 4, 4);
    m.set64(rootLeaf, saved);
    m.andNot64(ssLeafOf(fsEntryGpa(2)), SecondStageFormat.R.mask());
    f = fault(request(GVA, Access.READ), FaultReason.SFS_7);
    assertThat(f.level()).hasValue(2);
    reads(f, 4, 5 + 5 + 4);
  }

  @Test
  void aNotPresentSecondStageEntryOnATablePathFaultsSss2AtItsSecondStageLevel() {
    // docs/spec-deviations.md row 8: spec 5.10 SFS.1 note and SSS.2 (D13 had SFS.6/SFS.7)
    mapped(4, 4, Prot.READ, Prot.READ);
    long rootLeaf = ssLeafOf(fsRootGpa);
    long saved = m.get64(rootLeaf);
    m.set64(rootLeaf, 0);
    Fault f = fault(request(GVA, Access.READ), FaultReason.SSS_2);
    assertThat(f.level()).hasValue(1);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    reads(f, 4, 4);
    m.set64(rootLeaf, saved);
    m.andNot64(ssLeafOf(fsEntryGpa(2)), SecondStageFormat.R.mask() | SecondStageFormat.W.mask());
    f = fault(request(GVA, Access.WRITE), FaultReason.SSS_2);
    assertThat(f.level()).hasValue(1);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    reads(f, 4, 5 + 5 + 4);
  }

  @Test
  void aTablePathGrantingNeitherReadNorWriteFaultsSss2WithoutLevel() {
    // docs/spec-deviations.md row 9: the ANDed R and W of the table walk are both 0, although
    // every entry is present (the PDE has R only, the PTE W only)
    mapped(4, 4, Prot.READ, Prot.READ);
    long tableGpa = fsEntryGpa(3);
    m.andNot64(m.entryHpa(ss, ssRoot, tableGpa, 2), SecondStageFormat.W.mask());
    m.andNot64(m.entryHpa(ss, ssRoot, tableGpa, 1), SecondStageFormat.R.mask());
    Fault f = fault(request(GVA, Access.READ), FaultReason.SSS_2);
    assertThat(f.level()).isEmpty();
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    reads(f, 4, 5 + 4);
  }

  @Test
  void aReservedBitInTheSecondStageWalkOfATableFaultsSss3AtTheSecondStageLevel() {
    mapped(4, 4, Prot.READ, Prot.READ);
    m.or64(m.entryHpa(ss, ssRoot, fsEntryGpa(3), 2), 1L << 62);
    Fault f = fault(request(GVA, Access.READ), FaultReason.SSS_3);
    assertThat(f.level()).hasValue(2);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
  }

  @Test
  void readErrorsInTheSecondStageWalkOfATableFaultSss4AtTheTopAndSss1Below() {
    mapped(4, 4, Prot.READ, Prot.READ);
    m.set64(pe, PasidEntry.SSPTPTR.set(m.get64(pe), 0x8000_0000L >>> 12));
    m.memory.setReadLimit(0x8000_0000L);
    Fault f = fault(request(GVA, Access.READ), FaultReason.SSS_4);
    assertThat(f.level()).hasValue(4);
    reads(f, 4, 1);
    m.set64(pe, PasidEntry.SSPTPTR.set(m.get64(pe), ssRoot >>> 12));
    m.set64(m.entryHpa(ss, ssRoot, fsEntryGpa(1), 3), ss.encodeTable(0x9000_0000L));
    f = fault(request(GVA, Access.READ), FaultReason.SSS_1);
    assertThat(f.level()).hasValue(2);
  }

  @Test
  void anUnreadableFirstStageEntryFaultsSfs4AtTheRootAndSfs1Below() {
    mapped(4, 4, Prot.READ, Prot.READ);
    m.memory.setReadLimit(0x8000_0000L);
    long rootLeaf = ssLeafOf(fsRootGpa);
    long saved = m.get64(rootLeaf);
    m.set64(rootLeaf, ss.encodeLeaf(0x8000_0000L, PageSize.SIZE_4K, Prot.READ));
    Fault f = fault(request(GVA, Access.READ), FaultReason.SFS_4);
    assertThat(f.level()).hasValue(4);
    reads(f, 4, 5);
    m.set64(rootLeaf, saved);
    m.set64(ssLeafOf(fsEntryGpa(3)), ss.encodeLeaf(0x8000_0000L, PageSize.SIZE_4K, Prot.READ));
    assertThat(fault(request(GVA, Access.READ), FaultReason.SFS_1).level()).hasValue(3);
  }

  @Test
  void firstStageEntryFaultsKeepTheirCodes() {
    mapped(4, 4, Prot.READ, Prot.READ);
    long pde = m.nestedEntryHpa(fs, fsRootGpa, GVA, 2, ss, ssRoot);
    m.andNot64(pde, FirstStageFormat.P.mask());
    Fault f = fault(request(GVA, Access.READ), FaultReason.SFS_2);
    assertThat(f.level()).hasValue(2);
    reads(f, 4, 15);
    m.or64(pde, FirstStageFormat.P.mask());
    m.or64(m.nestedEntryHpa(fs, fsRootGpa, GVA, 4, ss, ssRoot), FirstStageFormat.PS.mask());
    fault(request(GVA, Access.READ), FaultReason.SFS_3);
  }

  @Test
  void theFinalGpaFaultsSss2WhenNotPresentAndSgn7WithoutRead() {
    mapped(4, 4, Prot.READ_WRITE, Prot.WRITE);
    Fault f = fault(request(GVA, Access.READ), FaultReason.SGN_7);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    reads(f, 4, 24);
    m.set64(m.entryHpa(ss, ssRoot, GPA, 1), 0);
    f = fault(request(GVA, Access.READ), FaultReason.SSS_2);
    assertThat(f.level()).hasValue(1);
    reads(f, 4, 24);
  }

  @Test
  void aFinalGpaWalkGrantingNeitherReadNorWriteFaultsSss2BeforeSgn6AndSgn7() {
    // docs/spec-deviations.md row 9: spec 5.10 Table 30 SSS.2 on the ANDed R and W
    mapped(4, 4, Prot.READ_WRITE, Prot.READ_WRITE);
    m.andNot64(m.entryHpa(ss, ssRoot, GPA, 2), SecondStageFormat.W.mask());
    m.andNot64(m.entryHpa(ss, ssRoot, GPA, 1), SecondStageFormat.R.mask());
    for (Access a : new Access[] {Access.READ, Access.WRITE}) {
      Fault f = fault(request(GVA, a), FaultReason.SSS_2);
      assertThat(f.level()).isEmpty();
      assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
      reads(f, 4, 24);
    }
  }

  @Test
  void firstStageRightsAreCheckedBeforeTheFinalSecondStageWalk() {
    mapped(4, 4, Prot.READ, Prot.READ_WRITE);
    m.set64(m.entryHpa(ss, ssRoot, GPA, 1), 0);
    Fault f = fault(request(GVA, Access.WRITE), FaultReason.SGN_6);
    assertThat(f.stage()).isEqualTo(FaultStage.FIRST);
    reads(f, 4, 20);
  }

  @Test
  void aFinalGpaBeyondTheSecondStageWidthFaultsSfs5WithoutLevel() {
    setUp(4, 3);
    m.mapNested(fs, fsRootGpa, GVA, 1L << 39, PageSize.SIZE_4K, Prot.READ, ss, ssRoot);
    Fault f = fault(request(GVA, Access.READ), FaultReason.SFS_5);
    assertThat(f.level()).isEmpty();
    reads(f, 4, 16);
  }
}
