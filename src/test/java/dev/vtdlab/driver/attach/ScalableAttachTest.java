package dev.vtdlab.driver.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.driver.domain.Attachment;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.Invalidation;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.pagetable.Stage;
import org.junit.jupiter.api.Test;

class ScalableAttachTest {
  private static final SourceId DISK = SourceId.of(0, 4, 0);
  private static final SourceId UPPER = SourceId.of(0, 0x1f, 2);

  static ScalableContextEntry contextOf(RegisterHarness h, SourceId sid) {
    ScalableRootEntry root =
        ScalableRootEntry.read(
            h.memory, ScalableRootEntry.address(h.driver.rootTable().hpa(), sid.bus()));
    assertThat(root.present(sid.devfn())).isTrue();
    return ScalableContextEntry.read(
        h.memory, ScalableContextEntry.address(root.contextTable(sid.devfn()), sid.devfn()));
  }

  static PasidEntry pasidEntryOf(RegisterHarness h, SourceId sid, int pasid) {
    ScalableContextEntry ctx = contextOf(h, sid);
    PasidDirEntry dir =
        PasidDirEntry.read(h.memory, PasidDirEntry.address(ctx.pasiddirptr(), pasid));
    assertThat(dir.present()).isTrue();
    return PasidEntry.read(h.memory, PasidEntry.address(dir.smptblptr(), pasid));
  }

  @Test
  void firstAttachProbesTheDeviceAndWritesAFirstStagePasidEntry() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    DmaDomain d = h.driver.createDmaDomain();
    h.clear();
    h.driver.attach(DISK, d);
    ScalableContextEntry ctx = contextOf(h, DISK);
    assertThat(ctx.present()).isTrue();
    assertThat(ctx.pdts()).isEqualTo(PasidTables.PDTS);
    assertThat(ctx.pasidEnable()).isTrue();
    assertThat(ctx.reservedBits(h.unit).any()).isFalse();
    PasidEntry e = pasidEntryOf(h, DISK, 0);
    assertThat(e.present()).isTrue();
    assertThat(e.pgtt()).isEqualTo(Pgtt.FIRST_STAGE);
    assertThat(e.fsptptr()).isEqualTo(d.ops().rootHpa());
    assertThat(e.fspm()).as("5-level first stage").isEqualTo(1);
    assertThat(e.did()).isEqualTo(d.did());
    assertThat(e.pwsnp()).isTrue();
    assertThat(e.reservedBits(h.unit).any()).isFalse();
    assertThat(e.invalidProgramming(h.unit).isValid()).isTrue();
    assertThat(h.calls()).as("CM = 0: nothing to invalidate").isEmpty();
  }

  @Test
  void upperHalfDevicesGetTheirOwnContextTable() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    h.driver.attach(DISK, h.driver.createDmaDomain());
    h.driver.attach(UPPER, h.driver.createDmaDomain());
    ScalableRootEntry root =
        ScalableRootEntry.read(h.memory, ScalableRootEntry.address(h.driver.rootTable().hpa(), 0));
    assertThat(root.lp()).isTrue();
    assertThat(root.up()).isTrue();
    assertThat(root.lctp()).isNotEqualTo(root.uctp());
    assertThat(contextOf(h, UPPER).present()).isTrue();
  }

  @Test
  void secondStageAndIdentityEntriesCarryTheirPgtt() {
    RegisterHarness h =
        new RegisterHarness(
            UnitConfig.server(), DriverOptions.defaults().withStage(StageChoice.SECOND));
    DmaDomain ss = h.driver.createDmaDomain();
    assertThat(ss.stage()).isEqualTo(Stage.SECOND_STAGE);
    h.driver.attach(DISK, ss);
    h.driver.attach(DISK, 7, h.driver.identityDomain());
    PasidEntry e = pasidEntryOf(h, DISK, 0);
    assertThat(e.pgtt()).isEqualTo(Pgtt.SECOND_STAGE);
    assertThat(e.ssptptr()).isEqualTo(ss.ops().rootHpa());
    assertThat(e.aw()).isEqualTo(3);
    PasidEntry pt = pasidEntryOf(h, DISK, 7);
    assertThat(pt.pgtt()).isEqualTo(Pgtt.PASS_THROUGH);
    assertThat(pt.did()).isEqualTo(1);
  }

  @Test
  void switchingAFirstStagePasidTearsDownWithPasidCacheThenPasidIotlb() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    DmaDomain a = h.driver.createDmaDomain();
    DmaDomain b = h.driver.createDmaDomain();
    h.driver.attach(DISK, 3, a);
    h.clear();
    h.driver.attach(DISK, 3, b);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(InvalidationKind.PASID_CACHE_PASID, a.did(), 0, 3, 0, 0, false, 0),
            new Invalidation(InvalidationKind.PASID_IOTLB_PASID, a.did(), 0, 3, 0, 0, false, 0));
    assertThat(pasidEntryOf(h, DISK, 3).did()).isEqualTo(b.did());
    assertThat(a.attachments()).isEmpty();
    assertThat(b.attachments()).containsExactly(new Attachment(DISK, 3));
  }

  @Test
  void tearingDownASecondStagePasidFlushesTheDomainsIotlb() {
    RegisterHarness h =
        new RegisterHarness(
            UnitConfig.server(), DriverOptions.defaults().withStage(StageChoice.SECOND));
    DmaDomain a = h.driver.createDmaDomain();
    h.driver.attach(DISK, a);
    h.clear();
    h.driver.detach(DISK);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(InvalidationKind.PASID_CACHE_PASID, a.did(), 0, 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.IOTLB_DOMAIN, a.did(), 0, 0, 0, 0, false, 0));
    assertThat(pasidEntryOf(h, DISK, 0)).isEqualTo(PasidEntry.ZERO);
  }

  @Test
  void cachingModeInvalidatesAfterEveryNotPresentToPresentChange() {
    RegisterHarness h = new RegisterHarness(UnitConfig.qemu());
    DmaDomain d = h.driver.createDmaDomain();
    h.clear();
    h.driver.attach(DISK, d);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.CONTEXT_CACHE_DEVICE, 0, DISK.value(), 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.IOTLB_DOMAIN, 0, 0, 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.PASID_CACHE_PASID, d.did(), 0, 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.PASID_IOTLB_PASID, d.did(), 0, 0, 0, 0, false, 0));
  }

  @Test
  void releaseClearsTheContextEntryAndFreesThePasidTables() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    h.driver.attach(DISK, 9, h.driver.createDmaDomain());
    int framesBefore = h.frames.framesInUse();
    h.clear();
    h.driver.release(DISK);
    assertThat(contextOf(h, DISK).present()).isFalse();
    assertThat(h.kinds())
        .containsExactly(
            InvalidationKind.PASID_CACHE_PASID,
            InvalidationKind.PASID_IOTLB_PASID,
            InvalidationKind.CONTEXT_CACHE_DEVICE);
    assertThat(h.frames.framesInUse())
        .as("directory and one PASID table")
        .isEqualTo(framesBefore - 2);
  }

  @Test
  void domainIdsAreRecycled() {
    RegisterHarness h = new RegisterHarness(UnitConfig.server());
    DmaDomain a = h.driver.createDmaDomain();
    DmaDomain b = h.driver.createDmaDomain();
    assertThat(a.did()).as("DID 1 is reserved for identity").isZero();
    assertThat(b.did()).isEqualTo(2);
    h.driver.destroyDomain(a);
    assertThat(h.driver.createDmaDomain().did()).isZero();
  }
}
