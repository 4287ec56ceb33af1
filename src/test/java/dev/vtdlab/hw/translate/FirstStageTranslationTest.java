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
import org.junit.jupiter.api.Test;

/** PGTT 001b, first stage only (digest 5, 7.3; D11, D12, D14, D15, D16, D24). */
class FirstStageTranslationTest {
  private static final int PASID = 5;
  private static final long GVA = 0x7f12_3456_7000L;
  private static final long HPA = 0x12_3456_7000L;

  private final Machine m = Machine.server();
  private long dir;
  private long root;
  private long pe;
  private PageTableFormat fs;

  private void setUp(int levels, PasidEntry extra) {
    fs = m.fs(levels);
    dir = m.scalableDevice(DEV);
    root = m.frame();
    pe =
        m.pasidEntry(
            dir,
            PASID,
            extra
                .withPresent(true)
                .withPgtt(Pgtt.FIRST_STAGE)
                .withDid(4)
                .withSre(true)
                .withEre(true)
                .withFspm(levels - 4)
                .withFsptptr(root));
  }

  private void setUp(int levels) {
    setUp(levels, PasidEntry.ZERO);
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
  }

  private Translation request(long gva, Access access, boolean supervisor) {
    return m.scalableTranslator()
        .translate(DmaRequest.withPasid(DEV, PASID, gva, access, supervisor));
  }

  @Test
  void aFourLevelWalkReadsFourEntriesAndGrantsExecuteWithEre() {
    setUp(4);
    Translated t = ok(request(GVA | 0x9a, Access.READ, false));
    assertThat(t.hpa()).isEqualTo(HPA | 0x9a);
    assertThat(t.perm()).isEqualTo("rwx");
    assertThat(t.mode()).isEqualTo(TranslationMode.FIRST_STAGE);
    assertThat(t.did()).isEqualTo(4);
    reads(t, 4, 4);
  }

  @Test
  void aFiveLevelWalkReadsFiveEntries() {
    setUp(5);
    reads(ok(request(GVA, Access.WRITE, false)), 4, 5);
  }

  @Test
  void largeLeavesGive2MiBAnd1GiBPages() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, 0x4000_0000L, 0x8_0000_0000L, PageSize.SIZE_1G, Prot.READ);
    m.map(fs, root, 0x8000_0000L, 0x20_0000L, PageSize.SIZE_2M, Prot.READ);
    Translated g = ok(request(0x4123_4567L, Access.READ, false));
    assertThat(g.hpa()).isEqualTo(0x8_0123_4567L);
    assertThat(g.pageSize()).isEqualTo(PageSize.SIZE_1G);
    reads(g, 4, 2);
    Translated m2 = ok(request(0x8012_3456L, Access.READ, false));
    assertThat(m2.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(m2.perm()).isEqualTo("r-x");
  }

  @Test
  void aNonCanonicalInputFaultsSgn1BeforeAnyWalkRead() {
    setUp(4);
    Fault f = fault(request(0x0000_8000_0000_0000L, Access.READ, false), FaultReason.SGN_1);
    reads(f, 4, 0);
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
    fault(request(0xFFFF_8000_0000_0000L, Access.READ, false), FaultReason.SFS_2);
  }

  @Test
  void anUnreadableTopEntryFaultsSfs4AndALowerOneSfs1() {
    setUp(4, PasidEntry.ZERO);
    m.set64(pe + 16, PasidEntry.FSPTPTR.set(m.get64(pe + 16), 0x8000_0000L >>> 12));
    m.memory.setReadLimit(0x8000_0000L);
    Fault f = fault(request(GVA, Access.READ, false), FaultReason.SFS_4);
    assertThat(f.level()).hasValue(4);
    assertThat(f.stage()).isEqualTo(FaultStage.FIRST);
    reads(f, 4, 1);
  }

  @Test
  void anUnreadableLowerEntryFaultsSfs1() {
    setUp(4);
    long pde = m.entryHpa(fs, root, GVA, 2);
    m.set64(pde, fs.encodeTable(0x8000_0000L));
    m.memory.setReadLimit(0x8000_0000L);
    Fault f = fault(request(GVA, Access.READ, false), FaultReason.SFS_1);
    assertThat(f.level()).hasValue(1);
    reads(f, 4, 4);
  }

  @Test
  void aNotPresentEntryFaultsSfs2AtItsLevel() {
    setUp(4);
    m.andNot64(m.entryHpa(fs, root, GVA, 3), FirstStageFormat.P.mask());
    Fault f = fault(request(GVA, Access.READ, false), FaultReason.SFS_2);
    assertThat(f.level()).hasValue(3);
    reads(f, 4, 2);
    assertThat(f.explanation()).contains("PDPE (level 3)");
  }

  @Test
  void aReservedBitFaultsSfs3() {
    setUp(4);
    m.or64(m.entryHpa(fs, root, GVA, 4), FirstStageFormat.PS.mask());
    Fault f = fault(request(GVA, Access.READ, false), FaultReason.SFS_3);
    assertThat(f.level()).hasValue(4);
    assertThat(f.explanation()).contains("bit 7");
  }

  @Test
  void aUserRequestToASupervisorPageFaultsSgn2BeforeTheWriteCheck() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ);
    m.andNot64(m.entryHpa(fs, root, GVA, 2), FirstStageFormat.US.mask());
    Fault f = fault(request(GVA, Access.WRITE, false), FaultReason.SGN_2);
    assertThat(f.level()).isEmpty();
    assertThat(f.stage()).isEqualTo(FaultStage.FIRST);
    Translated t = ok(request(GVA, Access.READ, true));
    assertThat(t.perm()).isEqualTo("rwx");
  }

  @Test
  void xdBlocksExecuteOnlyWithNxe() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ);
    m.or64(m.entryHpa(fs, root, GVA, 3), FirstStageFormat.XD.mask());
    assertThat(ok(request(GVA, Access.EXECUTE, false)).perm()).isEqualTo("r-x");
    m.or64(pe + 16, PasidEntry.NXE.mask());
    fault(request(GVA, Access.EXECUTE, false), FaultReason.SGN_3);
    assertThat(ok(request(GVA, Access.READ, false)).perm()).isEqualTo("r--");
  }

  @Test
  void smepBlocksSupervisorExecuteOfAUserPage() {
    setUp(4, PasidEntry.ZERO.withSmep(true));
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    fault(request(GVA, Access.EXECUTE, true), FaultReason.SGN_3);
    ok(request(GVA, Access.EXECUTE, false));
    assertThat(ok(request(GVA, Access.READ, true)).perm()).isEqualTo("rw-");
  }

  @Test
  void aUserWriteToAReadOnlyPageFaultsSgn6AndASupervisorWriteNeedsWpe() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ);
    Fault f = fault(request(GVA, Access.WRITE, false), FaultReason.SGN_6);
    assertThat(f.explanation())
        .contains("R/W missing in PTE (level 1) at " + Explain.hex(m.entryHpa(fs, root, GVA, 1)));
    Translated sup = ok(request(GVA, Access.WRITE, true));
    assertThat(sup.perm()).isEqualTo("rwx");
    m.or64(pe + 16, PasidEntry.WPE.mask());
    fault(request(GVA, Access.WRITE, true), FaultReason.SGN_6);
    assertThat(ok(request(GVA, Access.READ, true)).perm()).isEqualTo("r-x");
  }

  @Test
  void anOutputInTheInterruptRangeFaultsSgn8() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, 0x1000, 0xFEEF_F000L, PageSize.SIZE_4K, Prot.READ);
    Fault f = fault(request(0x1ffc, Access.READ, false), FaultReason.SGN_8);
    assertThat(f.stage()).isEqualTo(FaultStage.NONE);
  }

  @Test
  void aReadWithoutPasidToTheInterruptRangeFaultsSgn8WithoutReading() {
    // docs/spec-deviations.md row 11: spec 5.10 3.15; checked before any structure read
    setUp(4, PasidEntry.ZERO);
    Translation t =
        m.scalableTranslator().translate(DmaRequest.withoutPasid(DEV, 0xFEE0_0000L, Access.READ));
    Fault f = fault(t, FaultReason.SGN_8);
    reads(f, 0, 0);
    assertThat(
            m.scalableTranslator()
                .translate(DmaRequest.withoutPasid(DEV, 0xFEE0_0000L, Access.WRITE)))
        .isInstanceOf(Interrupt.class);
  }

  @Test
  void aRequestWithPasidToTheInterruptRangeIsTranslated() {
    setUp(4, PasidEntry.ZERO);
    m.map(fs, root, 0xFEE0_0000L, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    assertThat(ok(request(0xFEE0_0010L, Access.WRITE, false)).hpa()).isEqualTo(HPA | 0x10);
  }

  @Test
  void xdIsAReservedBitWithTheRev3Option() {
    Machine rev3 = new Machine(Machine.server().unit.withXdReservedWithoutNxe(true));
    PageTableFormat f4 = rev3.fs(4);
    long d = rev3.scalableDevice(DEV);
    long r = rev3.frame();
    rev3.pasidEntry(d, PASID, Machine.pasidEntryOf(Pgtt.FIRST_STAGE, 1).withFsptptr(r));
    rev3.map(f4, r, GVA, HPA, PageSize.SIZE_4K, Prot.READ);
    rev3.or64(rev3.entryHpa(f4, r, GVA, 1), FirstStageFormat.XD.mask());
    Translation t =
        rev3.scalableTranslator()
            .translate(DmaRequest.withPasid(DEV, PASID, GVA, Access.READ, false));
    assertThat(fault(t, FaultReason.SFS_3).level()).hasValue(1);
  }
}
