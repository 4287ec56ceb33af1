package dev.vtdlab.hw.translate;

import static dev.vtdlab.hw.translate.Machine.DEV;
import static dev.vtdlab.hw.translate.Results.fault;
import static dev.vtdlab.hw.translate.Results.ok;
import static dev.vtdlab.hw.translate.Results.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import org.junit.jupiter.api.Test;

/** Legacy mode (digest 7.2; D9, D12, D14, D15, D16, D17, D22). */
class LegacyTranslationTest {
  private static final long IOVA = 0x1234_5678L;
  private static final long HPA = 0x8_4000_0000L;

  private final Machine m = Machine.legacy();
  private final PageTableFormat ss4 = m.ss(4);
  private long table;

  private void fourLevel(int prot) {
    table = m.legacySecondStage(DEV, 2, 0x2a);
    m.map(ss4, table, IOVA & ~0xFFFL, HPA, PageSize.SIZE_4K, prot);
  }

  private Translation read(long iova) {
    return m.legacyTranslator().translate(DmaRequest.withoutPasid(DEV, iova, Access.READ));
  }

  private Translation write(long iova) {
    return m.legacyTranslator().translate(DmaRequest.withoutPasid(DEV, iova, Access.WRITE));
  }

  @Test
  void aFourLevelWalkGivesTheLeafAddressWithTheOffsetAndReadsTwoStructuresAndFourEntries() {
    fourLevel(Prot.READ_WRITE);
    Translated t = ok(write(IOVA));
    assertThat(t.hpa()).isEqualTo(HPA | 0x678);
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.perm()).isEqualTo("rw-");
    assertThat(t.did()).isEqualTo(0x2a);
    assertThat(t.mode()).isEqualTo(TranslationMode.LEGACY);
    assertThat(t.pasid()).isEmpty();
    reads(t, 2, 4);
    assertThat(t.entries()).hasSize(6);
    assertThat(t.entries().get(0).kind()).isEqualTo(EntryKind.ROOT);
    assertThat(t.entries().get(2).kind()).isEqualTo(EntryKind.SECOND_STAGE);
    assertThat(t.entries().get(2).level()).isEqualTo(4);
  }

  @Test
  void aThreeLevelTableWithA2MiBLeafReadsTwoEntries() {
    table = m.legacySecondStage(DEV, 1, 7);
    m.map(m.ss(3), table, 0x4000_0000L, 0x20_0000L, PageSize.SIZE_2M, Prot.READ);
    Translated t = ok(read(0x4001_2345L));
    assertThat(t.hpa()).isEqualTo(0x21_2345L);
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(t.perm()).isEqualTo("r--");
    reads(t, 2, 2);
  }

  @Test
  void passThroughGivesTheInputAs4KiBReadWrite() {
    m.legacyContext(
        DEV,
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.PASS_THROUGH)
            .withAw(2)
            .withDid(3));
    Translated t = ok(write(0x1_2345_6789L));
    assertThat(t.hpa()).isEqualTo(0x1_2345_6789L);
    assertThat(t.pageSize()).isEqualTo(PageSize.SIZE_4K);
    assertThat(t.perm()).isEqualTo("rw-");
    assertThat(t.mode()).isEqualTo(TranslationMode.LEGACY_PASS_THROUGH);
    reads(t, 2, 0);
  }

  @Test
  void passThroughBeyondHawFaultsLgn1() {
    m.legacyContext(
        DEV,
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.PASS_THROUGH)
            .withAw(2));
    Fault f = fault(read(1L << 46), FaultReason.LGN_1);
    assertThat(f.level()).isEmpty();
  }

  @Test
  void passThroughWithAwNotTheLargestFaultsLct4() {
    m.legacyContext(
        DEV,
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.PASS_THROUGH)
            .withAw(1));
    fault(read(0x1000), FaultReason.LCT_4);
  }

  @Test
  void anUnreadableRootEntryFaultsLrt1AfterOneRead() {
    m.memory.setReadLimit(m.rootTable);
    Fault f = fault(read(IOVA), FaultReason.LRT_1);
    reads(f, 1, 0);
    assertThat(f.recorded()).isTrue();
    assertThat(f.entries().get(0).readable()).isFalse();
  }

  @Test
  void aRootEntryWithoutPFaultsLrt2() {
    Fault f = fault(read(IOVA), FaultReason.LRT_2);
    reads(f, 1, 0);
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
    assertThat(f.explanation())
        .contains("P (bit 0) = 0")
        .contains(Explain.hex(m.legacyRootEntryHpa(DEV)));
  }

  @Test
  void aReservedBitInTheRootEntryFaultsLrt3() {
    fourLevel(Prot.READ);
    m.or64(m.legacyRootEntryHpa(DEV), 1L << 5);
    Fault f = fault(read(IOVA), FaultReason.LRT_3);
    assertThat(f.explanation()).contains("bit 5");
  }

  @Test
  void anUnreadableContextEntryFaultsLct1AndIsRecordedDespiteFpd() {
    fourLevel(Prot.READ);
    long ctp = RootEntry.read(m.memory, m.legacyRootEntryHpa(DEV)).ctp();
    m.memory.setReadLimit(ctp);
    Fault f = fault(read(IOVA), FaultReason.LCT_1);
    reads(f, 2, 0);
    assertThat(f.recorded()).isTrue();
  }

  @Test
  void aNotPresentContextEntryFaultsLct2AndFpdSuppressesItsRecording() {
    long hpa = m.legacyContext(DEV, ContextEntry.ZERO);
    Fault f = fault(read(IOVA), FaultReason.LCT_2);
    assertThat(f.recorded()).isTrue();
    m.legacyContext(DEV, ContextEntry.ZERO.withFpd(true));
    f = fault(read(IOVA), FaultReason.LCT_2);
    assertThat(f.fpdSet()).isTrue();
    assertThat(f.recorded()).isFalse();
    assertThat(hpa).isPositive();
  }

  @Test
  void aReservedBitInTheContextEntryFaultsLct3SuppressedByFpd() {
    // LCT.3 is a qualified fault in spec 5.10 Table 30 (docs/spec-deviations.md)
    fourLevel(Prot.READ);
    long ctx =
        ContextEntry.address(
            RootEntry.read(m.memory, m.legacyRootEntryHpa(DEV)).ctp(), DEV.devfn());
    m.or64(ctx, 1L << 4 | 1L << 1);
    Fault f = fault(read(IOVA), FaultReason.LCT_3);
    assertThat(f.fpdSet()).isTrue();
    assertThat(f.recorded()).isFalse();
  }

  @Test
  void invalidContextProgrammingFaultsLct4() {
    m.legacyContext(
        DEV,
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.RESERVED)
            .withAw(2));
    fault(read(IOVA), FaultReason.LCT_4);
    m.legacyContext(DEV, ContextEntry.ZERO.withPresent(true).withAw(3).withSsptptr(m.frame()));
    Fault f = fault(read(IOVA), FaultReason.LCT_4);
    assertThat(f.explanation()).contains("SAGAW");
  }

  @Test
  void anUnreadableTopSecondStageEntryFaultsLct4() {
    long high = 0x8000_0000L;
    m.legacyContext(DEV, ContextEntry.ZERO.withPresent(true).withSsptptr(high).withAw(2));
    m.memory.setReadLimit(high);
    Fault f = fault(read(IOVA), FaultReason.LCT_4);
    reads(f, 2, 1);
    assertThat(f.level()).hasValue(4);
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
  }

  @Test
  void anUnreadableLowerSecondStageEntryFaultsLsl1() {
    fourLevel(Prot.READ);
    long pte = m.entryHpa(ss4, table, IOVA, 1);
    m.memory.setReadLimit(pte & ~0xFFFL);
    Fault f = fault(read(IOVA), FaultReason.LSL_1);
    reads(f, 2, 4);
    assertThat(f.level()).hasValue(1);
  }

  @Test
  void anInputBeyondTheAgawWidthFaultsLgn1WithoutWalking() {
    table = m.legacySecondStage(DEV, 1, 1);
    Fault f = fault(read(1L << 39), FaultReason.LGN_1);
    reads(f, 2, 0);
  }

  @Test
  void anInputBeyondMgawFaultsLgn1() {
    Machine narrow = new Machine(Machine.withCap(m.unit, dev.vtdlab.hw.cap.Cap.MGAW, 39));
    narrow.legacySecondStage(DEV, 2, 1);
    Translation t =
        narrow.legacyTranslator().translate(DmaRequest.withoutPasid(DEV, 1L << 40, Access.READ));
    fault(t, FaultReason.LGN_1);
  }

  @Test
  void aNotPresentSecondStageEntryFaultsLgn2ForWritesAndLgn3ForReads() {
    fourLevel(Prot.READ_WRITE);
    long pde = m.entryHpa(ss4, table, IOVA, 2);
    m.set64(pde, 0);
    Fault w = fault(write(IOVA), FaultReason.LGN_2);
    assertThat(w.level()).hasValue(2);
    reads(w, 2, 3);
    Fault r = fault(read(IOVA), FaultReason.LGN_3);
    assertThat(r.level()).hasValue(2);
  }

  @Test
  void aReservedBitInASecondStageEntryFaultsLsl2() {
    fourLevel(Prot.READ_WRITE);
    m.or64(m.entryHpa(ss4, table, IOVA, 3), 1L << 62);
    Fault f = fault(read(IOVA), FaultReason.LSL_2);
    assertThat(f.level()).hasValue(3);
    assertThat(f.explanation()).contains("bit 62");
  }

  @Test
  void aWriteToAReadOnlyPageFaultsLgn2AndAReadOfAWriteOnlyPageLgn3() {
    fourLevel(Prot.READ);
    Fault f = fault(write(IOVA), FaultReason.LGN_2);
    assertThat(f.level()).isEmpty();
    reads(f, 2, 4);
    m.set64(m.entryHpa(ss4, table, IOVA, 1), ss4.encodeLeaf(HPA, PageSize.SIZE_4K, Prot.WRITE));
    fault(read(IOVA), FaultReason.LGN_3);
    assertThat(ok(write(IOVA)).perm()).isEqualTo("-w-");
  }

  @Test
  void anOutputInTheInterruptRangeFaultsLgn4() {
    table = m.legacySecondStage(DEV, 2, 1);
    m.map(ss4, table, 0x1000, 0xFEE0_0000L, PageSize.SIZE_4K, Prot.READ_WRITE);
    Fault f = fault(read(0x1abc), FaultReason.LGN_4);
    assertThat(f.level()).isEmpty();
    assertThat(f.explanation()).contains("0xfee00abc");
  }

  @Test
  void aWriteToTheInterruptRangeIsAnInterruptAndReadsNothing() {
    Translation t = write(0xFEE0_1000L);
    assertThat(t).isInstanceOf(Interrupt.class);
    reads(t, 0, 0);
  }

  @Test
  void aReadToTheInterruptRangeFaultsLgn4WithoutReading() {
    // docs/spec-deviations.md row 11: spec 5.10 3.15, reads without PASID are illegal requests,
    // "blocked and reported as DMA Remapping faults" (D14 made every request an interrupt)
    fourLevel(Prot.READ);
    Fault f = fault(read(0xFEEF_FFFCL), FaultReason.LGN_4);
    reads(f, 0, 0);
    assertThat(f.level()).isEmpty();
    assertThat(f.recorded()).isTrue();
    assertThat(f.record().fi()).isEqualTo(0xFEEF_F000L);
    assertThat(f.record().t1()).as("read").isTrue();
  }

  @Test
  void faultRecordsKeepOnlyAddressBitsBelowTheLargestSagawWidth() {
    // docs/spec-deviations.md row 12: spec 5.10 11.4.7.6; legacy SAGAW 39/48-bit, so N = 48
    fourLevel(Prot.READ);
    Fault f = fault(read(0xFFFF_8000_0000_1000L), FaultReason.LGN_1);
    assertThat(f.record().fi()).isEqualTo(0x8000_0000_1000L);
  }

  @Test
  void aRequestWithPasidFaultsRta2() {
    fourLevel(Prot.READ);
    Translation t =
        m.legacyTranslator().translate(DmaRequest.withPasid(DEV, 1, IOVA, Access.READ, false));
    Fault f = fault(t, FaultReason.RTA_2);
    reads(f, 0, 0);
  }

  @Test
  void theFaultRecordOfALegacyWriteMatchesDigest125() {
    fourLevel(Prot.READ);
    Fault f = fault(write(IOVA), FaultReason.LGN_2);
    assertThat(f.record().hi()).isEqualTo(0x8000_0005_0000_3AFDL);
    assertThat(f.record().lo()).isEqualTo(IOVA & ~0xFFFL);
  }
}
