package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.fault.FaultBatch;
import dev.vtdlab.driver.fault.ReportedFault;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmaAfterUnmapTest {
  private static final SourceId DEV = SourceId.of(0, 5, 1);

  private static UnitHarness system(String preset, StageChoice stage, FlushMode flush) {
    return new UnitHarness(
        UnitConfig.preset(preset), DriverOptions.defaults().withStage(stage).withFlush(flush));
  }

  @ParameterizedTest(name = "{0} {1} {2}: write after unmap -> {3}")
  @CsvSource({
    "server, AUTO, STRICT, SFS_2",
    "server, AUTO, LAZY, SFS_2",
    "server, SECOND, STRICT, SSS_2",
    "server, SECOND, LAZY, SSS_2",
    "qemu, AUTO, LAZY, SFS_2",
    "qemu, SECOND, LAZY, SSS_2",
    "legacy, AUTO, STRICT, LGN_2",
    "legacy, AUTO, LAZY, LGN_2"
  })
  void aDeviceWriteAfterUnmapAndFlushFaultsAndTheDriverReportsIt(
      String preset, StageChoice stage, FlushMode flush, FaultReason expected) {
    UnitHarness h = system(preset, stage, flush);
    h.driver.attach(DEV, h.driver.createDmaDomain());
    DmaApi dma = h.driver.dma(DEV);
    long buffer = h.kernel.allocate();
    long iova = dma.map(buffer, 4096, DmaDirection.FROM_DEVICE);
    byte[] data = {1, 2, 3, 4};
    assertThat(h.port.write(Requester.of(DEV), iova + 8, data, 0, 4).completed()).isTrue();
    assertThat(h.memory.read32(buffer + 8)).isEqualTo(0x04030201);
    dma.unmap(iova, 4096, DmaDirection.FROM_DEVICE);
    h.driver.flushAll();
    h.memory.write32(buffer + 8, 0);
    DmaResult r = h.port.write(Requester.of(DEV), iova + 8, data, 0, 4);
    assertThat(r).isInstanceOf(DmaResult.Faulted.class);
    assertThat(((DmaResult.Faulted) r).fault().reason()).isEqualTo(expected);
    assertThat(h.memory.read32(buffer + 8)).as("aborted: memory untouched").isZero();
    FaultBatch batch = h.driver.serviceFaults();
    assertThat(batch.faults()).hasSize(1);
    ReportedFault f = batch.faults().get(0);
    assertThat(f.reason()).isEqualTo(expected);
    assertThat(f.sid()).isEqualTo(DEV);
    assertThat(f.address()).isEqualTo(iova & ~0xFFFL);
    assertThat(f.write()).isTrue();
    assertThat(f.hasPasid()).isFalse();
    assertThat(h.driver.serviceFaults().faults()).as("cleared").isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}: write to a to-device buffer -> {2}")
  @CsvSource({"server, AUTO, SGN_6", "server, SECOND, SGN_6", "legacy, AUTO, LGN_2"})
  void aDeviceWriteToAReadOnlyMappingFaultsWithoutWritePermission(
      String preset, StageChoice stage, FaultReason expected) {
    UnitHarness h = system(preset, stage, FlushMode.STRICT);
    h.driver.attach(DEV, h.driver.createDmaDomain());
    long buffer = h.kernel.allocate();
    long iova = h.driver.dma(DEV).map(buffer, 4096, DmaDirection.TO_DEVICE);
    byte[] one = new byte[1];
    assertThat(h.port.read(Requester.of(DEV), iova, one, 0, 1).completed()).isTrue();
    DmaResult r = h.port.write(Requester.of(DEV), iova, one, 0, 1);
    assertThat(((DmaResult.Faulted) r).fault().reason()).isEqualTo(expected);
    assertThat(h.driver.serviceFaults().faults().get(0).reason()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: read of a from-device buffer -> {1}")
  @CsvSource({"server, SGN_7", "legacy, LGN_3"})
  void secondStageWriteOnlyMappingsRefuseReads(String preset, FaultReason expected) {
    UnitHarness h = system(preset, StageChoice.SECOND, FlushMode.STRICT);
    h.driver.attach(DEV, h.driver.createDmaDomain());
    long iova = h.driver.dma(DEV).map(h.kernel.allocate(), 4096, DmaDirection.FROM_DEVICE);
    DmaResult r = h.port.read(Requester.of(DEV), iova, new byte[4], 0, 4);
    assertThat(((DmaResult.Faulted) r).fault().reason()).isEqualTo(expected);
    assertThat(h.driver.serviceFaults().faults().get(0).write()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"server", "qemu"})
  void aPasidAttachmentTranslatesRequestsWithThatPasid(String preset) {
    UnitHarness h = system(preset, StageChoice.AUTO, FlushMode.STRICT);
    var a = h.driver.createDmaDomain();
    var b = h.driver.createDmaDomain();
    h.driver.attach(DEV, a);
    h.driver.attach(DEV, 7, b);
    long bufA = h.kernel.allocate();
    long bufB = h.kernel.allocate();
    long iovaA = h.driver.dma(DEV).map(bufA, 4096, DmaDirection.FROM_DEVICE);
    long iovaB = h.driver.dma(DEV, 7).map(bufB, 4096, DmaDirection.FROM_DEVICE);
    byte[] x = {9};
    assertThat(h.port.write(Requester.withPasid(DEV, 7), iovaB, x, 0, 1).completed()).isTrue();
    assertThat(h.memory.read8(bufB)).isEqualTo((byte) 9);
    assertThat(h.port.write(Requester.of(DEV), iovaA, x, 0, 1).completed()).isTrue();
    assertThat(h.memory.read8(bufA)).isEqualTo((byte) 9);
    h.driver.detach(DEV, 7);
    DmaResult r = h.port.write(Requester.withPasid(DEV, 7), iovaB, x, 0, 1);
    assertThat(((DmaResult.Faulted) r).fault().reason()).isEqualTo(FaultReason.SPT_2);
    ReportedFault f = h.driver.serviceFaults().faults().get(0);
    assertThat(f.hasPasid()).isTrue();
    assertThat(f.pasid()).isEqualTo(7);
  }
}
