package dev.vtdlab.hw.translate;

import static dev.vtdlab.hw.translate.Machine.DEV;
import static dev.vtdlab.hw.translate.Machine.LOW_DEV;
import static dev.vtdlab.hw.translate.Results.fault;
import static dev.vtdlab.hw.translate.Results.ok;
import static dev.vtdlab.hw.translate.Results.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * Scalable mode up to the PASID entry (digest 7.3 steps 1-14; D4, D5, D6, D7, D17, D19, D22).
 * Devices get a second-stage-only PASID entry unless a test says otherwise.
 */
class ScalableStructureTest {
  private static final int PASID = 0x12345;
  private static final long IOVA = 0x7000_1234L;
  private static final long HPA = 0x9_0000_0000L;

  private final Machine m = Machine.server();
  private final PageTableFormat ss4 = m.ss(4);
  private long dir;

  /** A device with an SS-only PASID entry for {@code pasid} mapping IOVA read/write. */
  private long device(SourceId sid, int pasid, PasidEntry base) {
    dir = m.scalableDevice(sid);
    long table = m.frame();
    m.map(ss4, table, IOVA & ~0xFFFL, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    return m.pasidEntry(dir, pasid, base.withAw(2).withSsptptr(table));
  }

  private long device(SourceId sid, int pasid) {
    return device(sid, pasid, Machine.pasidEntryOf(Pgtt.SECOND_STAGE, 9));
  }

  private Translation withPasid(SourceId sid, int pasid, Access access, boolean priv) {
    return m.scalableTranslator().translate(DmaRequest.withPasid(sid, pasid, IOVA, access, priv));
  }

  private Translation withoutPasid(SourceId sid) {
    return m.scalableTranslator().translate(DmaRequest.withoutPasid(sid, IOVA, Access.READ));
  }

  private long contextHpa(SourceId sid) {
    ScalableRootEntry root = ScalableRootEntry.read(m.memory, m.scalableRootEntryHpa(sid));
    return ScalableContextEntry.address(root.contextTable(sid.devfn()), sid.devfn());
  }

  @Test
  void aCompleteWalkReadsFourStructureEntriesAndUsesThePasidEntrysDid() {
    device(DEV, PASID);
    Translated t = ok(withPasid(DEV, PASID, Access.WRITE, false));
    assertThat(t.hpa()).isEqualTo(HPA | 0x234);
    assertThat(t.did()).isEqualTo(9);
    assertThat(t.pasid()).hasValue(PASID);
    assertThat(t.mode()).isEqualTo(TranslationMode.SECOND_STAGE);
    reads(t, 4, 4);
  }

  @Test
  void anUnreadableRootEntryFaultsSrt1() {
    device(DEV, PASID);
    m.memory.setReadLimit(m.rootTable);
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SRT_1);
    reads(f, 1, 0);
  }

  @Test
  void theRootHalfOfTheDevfnMustBePresentAndOnlyThatHalfIsChecked() {
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SRT_2);
    device(LOW_DEV, PASID);
    long root = m.scalableRootEntryHpa(LOW_DEV);
    m.set64(root + 8, 0xFFFF_FFFF_FFFF_FFFEL);
    ok(withPasid(LOW_DEV, PASID, Access.READ, false));
    m.or64(root, 1L << 3);
    Fault f = fault(withPasid(LOW_DEV, PASID, Access.READ, false), FaultReason.SRT_3);
    assertThat(f.explanation()).contains("bit 3");
  }

  @Test
  void anUpperHalfRootEntryNotPresentFaultsSrt2NamingUp() {
    device(LOW_DEV, PASID);
    SourceId upper = SourceId.of(LOW_DEV.bus(), 0x1f, 7);
    Fault f = fault(withPasid(upper, PASID, Access.READ, false), FaultReason.SRT_2);
    assertThat(f.explanation()).contains("UP (bit 64)");
  }

  @Test
  void anUnreadableContextEntryFaultsSct1() {
    device(DEV, PASID);
    m.memory.setReadLimit(contextHpa(DEV) & ~0xFFFL);
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_1);
  }

  @Test
  void aNotPresentContextEntryFaultsSct2AndItsFpdSuppressesRecording() {
    m.scalableContext(DEV, ScalableContextEntry.ZERO);
    assertThat(fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_2).recorded())
        .isTrue();
    m.scalableContext(DEV, ScalableContextEntry.ZERO.withFpd(true));
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_2);
    assertThat(f.recorded()).isFalse();
    reads(f, 2, 0);
  }

  @Test
  void aReservedContextBitFaultsSct3AndIsSuppressedByFpd() {
    // SCT.3 is a qualified fault in spec 5.10 Table 30 (docs/spec-deviations.md)
    device(DEV, PASID);
    m.or64(contextHpa(DEV), 1L << 5 | 1L << 1);
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_3);
    assertThat(f.recorded()).isFalse();
  }

  @Test
  void aRequestWithPasidToAContextWithoutPasideFaultsSct6() {
    device(DEV, PASID);
    m.andNot64(contextHpa(DEV), ScalableContextEntry.PASIDE.mask());
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_6);
  }

  @Test
  void aPasidAtOrAboveThePdtsLimitFaultsSct7() {
    device(DEV, 0x2000);
    long ctx = contextHpa(DEV);
    m.set64(ctx, ScalableContextEntry.PDTS.set(m.get64(ctx), 0));
    Fault f = fault(withPasid(DEV, 0x2000, Access.READ, false), FaultReason.SCT_7);
    reads(f, 2, 0);
    assertThat(f.explanation()).contains("0x2000");
  }

  @Test
  void aRidPasidAtOrAboveThePdtsLimitFaultsSct4ForEveryRequest() {
    // docs/spec-deviations.md row 3: spec 5.10 Table 30 SCT.4.2, with or without PASID (D6 had
    // SCT.9 for requests without PASID only)
    device(DEV, 0x20);
    long ctx = contextHpa(DEV);
    m.set64(ctx, ScalableContextEntry.PDTS.set(m.get64(ctx), 0));
    m.set64(ctx + 8, ScalableContextEntry.RID_PASID.set(0, 0x2000));
    Fault f = fault(withoutPasid(DEV), FaultReason.SCT_4);
    reads(f, 2, 0);
    assertThat(f.recorded()).isTrue();
    assertThat(f.explanation()).contains("RID_PASID 0x2000").contains("0x2000 = 2^(PDTS 0 + 7)");
    fault(withPasid(DEV, 0x20, Access.READ, false), FaultReason.SCT_4);
    m.set64(ctx + 8, ScalableContextEntry.RID_PASID.set(0, 0x1FFF));
    ok(withPasid(DEV, 0x20, Access.READ, false));
  }

  @Test
  void aContextWithPreButNotDteFaultsSct4ForEveryRequest() {
    // docs/spec-deviations.md row 5: spec 5.10 Table 30 SCT.4.1 (D19 never raised SCT.4)
    device(DEV, PASID);
    long ctx = contextHpa(DEV);
    m.or64(ctx, ScalableContextEntry.PRE.mask());
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_4);
    Fault f = fault(withoutPasid(DEV), FaultReason.SCT_4);
    reads(f, 2, 0);
    assertThat(f.explanation()).contains("PRE (bit 4) = 1 with DTE (bit 2) = 0");
    m.or64(ctx, ScalableContextEntry.DTE.mask());
    ok(withPasid(DEV, PASID, Access.READ, false));
  }

  @Test
  void aRequestWithPasidEqualToRidPasidFaultsSct9() {
    // docs/spec-deviations.md row 3: spec 5.10 Table 30 SCT.9 (D6 translated it); server has RPS
    device(DEV, PASID);
    long ctx = contextHpa(DEV);
    m.set64(ctx + 8, ScalableContextEntry.RID_PASID.set(0, PASID));
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SCT_9);
    reads(f, 2, 0);
    assertThat(ok(withoutPasid(DEV)).pasid()).hasValue(PASID);
  }

  @Test
  void aPasidZeroIsTranslatedOnAUnitWithoutRps() {
    // docs/spec-deviations.md: SCT.9 only with ECAP.RPS (RID_PASID is reserved without it, D5)
    Machine qemu = new Machine(dev.vtdlab.hw.cap.UnitConfig.qemu());
    long qdir = qemu.scalableDevice(DEV);
    long table = qemu.frame();
    qemu.map(ss4, table, IOVA & ~0xFFFL, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    qemu.pasidEntry(
        qdir,
        0,
        PasidEntry.ZERO
            .withPresent(true)
            .withPgtt(Pgtt.SECOND_STAGE)
            .withDid(9)
            .withAw(2)
            .withSsptptr(table));
    DmaRequest r = DmaRequest.withPasid(DEV, 0, IOVA, Access.READ, false);
    assertThat(ok(qemu.scalableTranslator().translate(r)).hpa()).isEqualTo(HPA | 0x234);
  }

  @Test
  void aPasidBeyondEcapPssFaultsSgn10BeforeTheSct7Check() {
    // docs/spec-deviations.md row 4: spec 5.10 Table 30 SGN.10 (D6 folded PSS into SCT.7)
    dev.vtdlab.hw.cap.UnitConfig server = m.unit;
    Machine narrow =
        new Machine(
            server.with(
                server.cap(),
                new dev.vtdlab.hw.cap.Ecap(
                    dev.vtdlab.hw.cap.Ecap.PSS.set(server.ecap().value(), 7))));
    long ndir = narrow.scalableDevice(DEV);
    narrow.pasidEntry(ndir, 0xFF, Machine.pasidEntryOf(Pgtt.PASS_THROUGH, 1));
    DmaTranslator t = narrow.scalableTranslator();
    assertThat(ok(t.translate(DmaRequest.withPasid(DEV, 0xFF, 0x1000, Access.READ, false))).hpa())
        .isEqualTo(0x1000);
    Fault f =
        fault(
            t.translate(DmaRequest.withPasid(DEV, 0x100, 0x1000, Access.READ, false)),
            FaultReason.SGN_10);
    reads(f, 2, 0);
    assertThat(f.code()).isEqualTo(0x89);
    assertThat(f.level()).isEmpty();
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
    assertThat(f.explanation()).contains("2^8");
    long ctx =
        ScalableContextEntry.address(
            ScalableRootEntry.read(narrow.memory, narrow.scalableRootEntryHpa(DEV))
                .contextTable(DEV.devfn()),
            DEV.devfn());
    narrow.set64(ctx, ScalableContextEntry.PDTS.set(narrow.get64(ctx), 0));
    fault(
        t.translate(DmaRequest.withPasid(DEV, 0x2000, 0x1000, Access.READ, false)),
        FaultReason.SGN_10);
  }

  @Test
  void aRequestWithoutPasidUsesRidPasid() {
    device(DEV, 0x77);
    long ctx = contextHpa(DEV);
    m.set64(ctx + 8, ScalableContextEntry.RID_PASID.set(0, 0x77));
    Translated t = ok(withoutPasid(DEV));
    assertThat(t.pasid()).hasValue(0x77);
    assertThat(t.perm()).isEqualTo("rw-");
  }

  @Test
  void anUnreadablePasidDirectoryEntryFaultsSpd1() {
    device(DEV, PASID);
    long ctx = contextHpa(DEV);
    m.set64(ctx, ScalableContextEntry.PASIDDIRPTR.set(m.get64(ctx), 0x8000_0000L >>> 12));
    m.memory.setReadLimit(0x8000_0000L);
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPD_1);
    reads(f, 3, 0);
  }

  @Test
  void aNotPresentDirectoryEntryFaultsSpd2AndItsFpdSuppressesRecording() {
    device(DEV, PASID);
    long d = PasidDirEntry.address(dir, PASID);
    m.set64(d, PasidDirEntry.FPD.mask());
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPD_2);
    assertThat(f.recorded()).isFalse();
  }

  @Test
  void aReservedDirectoryEntryBitFaultsSpd3() {
    device(DEV, PASID);
    m.or64(PasidDirEntry.address(dir, PASID), 1L << 2);
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPD_3);
  }

  @Test
  void anUnreadablePasidEntryFaultsSpt1() {
    long pe = device(DEV, PASID);
    m.memory.setReadLimit(pe & ~0xFFFL);
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_1);
    reads(f, 4, 0);
  }

  @Test
  void aNotPresentPasidEntryFaultsSpt2() {
    long pe = device(DEV, PASID);
    m.andNot64(pe, PasidEntry.P.mask());
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_2);
  }

  @Test
  void aReservedPasidEntryBitFaultsSpt3() {
    long pe = device(DEV, PASID);
    m.or64(pe, 1L << 10);
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_3);
    m.andNot64(pe, 1L << 10);
    m.set64(pe + 24, 1);
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_3);
  }

  @Test
  void invalidPasidEntryProgrammingFaultsSpt4() {
    long pe = device(DEV, PASID);
    m.set64(pe, PasidEntry.PGTT.set(m.get64(pe), 0b101));
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_4);
    m.set64(pe, PasidEntry.AW.set(PasidEntry.PGTT.set(m.get64(pe), 0b010), 0));
    fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SPT_4);
  }

  @Test
  void executeWithoutEreFaultsSpt5BeforeSupervisorWithoutSreFaultsSpt6() {
    long pe = device(DEV, PASID);
    m.andNot64(pe + 16, PasidEntry.ERE.mask() | PasidEntry.SRE.mask());
    fault(withPasid(DEV, PASID, Access.EXECUTE, true), FaultReason.SPT_5);
    fault(withPasid(DEV, PASID, Access.READ, true), FaultReason.SPT_6);
    ok(withPasid(DEV, PASID, Access.READ, false));
  }

  @Test
  void ridPrivMakesRequestsWithoutPasidSupervisorAndSubjectToSre() {
    // docs/spec-deviations.md row 6: spec 5.10 Table 30 SPT.6 "(with or without PASID)", "PR value
    // may come from RID_PRIV" (D7 exempted requests without PASID from SRE)
    dir = m.scalableDevice(DEV);
    PageTableFormat fs = m.fs(4);
    long fsRoot = m.frame();
    m.map(fs, fsRoot, IOVA & ~0xFFFL, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    m.andNot64(m.entryHpa(fs, fsRoot, IOVA, 1), 1L << 2);
    long pe =
        m.pasidEntry(
            dir,
            0,
            PasidEntry.ZERO.withPresent(true).withPgtt(Pgtt.FIRST_STAGE).withFsptptr(fsRoot));
    fault(withoutPasid(DEV), FaultReason.SGN_2);
    long ctx = contextHpa(DEV);
    m.set64(ctx + 8, ScalableContextEntry.RID_PRIV.mask());
    Fault f = fault(withoutPasid(DEV), FaultReason.SPT_6);
    reads(f, 4, 0);
    assertThat(f.record().pp()).as("no PASID prefix: PRIV not reported").isFalse();
    m.or64(pe + 16, PasidEntry.SRE.mask());
    Translated t = ok(withoutPasid(DEV));
    assertThat(t.perm()).isEqualTo("rw-");
  }

  @Test
  void theFpdOfThePasidEntrySuppressesAQualifiedWalkFault() {
    long pe = device(DEV, PASID);
    m.or64(pe, PasidEntry.FPD.mask());
    m.set64(m.entryHpa(ss4, PasidEntry.read(m.memory, pe).ssptptr(), IOVA, 1), 0);
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SSS_2);
    assertThat(f.recorded()).isFalse();
    assertThat(f.fpdSet()).isTrue();
  }

  @Test
  void theFaultRecordOfARequestWithPasidMatchesDigest125() {
    long pe = device(DEV, PASID);
    long table = PasidEntry.read(m.memory, pe).ssptptr();
    m.set64(m.entryHpa(ss4, table, IOVA, 1), ss4.encodeLeaf(HPA, PageSize.SIZE_4K, Prot.WRITE));
    Fault f = fault(withPasid(DEV, PASID, Access.READ, false), FaultReason.SGN_7);
    assertThat(f.record().hi()).isEqualTo(0xC123_4586_8000_3AFDL);
    assertThat(f.record().lo()).isEqualTo(IOVA & ~0xFFFL);
    assertThat(f.level()).isEmpty();
    assertThat(f.stage()).isEqualTo(FaultStage.SECOND);
  }

  @Test
  void theFaultRecordOfAPrivilegedExecuteRequestHasPrivAndExe() {
    long pe = device(DEV, PASID);
    long table = PasidEntry.read(m.memory, pe).ssptptr();
    m.set64(m.entryHpa(ss4, table, IOVA, 1), ss4.encodeLeaf(HPA, PageSize.SIZE_4K, Prot.WRITE));
    Fault f = fault(withPasid(DEV, PASID, Access.EXECUTE, true), FaultReason.SGN_3);
    assertThat(f.record().priv()).isTrue();
    assertThat(f.record().exe()).isTrue();
    assertThat(f.record().t1()).isTrue();
    assertThat(f.record().pv()).isEqualTo(PASID);
  }

  @Test
  void aRequestWithoutPasidReportsNoPasidInItsFaultRecord() {
    long pe = device(DEV, 0);
    long table = PasidEntry.read(m.memory, pe).ssptptr();
    m.set64(m.entryHpa(ss4, table, IOVA, 1), 0);
    Fault f = fault(withoutPasid(DEV), FaultReason.SSS_2);
    assertThat(f.record().pp()).isFalse();
    assertThat(f.record().pv()).isZero();
    assertThat(f.level()).hasValue(1);
  }
}
