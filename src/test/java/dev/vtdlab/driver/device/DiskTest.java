package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.dma.SgSegment;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.hw.cap.UnitConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskTest {
  private static final SourceId DISK = SourceId.of(0, 0x1f, 2);

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "server, AUTO, LAZY",
    "server, SECOND, STRICT",
    "qemu, AUTO, STRICT",
    "legacy, AUTO, LAZY"
  })
  void blocksGoFromMemoryToDiskAndBackThroughScatterGatherLists(
      String preset, StageChoice stage, FlushMode flush) {
    UnitHarness h =
        new UnitHarness(
            UnitConfig.preset(preset), DriverOptions.defaults().withStage(stage).withFlush(flush));
    DmaDomain d = h.driver.createDmaDomain();
    h.driver.attach(DISK, d);
    DiskDevice disk = new DiskDevice(h.port, Requester.of(DISK), 64);
    DiskDriver dd = new DiskDriver(h.driver.dma(DISK), disk);
    long seed = Long.getLong("vtdlab.seed", 7);
    Random rnd = new Random(seed);
    byte[] data = new byte[8 * DiskDevice.BLOCK_BYTES];
    rnd.nextBytes(data);
    long a = h.kernel.allocate();
    long b = h.kernel.allocate();
    h.memory.writeBytes(a + 0x200, data, 0, 0x600);
    h.memory.writeBytes(b, data, 0x600, data.length - 0x600);
    List<SgSegment> out =
        List.of(new SgSegment(a + 0x200, 0x600), new SgSegment(b, data.length - 0x600));
    assertThat(dd.write(10, out).completed()).as("seed %d", seed).isTrue();
    for (int i = 0; i < 8; i++) {
      byte[] expected = java.util.Arrays.copyOfRange(data, i * 512, (i + 1) * 512);
      assertThat(java.util.Arrays.equals(disk.block(10 + i), expected))
          .as("block %d, seed %d", 10 + i, seed)
          .isTrue();
    }
    long c = h.kernel.allocate();
    long e = h.kernel.allocate();
    List<SgSegment> in = List.of(new SgSegment(c + 0xC00, 0x400), new SgSegment(e, 0xC00));
    assertThat(dd.read(10, in).completed()).isTrue();
    byte[] back = new byte[data.length];
    h.memory.readBytes(c + 0xC00, back, 0, 0x400);
    h.memory.readBytes(e, back, 0x400, 0xC00);
    assertThat(java.util.Arrays.equals(back, data)).as("read back, seed %d", seed).isTrue();
    h.driver.flushAll();
    assertThat(d.ops().mappings()).as("every command unmapped its list").isEmpty();
    assertThat(h.driver.serviceFaults().faults()).isEmpty();
  }
}
