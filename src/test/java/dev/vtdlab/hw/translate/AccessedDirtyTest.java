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

/** Accessed/dirty updates (D20, digest 5.4, 6.3, 7.4). */
class AccessedDirtyTest {
  private static final int PASID = 3;
  private static final long GVA = 0x7f00_0000_5000L;
  private static final long GPA = 0x10_0000_0000L;
  private static final long HPA = 0x6_0000_0000L;
  private static final long FS_A = FirstStageFormat.A.mask();
  private static final long FS_D = FirstStageFormat.D.mask();
  private static final long FS_EA = FirstStageFormat.EA.mask();
  private static final long SS_A = SecondStageFormat.A.mask();
  private static final long SS_D = SecondStageFormat.D.mask();

  private final Machine m = Machine.server();
  private final PageTableFormat fs = m.fs(4);
  private final PageTableFormat ss = m.ss(4);
  private long pe;
  private long root;

  private long[] entries(PageTableFormat f, long table, long iova) {
    long[] hpa = new long[5];
    for (int l = 4; l >= 1; l--) {
      hpa[l] = m.entryHpa(f, table, iova, l);
    }
    return hpa;
  }

  private long[] firstStage(PasidEntry extra) {
    long dir = m.scalableDevice(DEV);
    root = m.frame();
    pe =
        m.pasidEntry(
            dir, PASID, extra.withPresent(true).withPgtt(Pgtt.FIRST_STAGE).withFsptptr(root));
    m.map(fs, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    long[] e = entries(fs, root, GVA);
    for (int l = 4; l >= 1; l--) {
      m.andNot64(e[l], FS_A | FS_D);
    }
    return e;
  }

  private Translation request(DmaTranslator t, Access access) {
    return t.translate(DmaRequest.withPasid(DEV, PASID, GVA, access, false));
  }

  @Test
  void theFirstStageSetsAInEveryEntryAndDOnlyInTheLeafOnWrites() {
    long[] e = firstStage(PasidEntry.ZERO.withPwsnp(true));
    DmaTranslator t = m.hardwareTranslator();
    reads(ok(request(t, Access.READ)), 4, 4);
    for (int l = 4; l >= 1; l--) {
      assertThat(m.get64(e[l]) & FS_A).as("A at level %d", l).isEqualTo(FS_A);
      assertThat(m.get64(e[l]) & FS_D).as("D at level %d after a read", l).isZero();
    }
    ok(request(t, Access.WRITE));
    assertThat(m.get64(e[1]) & FS_D).isEqualTo(FS_D);
    assertThat(m.get64(e[2]) & FS_D).isZero();
  }

  @Test
  void eaIsSetWithAWhenEafeIsOn() {
    long[] e = firstStage(PasidEntry.ZERO.withPwsnp(true).withEafe(true));
    ok(request(m.hardwareTranslator(), Access.READ));
    assertThat(m.get64(e[3]) & (FS_A | FS_EA)).isEqualTo(FS_A | FS_EA);
  }

  @Test
  void aNeededUpdateOnANonSnoopedWalkFaultsSfs9ButPresetBitsNeedNone() {
    long[] e = firstStage(PasidEntry.ZERO);
    Fault f = fault(request(m.hardwareTranslator(), Access.READ), FaultReason.SFS_9);
    assertThat(f.level()).hasValue(4);
    for (int l = 4; l >= 1; l--) {
      m.or64(e[l], FS_A | FS_D);
    }
    long writes = m.memory.writeCount();
    ok(request(m.hardwareTranslator(), Access.WRITE));
    assertThat(m.memory.writeCount()).isEqualTo(writes);
  }

  @Test
  void withUpdatesOffNothingIsWritten() {
    firstStage(PasidEntry.ZERO.withPwsnp(true));
    long writes = m.memory.writeCount();
    ok(request(m.scalableTranslator(), Access.WRITE));
    assertThat(m.memory.writeCount()).isEqualTo(writes);
  }

  private long[] secondStage(boolean ssade) {
    long dir = m.scalableDevice(DEV);
    root = m.frame();
    pe =
        m.pasidEntry(
            dir,
            PASID,
            PasidEntry.ZERO
                .withPresent(true)
                .withPgtt(Pgtt.SECOND_STAGE)
                .withAw(2)
                .withSsptptr(root)
                .withPwsnp(true)
                .withSsade(ssade));
    m.map(ss, root, GVA, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    return entries(ss, root, GVA);
  }

  @Test
  void theSecondStageIsUpdatedOnlyWithSsade() {
    long[] off = secondStage(false);
    long writes = m.memory.writeCount();
    ok(request(m.hardwareTranslator(), Access.WRITE));
    assertThat(m.memory.writeCount()).isEqualTo(writes);
    assertThat(m.get64(off[1]) & (SS_A | SS_D)).isZero();

    long[] e = secondStage(true);
    ok(request(m.hardwareTranslator(), Access.READ));
    for (int l = 4; l >= 1; l--) {
      assertThat(m.get64(e[l]) & SS_A).as("A at level %d", l).isEqualTo(SS_A);
    }
    assertThat(m.get64(e[1]) & SS_D).isZero();
    ok(request(m.hardwareTranslator(), Access.WRITE));
    assertThat(m.get64(e[1]) & SS_D).isEqualTo(SS_D);
  }

  private long nested() {
    long dir = m.scalableDevice(DEV);
    long ssRoot = m.frame();
    long fsRootGpa = m.nestedTable(ss, ssRoot);
    pe =
        m.pasidEntry(
            dir,
            PASID,
            Machine.pasidEntryOf(Pgtt.NESTED, 1)
                .withAw(2)
                .withFsptptr(fsRootGpa)
                .withSsptptr(ssRoot)
                .withPwsnp(true));
    m.mapNested(fs, fsRootGpa, GVA, GPA, PageSize.SIZE_4K, Prot.READ_WRITE, ss, ssRoot);
    m.map(ss, ssRoot, GPA, HPA, PageSize.SIZE_4K, Prot.READ_WRITE);
    root = ssRoot;
    return m.nestedEntryHpa(fs, fsRootGpa, GVA, 1, ss, ssRoot);
  }

  @Test
  void aNestedFirstStageUpdateNeedsSecondStageWriteOnTheTablePage() {
    long pte = nested();
    m.andNot64(pte, FS_A | FS_D);
    long leafOfTable = m.entryHpa(ss, root, m.gpaOfHpa(pte), 1);
    m.andNot64(leafOfTable, SecondStageFormat.W.mask());
    Fault f = fault(request(m.hardwareTranslator(), Access.READ), FaultReason.SFS_8);
    assertThat(f.level()).hasValue(1);
    assertThat(f.stage()).isEqualTo(FaultStage.FIRST);
    assertThat(m.get64(pte) & FS_A).isZero();
    m.or64(leafOfTable, SecondStageFormat.W.mask());
    Translated t = ok(request(m.hardwareTranslator(), Access.WRITE));
    assertThat(m.get64(pte) & (FS_A | FS_D)).isEqualTo(FS_A | FS_D);
    reads(t, 4, 24);
  }

  @Test
  void nestedTranslationsWithPresetBitsWriteNothing() {
    nested();
    long writes = m.memory.writeCount();
    reads(ok(request(m.hardwareTranslator(), Access.WRITE)), 4, 24);
    assertThat(m.memory.writeCount()).isEqualTo(writes);
  }
}
