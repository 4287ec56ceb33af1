package dev.vtdlab.driver.dma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.inv.InvalidationStats;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.Invalidation;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkResult;
import dev.vtdlab.pagetable.WalkStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmaApiStrictTest {
  private static final SourceId DEV = SourceId.of(0, 3, 0);
  private static final long BUF = 0x4000_0000L;

  private static RegisterHarness strict(UnitConfig unit, StageChoice stage) {
    return new RegisterHarness(
        unit, DriverOptions.defaults().withFlush(FlushMode.STRICT).withStage(stage));
  }

  @Test
  void mapWritesATranslationWithTheDirectionsRights() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.SECOND);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long toDev = dma.map(BUF + 0x10, 100, DmaDirection.TO_DEVICE);
    long fromDev = dma.map(BUF + 0x1000, 4096, DmaDirection.FROM_DEVICE);
    assertThat(toDev & 0xFFF).as("page offset kept").isEqualTo(0x10);
    assertThat(toDev).as("PCI devices get IOVAs below 4 GiB first").isLessThan(1L << 32);
    WalkResult r = d.ops().iovaToPhysical(toDev);
    assertThat(r.status()).isEqualTo(WalkStatus.LEAF);
    assertThat(r.outputAddress()).isEqualTo(BUF + 0x10);
    assertThat(Rights.allows(r.rights(), Rights.READ)).isTrue();
    assertThat(Rights.allows(r.rights(), Rights.WRITE)).isFalse();
    WalkResult w = d.ops().iovaToPhysical(fromDev);
    assertThat(Rights.allows(w.rights(), Rights.WRITE)).isTrue();
    assertThat(Rights.allows(w.rights(), Rights.READ)).as("second stage: write-only").isFalse();
    assertThat(d.counters().maps()).isEqualTo(2);
  }

  @Test
  void firstStageStrictUnmapIsOnePageSelectivePasidIotlbAndOneWait() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.AUTO);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long keep = dma.map(BUF, 4096, DmaDirection.BIDIRECTIONAL);
    long iova = dma.map(BUF + 0x2000, 4096, DmaDirection.BIDIRECTIONAL);
    InvalidationStats before = d.invalidations().stats();
    h.clear();
    dma.unmap(iova, 4096, DmaDirection.BIDIRECTIONAL);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.PASID_IOTLB_PAGES, d.did(), 0, 0, iova, iova + 0xFFF, true, 0));
    InvalidationStats after = d.invalidations().stats();
    assertThat(after.pasidIotlb() - before.pasidIotlb()).isEqualTo(1);
    assertThat(after.waits() - before.waits()).isEqualTo(1);
    assertThat(after.iotlb()).isZero();
    assertThat(d.ops().iovaToPhysical(iova).status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(d.ops().iovaToPhysical(keep).isLeaf()).isTrue();
    assertThat(d.iova().isAllocated(dev.vtdlab.driver.iova.IovaRange.ofPages(iova, 1)))
        .as("strict: IOVA released after the wait")
        .isFalse();
  }

  @Test
  void secondStageStrictUnmapIsAPageSelectiveIotlbInvalidation() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.SECOND);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    dma.map(BUF, 4096, DmaDirection.TO_DEVICE);
    long iova = dma.map(BUF + 0x3000, 3 * 4096, DmaDirection.TO_DEVICE);
    h.clear();
    dma.unmap(iova, 3 * 4096, DmaDirection.TO_DEVICE);
    assertThat(h.calls())
        .as("3 pages at a 4-page aligned IOVA: AM = 2")
        .containsExactly(
            new Invalidation(
                InvalidationKind.IOTLB_PAGES, d.did(), 0, 0, iova, iova + 0x3FFF, true, 0));
  }

  @Test
  void unmapThatFreesATablePageClearsTheInvalidationHint() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.SECOND);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long iova = dma.map(BUF, 4096, DmaDirection.TO_DEVICE);
    int frames = h.frames.framesInUse();
    h.clear();
    dma.unmap(iova, 4096, DmaDirection.TO_DEVICE);
    assertThat(h.calls()).hasSize(1);
    assertThat(h.calls().get(0).flag()).as("IH = 0: a table page was freed").isFalse();
    assertThat(h.frames.framesInUse())
        .as("freed table pages returned after the flush")
        .isLessThan(frames);
  }

  @Test
  void largeMasksFallBackToDomainSelective() {
    UnitConfig unit = RegisterHarness.withCap(UnitConfig.server(), 0, Cap.MAMV.mask());
    RegisterHarness h = strict(unit, StageChoice.SECOND);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    long iova = dma.map(BUF, 2 * 4096, DmaDirection.TO_DEVICE);
    h.clear();
    dma.unmap(iova, 2 * 4096, DmaDirection.TO_DEVICE);
    assertThat(h.kinds()).containsExactly(InvalidationKind.IOTLB_DOMAIN);
  }

  @Test
  void withoutPsiSecondStageFlushesAreDomainSelective() {
    UnitConfig unit = RegisterHarness.withCap(UnitConfig.legacy(), 0, Cap.PSI.mask());
    RegisterHarness h = strict(unit, StageChoice.AUTO);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    long iova = h.driver.dma(DEV).map(BUF, 4096, DmaDirection.TO_DEVICE);
    h.clear();
    h.driver.dma(DEV).unmap(iova, 4096, DmaDirection.TO_DEVICE);
    assertThat(h.kinds()).containsExactly(InvalidationKind.IOTLB_DOMAIN);
  }

  @Test
  void cachingModeInvalidatesAfterEachSecondStageMap() {
    RegisterHarness h =
        new RegisterHarness(
            UnitConfig.qemu(), DriverOptions.defaults().withStage(StageChoice.SECOND));
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    h.clear();
    long iova = h.driver.dma(DEV).map(BUF, 4096, DmaDirection.TO_DEVICE);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.IOTLB_PAGES, d.did(), 0, 0, iova, iova + 0xFFF, false, 0));
    assertThat(d.counters().mapFlushes()).isEqualTo(1);
    assertThat(d.policy().isStrict()).as("CM = 1 forces strict for second stage").isTrue();
  }

  @Test
  void cachingModeNeedsNoInvalidationAfterFirstStageMaps() {
    RegisterHarness h = new RegisterHarness(UnitConfig.qemu());
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    h.clear();
    h.driver.dma(DEV).map(BUF, 4096, DmaDirection.TO_DEVICE);
    assertThat(h.calls()).isEmpty();
  }

  @Test
  void scatterGatherListsMapIntoOneRangeWithSegmentOffsets() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.AUTO);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    List<SgSegment> sg =
        List.of(
            new SgSegment(BUF + 0x100, 0x200),
            new SgSegment(BUF + 0x10_0000, 0x2000),
            new SgSegment(BUF + 0x20_0F00, 0x200));
    SgMapping m = dma.mapSg(sg, DmaDirection.FROM_DEVICE);
    assertThat(m.pages()).isEqualTo(1 + 2 + 2);
    assertThat(m.segments()).hasSize(3);
    for (int i = 0; i < sg.size(); i++) {
      DmaSegment s = m.segments().get(i);
      assertThat(s.length()).isEqualTo(sg.get(i).length());
      for (long off = 0; off < s.length(); off += 0x100) {
        WalkResult r = d.ops().iovaToPhysical(s.dmaAddress() + off);
        assertThat(r.outputAddress())
            .as("segment %d offset 0x%x", i, off)
            .isEqualTo(sg.get(i).hpa() + off);
        assertThat(Rights.allows(r.rights(), Rights.WRITE)).isTrue();
      }
    }
    h.clear();
    dma.unmapSg(m);
    assertThat(h.kinds()).containsExactly(InvalidationKind.PASID_IOTLB_PAGES);
    for (DmaSegment s : m.segments()) {
      assertThat(d.ops().iovaToPhysical(s.dmaAddress()).isLeaf()).isFalse();
    }
  }

  @Test
  void unmappingSomethingNotMappedIsAnError() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.AUTO);
    h.driver.attach(DEV, h.driver.createDmaDomain());
    assertThatThrownBy(() -> h.driver.dma(DEV).unmap(0x1234_5000L, 4096, DmaDirection.TO_DEVICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a mapped DMA buffer");
  }

  @Test
  void identityDomainsMapToTheHostAddressAndBlockedDevicesHaveNoDmaApi() {
    RegisterHarness h = strict(UnitConfig.server(), StageChoice.AUTO);
    h.driver.attach(DEV, h.driver.identityDomain());
    assertThat(h.driver.dma(DEV).map(BUF + 5, 10, DmaDirection.TO_DEVICE)).isEqualTo(BUF + 5);
    h.driver.detach(DEV);
    assertThatThrownBy(() -> h.driver.dma(DEV)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void registerBasedInvalidationServesStrictUnmaps() {
    UnitConfig unit =
        RegisterHarness.withEcap(UnitConfig.legacy(), 0, dev.vtdlab.hw.cap.Ecap.QI.mask());
    RegisterHarness h = strict(unit, StageChoice.AUTO);
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DEV, d);
    DmaApi dma = h.driver.dma(DEV);
    dma.map(BUF, 4096, DmaDirection.TO_DEVICE);
    long iova = dma.map(BUF + 0x1000, 4096, DmaDirection.TO_DEVICE);
    h.clear();
    dma.unmap(iova, 4096, DmaDirection.TO_DEVICE);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.IOTLB_PAGES, d.did(), 0, 0, iova, iova + 0xFFF, true, 0));
    assertThat(d.invalidations().stats().iotlb()).isEqualTo(1);
    assertThat(d.invalidations().stats().waits())
        .as("no wait descriptors without a queue")
        .isZero();
  }
}
