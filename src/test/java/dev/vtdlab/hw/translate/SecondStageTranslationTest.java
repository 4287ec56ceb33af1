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
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.SecondStageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PGTT 010b second stage only and PGTT 100b pass-through (digest 6, 7.3; D9, D12, D15, D16). */
class SecondStageTranslationTest {
  private static final int PASID = 9;
  private static final long IOVA = 0x55_1234_5000L;
  private static final long HPA = 0x3_0000_0000L;

  private final Machine m = Machine.server();
  private long table;
  private long pe;
  private PageTableFormat ss;

  private void setUp(int aw, PasidEntry extra, int prot) {
    ss = m.ss(aw + 2);
    long dir = m.scalableDevice(DEV);
    table = m.frame();
    pe =
        m.pasidEntry(
            dir,
            PASID,
            extra
                .withPresent(true)
                .withPgtt(Pgtt.SECOND_STAGE)
                .withDid(12)
                .withSre(true)
                .withEre(true)
                .withAw(aw)
                .withSsptptr(table));
    m.map(ss, table, IOVA, HPA, PageSize.SIZE_4K, prot);
  }

  private Translation request(long iova, Access access) {
    return m.scalableTranslator().translate(DmaRequest.withPasid(DEV, PASID, iova, access, false));
  }

  @ParameterizedTest(name = "AW {0}: {1} walk reads")
  @CsvSource({"1, 3", "2, 4", "3, 5"})
  void eachAgawWalksItsLevels(int aw, int walkReads) {
    setUp(aw, PasidEntry.ZERO, Prot.READ_WRITE);
    long iova = IOVA & ((1L << (30 + 9 * aw)) - 1);
    if (iova != IOVA) {
      m.map(ss, table, iova, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    }
    Translated t = ok(request(iova | 0x77, Access.WRITE));
    assertThat(t.hpa()).isEqualTo(HPA | 0x77);
    assertThat(t.perm()).isEqualTo("rwx");
    reads(t, 4, walkReads);
  }

  @Test
  void anInputBeyondTheAgawWidthFaultsSgn5WithoutWalking() {
    // docs/spec-deviations.md row 2: spec 5.10 Table 30 SGN.5 for PGTT 010b (D16 had SGN.4)
    setUp(1, PasidEntry.ZERO, Prot.READ);
    Fault f = fault(request(1L << 39, Access.READ), FaultReason.SGN_5);
    reads(f, 4, 0);
    assertThat(f.code()).isEqualTo(0x84);
    assertThat(f.level()).isEmpty();
  }

  @Test
  void anInputBeyondMgawFaultsSgn5() {
    // docs/spec-deviations.md row 2: X = min(MGAW, AW width)
    Machine narrow =
        new Machine(Machine.withCap(Machine.server().unit, dev.vtdlab.hw.cap.Cap.MGAW, 47));
    long dir = narrow.scalableDevice(DEV);
    narrow.pasidEntry(
        dir,
        PASID,
        Machine.pasidEntryOf(Pgtt.SECOND_STAGE, 1).withAw(3).withSsptptr(narrow.frame()));
    Translation t =
        narrow
            .scalableTranslator()
            .translate(DmaRequest.withPasid(DEV, PASID, 1L << 48, Access.READ, false));
    fault(t, FaultReason.SGN_5);
  }

  @Test
  void theFaultRecordKeepsOnlyAddressBitsBelowTheLargestSagawWidth() {
    // docs/spec-deviations.md row 12: spec 5.10 11.4.7.6, FI bits 63:N are 0; server N = 57
    setUp(1, PasidEntry.ZERO, Prot.READ);
    Fault f = fault(request(0x1200_0000_0000_3456L, Access.READ), FaultReason.SGN_5);
    assertThat(f.record().fi()).isEqualTo(0x3000L);
  }

  @Test
  void anUnreadableTopEntryFaultsSss4AndALowerOneSss1() {
    setUp(2, PasidEntry.ZERO, Prot.READ);
    m.set64(pe, PasidEntry.SSPTPTR.set(m.get64(pe), 0x8000_0000L >>> 12));
    m.memory.setReadLimit(0x8000_0000L);
    Fault f = fault(request(IOVA, Access.READ), FaultReason.SSS_4);
    assertThat(f.level()).hasValue(4);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    m.set64(pe, PasidEntry.SSPTPTR.set(m.get64(pe), table >>> 12));
    m.set64(m.entryHpa(ss, table, IOVA, 3), ss.encodeTable(0x9000_0000L));
    f = fault(request(IOVA, Access.READ), FaultReason.SSS_1);
    assertThat(f.level()).hasValue(2);
    reads(f, 4, 3);
  }

  @Test
  void aNotPresentEntryFaultsSss2ForReadsAndWrites() {
    setUp(2, PasidEntry.ZERO, Prot.READ_WRITE);
    m.andNot64(
        m.entryHpa(ss, table, IOVA, 2), SecondStageFormat.R.mask() | SecondStageFormat.W.mask());
    assertThat(fault(request(IOVA, Access.READ), FaultReason.SSS_2).level()).hasValue(2);
    assertThat(fault(request(IOVA, Access.WRITE), FaultReason.SSS_2).level()).hasValue(2);
  }

  @Test
  void aReservedBitFaultsSss3() {
    setUp(2, PasidEntry.ZERO, Prot.READ_WRITE);
    m.or64(m.entryHpa(ss, table, IOVA, 4), SecondStageFormat.PS.mask());
    assertThat(fault(request(IOVA, Access.READ), FaultReason.SSS_3).level()).hasValue(4);
  }

  @Test
  void rightsFaultSgn6ForWritesAndSgn7ForReads() {
    setUp(2, PasidEntry.ZERO, Prot.READ);
    Fault f = fault(request(IOVA, Access.WRITE), FaultReason.SGN_6);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
    assertThat(ok(request(IOVA, Access.READ)).perm()).isEqualTo("r-x");
    m.set64(m.entryHpa(ss, table, IOVA, 1), ss.encodeLeaf(HPA, PageSize.SIZE_4K, Prot.WRITE));
    fault(request(IOVA, Access.READ), FaultReason.SGN_7);
    fault(request(IOVA, Access.EXECUTE), FaultReason.SGN_3);
  }

  @Test
  void aWalkGrantingNeitherReadNorWriteFaultsSss2BeforeTheAccessRights() {
    // docs/spec-deviations.md row 9: spec 5.10 Table 30 SSS.2 on the ANDed R and W (D12 had
    // SGN.6/SGN.7 by access type). A PDE with R only over a PTE with W only: every entry present.
    setUp(2, PasidEntry.ZERO, Prot.READ_WRITE);
    m.andNot64(m.entryHpa(ss, table, IOVA, 2), SecondStageFormat.W.mask());
    m.andNot64(m.entryHpa(ss, table, IOVA, 1), SecondStageFormat.R.mask());
    for (Access a : Access.values()) {
      Fault f = fault(request(IOVA, a), FaultReason.SSS_2);
      assertThat(f.level()).as(a.label()).isEmpty();
      assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
      reads(f, 4, 4);
    }
  }

  @Test
  void anExecuteOnlyPathWithSseeFaultsSss2() {
    // docs/spec-deviations.md row 9 and the D10 note: present through X alone, but R = W = 0
    setUp(2, PasidEntry.ZERO.withSsee(true), Prot.READ);
    for (int level = 4; level >= 1; level--) {
      m.or64(m.entryHpa(ss, table, IOVA, level), SecondStageFormat.X.mask());
    }
    m.andNot64(m.entryHpa(ss, table, IOVA, 1), SecondStageFormat.R.mask());
    Fault f = fault(request(IOVA, Access.EXECUTE), FaultReason.SSS_2);
    assertThat(f.level()).isEmpty();
    reads(f, 4, 4);
  }

  @Test
  void withSseeExecuteNeedsTheXBitInEveryEntry() {
    setUp(2, PasidEntry.ZERO.withSsee(true), Prot.READ);
    fault(request(IOVA, Access.EXECUTE), FaultReason.SGN_3);
    assertThat(ok(request(IOVA, Access.READ)).perm()).isEqualTo("r--");
    m.or64(m.entryHpa(ss, table, IOVA, 1), SecondStageFormat.X.mask());
    fault(request(IOVA, Access.EXECUTE), FaultReason.SGN_3);
    for (int level = 4; level >= 2; level--) {
      m.or64(m.entryHpa(ss, table, IOVA, level), SecondStageFormat.X.mask());
    }
    assertThat(ok(request(IOVA, Access.EXECUTE)).perm()).isEqualTo("r-x");
  }

  @Test
  void anOutputInTheInterruptRangeFaultsSgn8() {
    setUp(2, PasidEntry.ZERO, Prot.READ);
    m.map(ss, table, 0x1000, 0xFEE0_0000L, PageSize.SIZE_4K, Prot.READ);
    fault(request(0x1000, Access.READ), FaultReason.SGN_8);
  }

  // ---- pass-through ----

  private void passThrough(boolean ere) {
    long dir = m.scalableDevice(DEV);
    m.pasidEntry(
        dir,
        PASID,
        PasidEntry.ZERO
            .withPresent(true)
            .withPgtt(Pgtt.PASS_THROUGH)
            .withDid(2)
            .withSre(true)
            .withEre(ere));
    m.pasidEntry(dir, 0, PasidEntry.ZERO.withPresent(true).withPgtt(Pgtt.PASS_THROUGH).withDid(2));
  }

  @Test
  void passThroughGivesTheInputAs4KiBAndExecuteOnlyWithPasidAndEre() {
    passThrough(true);
    Translated t = ok(request(0x1234_5678L, Access.EXECUTE));
    assertThat(t.hpa()).isEqualTo(0x1234_5678L);
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.perm()).isEqualTo("rwx");
    assertThat(t.mode()).isEqualTo(TranslationMode.PASS_THROUGH);
    reads(t, 4, 0);
    Translated noPasid =
        ok(m.scalableTranslator().translate(DmaRequest.withoutPasid(DEV, 0x5000, Access.WRITE)));
    assertThat(noPasid.perm()).isEqualTo("rw-");
    assertThat(noPasid.pasid()).hasValue(0);
  }

  @Test
  void passThroughBeyondHawFaultsSgn4AndIntoTheInterruptRangeSgn8() {
    passThrough(false);
    Fault f = fault(request(1L << 52, Access.READ), FaultReason.SGN_4);
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
    fault(request(0xFEE0_0000L, Access.WRITE), FaultReason.SGN_8);
    assertThat(ok(request(0x1000, Access.READ)).perm()).isEqualTo("rw-");
  }
}
