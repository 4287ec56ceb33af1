package dev.vtdlab.hw;

import static dev.vtdlab.hw.Platform.DEV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.regs.RegisterTable;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Interrupt;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslationMode;
import dev.vtdlab.pagetable.PageTableFormat;
import org.junit.jupiter.api.Test;

/** The whole unit driven through registers and memory (bring-up, TE, SRTP, faults, DMA). */
class RemappingUnitTest {
  private static final long IOVA = 0x1234_5000L;
  private static final long HPA = 0x8000_0000L;

  private static DmaRequest read(long iova) {
    return DmaRequest.withoutPasid(DEV, iova, Access.READ);
  }

  private static DmaRequest write(long iova) {
    return DmaRequest.withoutPasid(DEV, iova, Access.WRITE);
  }

  private static Translated ok(Translation t) {
    assertThat(t).as("%s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  /** A legacy platform with DEV in domain 1 mapping IOVA -> HPA, brought up through registers. */
  private static Platform legacyPlatform(CacheConfig caches) {
    Platform p = new Platform(UnitConfig.legacy(), caches);
    long root = p.legacyDevice(DEV, 1);
    p.map(p.ss(4), root, IOVA, HPA, PageSize.SIZE_4K);
    p.bringUp(0);
    return p;
  }

  @Test
  void aLegacyUnitBroughtUpThroughRegistersTranslatesDma() {
    Platform p = legacyPlatform(CacheConfig.DEFAULT);

    Translated t = ok(p.unit.translate(read(IOVA + 0x123)));

    assertThat(t.hpa()).isEqualTo(HPA + 0x123);
    assertThat(t.mode()).isEqualTo(TranslationMode.LEGACY);
    assertThat(t.did()).isEqualTo(1);
    assertThat(p.unit.registers().translationEnabled()).isTrue();
    assertThat(p.unit.read32(RegisterTable.FSTS_REG)).isZero();
  }

  @Test
  void aScalableUnitTranslatesAFirstStagePasid() {
    Platform p = new Platform(UnitConfig.server(), CacheConfig.DEFAULT);
    long dir = p.scalableDevice(DEV);
    long fsRoot = p.frame();
    p.pasidEntry(dir, 7, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 3).withFsptptr(fsRoot));
    p.map(p.fs(4), fsRoot, 0x7f00_1000L, HPA, PageSize.SIZE_4K);
    p.bringUp(1);

    Translated t =
        ok(p.unit.translate(DmaRequest.withPasid(DEV, 7, 0x7f00_1008L, Access.WRITE, false)));

    assertThat(t.hpa()).isEqualTo(HPA + 8);
    assertThat(t.mode()).isEqualTo(TranslationMode.FIRST_STAGE);
    assertThat(t.pasid()).hasValue(7);
  }

  @Test
  void beforeTranslationIsEnabledDmaIsNotRemapped() {
    Platform p = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    long root = p.legacyDevice(DEV, 1);
    p.map(p.ss(4), root, IOVA, HPA, PageSize.SIZE_4K);
    p.setRootTable(Platform.ROOT_TABLE, 0);

    Translated t = ok(p.unit.translate(read(IOVA + 4)));
    Translation msi = p.unit.translate(write(0xFEE0_1000L));

    assertThat(t.hpa()).as("output = input while GSTS.TES = 0").isEqualTo(IOVA + 4);
    assertThat(t.mode()).isEqualTo(TranslationMode.UNTRANSLATED);
    assertThat(t.reads().total()).isZero();
    assertThat(msi).isInstanceOf(Interrupt.class);
  }

  @Test
  void clearingTranslationEnableStopsRemapping() {
    Platform p = legacyPlatform(CacheConfig.DEFAULT);
    assertThat(ok(p.unit.translate(read(IOVA))).hpa()).isEqualTo(HPA);

    p.gcmd(
        dev.vtdlab.hw.regs.GlobalCommand.TE.mask(),
        dev.vtdlab.hw.regs.GlobalCommand.TES.mask(),
        false);

    assertThat(ok(p.unit.translate(read(IOVA))).hpa()).isEqualTo(IOVA);
  }

  @Test
  void theTranslatorFollowsTheRootTableLatchedBySrtpNotTheLiveRegister() {
    Platform p = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    long root = p.legacyDevice(DEV, 1);
    p.map(p.ss(4), root, IOVA, HPA, PageSize.SIZE_4K);
    long emptyRoot = p.frame();
    p.setRootTable(emptyRoot, 0);
    p.bringUp(0); // RTADDR = ROOT_TABLE + SRTP, global invalidations, TE
    assertThat(ok(p.unit.translate(read(IOVA))).hpa()).isEqualTo(HPA);

    p.unit.write64(RegisterTable.RTADDR_REG, emptyRoot); // written, not latched
    assertThat(ok(p.unit.translate(read(IOVA))).hpa()).isEqualTo(HPA);

    p.setRootTable(emptyRoot, 0);
    p.globalInvalidation(0);
    Translation t = p.unit.translate(read(IOVA));
    assertThat(t).isInstanceOf(Fault.class);
    assertThat(((Fault) t).reason()).isEqualTo(FaultReason.LRT_2);
  }

  @Test
  void aFaultIsRecordedInTheFaultRecordingRegisters() {
    Platform p = legacyPlatform(CacheConfig.DEFAULT);

    Translation t = p.unit.translate(write(IOVA + 0x10_0000));

    assertThat(t).isInstanceOf(Fault.class);
    assertThat(((Fault) t).reason()).isEqualTo(FaultReason.LGN_2);
    int fsts = p.unit.read32(RegisterTable.FSTS_REG);
    assertThat(Fsts.PPF.isSet(fsts)).as("FSTS.PPF").isTrue();
    int frcd = p.unit.registers().table().frcdOffset((int) Fsts.FRI.get(fsts));
    FaultRecord record = new FaultRecord(p.unit.read64(frcd), p.unit.read64(frcd + 8));
    assertThat(record.f()).isTrue();
    assertThat(record.reason()).isEqualTo(FaultReason.LGN_2);
    assertThat(record.sid()).isEqualTo(DEV.value());
    assertThat(record.fi()).isEqualTo(IOVA + 0x10_0000);
  }

  @Test
  void aFaultSuppressedByFpdIsNotRecorded() {
    Platform p = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    long root = p.frame();
    p.legacyContext(DEV, Platform.legacyEntry(root, 1).withFpd(true));
    p.bringUp(0);

    Translation t = p.unit.translate(read(IOVA));

    assertThat(t).isInstanceOf(Fault.class);
    assertThat(((Fault) t).reason().qualified()).isTrue();
    assertThat(p.unit.read32(RegisterTable.FSTS_REG)).isZero();
    assertThat(p.unit.registers().faults().droppedByFpdCount()).isEqualTo(1);
  }

  @Test
  void aDmaWriteCrossingPagesGoesToEachPagesHostAddress() {
    Platform p = new Platform(UnitConfig.legacy(), CacheConfig.DEFAULT);
    long root = p.legacyDevice(DEV, 1);
    PageTableFormat ss = p.ss(4);
    p.map(ss, root, IOVA, HPA, PageSize.SIZE_4K);
    p.map(ss, root, IOVA + 0x1000, HPA + 0x7000, PageSize.SIZE_4K);
    p.bringUp(0);
    byte[] src = new byte[0x1000];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) (i * 7 + 1);
    }

    DmaResult w = p.unit.dmaWrite(write(IOVA + 0x800), src, 0, src.length);

    assertThat(w.ok()).isTrue();
    assertThat(w.pages()).isEqualTo(2);
    assertThat(w.bytesTransferred()).isEqualTo(0x1000);
    assertThat(p.memory.read8(HPA + 0x800)).isEqualTo(src[0]);
    assertThat(p.memory.read8(HPA + 0xFFF)).isEqualTo(src[0x7FF]);
    assertThat(p.memory.read8(HPA + 0x7000)).isEqualTo(src[0x800]);
    assertThat(p.memory.read8(HPA + 0x77FF)).isEqualTo(src[0xFFF]);
    byte[] back = new byte[0x1000];
    DmaResult r = p.unit.dmaRead(read(IOVA + 0x800), back, 0, back.length);
    assertThat(r.ok()).isTrue();
    assertThat(back).isEqualTo(src);
  }

  @Test
  void aDmaStopsAtTheFirstPageThatFaultsAndTouchesNothingThere() {
    Platform p = legacyPlatform(CacheConfig.DEFAULT);
    byte[] src = new byte[0x1800];
    java.util.Arrays.fill(src, (byte) 0x5a);

    DmaResult w = p.unit.dmaWrite(write(IOVA + 0x800), src, 0, src.length);

    assertThat(w.status()).isEqualTo(DmaResult.DmaStatus.FAULT);
    assertThat(w.bytesTransferred()).isEqualTo(0x800);
    assertThat(w.pages()).isEqualTo(2);
    assertThat(((Fault) w.last()).reason()).isEqualTo(FaultReason.LGN_2);
    assertThat(w.last().request().address()).isEqualTo(IOVA + 0x1000);
    assertThat(p.memory.read8(HPA + 0xFFF)).isEqualTo((byte) 0x5a);
    assertThat(p.memory.read8(HPA + 0x1000)).as("the next host page").isZero();
    assertThat(Fsts.PPF.isSet(p.unit.read32(RegisterTable.FSTS_REG))).isTrue();
  }

  @Test
  void aDmaToTheInterruptRangeIsNotAMemoryAccess() {
    Platform p = legacyPlatform(CacheConfig.DEFAULT);

    DmaResult w = p.unit.dmaWrite(write(0xFEE0_0000L), new byte[4], 0, 4);

    assertThat(w.status()).isEqualTo(DmaResult.DmaStatus.NOT_MEMORY);
    assertThat(w.last()).isInstanceOf(Interrupt.class);
  }
}
