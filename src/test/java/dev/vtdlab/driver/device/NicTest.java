package dev.vtdlab.driver.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.hw.cap.UnitConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NicTest {
  private static final SourceId NIC = SourceId.of(1, 0, 0);

  private static byte[] packet(int i) {
    return ("packet number " + i + " ").repeat(10 + i).getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "server, AUTO, LAZY",
    "server, SECOND, STRICT",
    "qemu, AUTO, LAZY",
    "qemu, SECOND, LAZY",
    "legacy, AUTO, STRICT",
    "legacy, AUTO, LAZY"
  })
  void packetsTravelThroughTheRingsInBothDirections(
      String preset, StageChoice stage, FlushMode flush) {
    UnitHarness h =
        new UnitHarness(
            UnitConfig.preset(preset), DriverOptions.defaults().withStage(stage).withFlush(flush));
    DmaDomain domain = h.driver.createDmaDomain();
    h.driver.attach(NIC, domain);
    NicDevice nic = new NicDevice(h.port, Requester.of(NIC));
    NicDriver nd = new NicDriver(h.driver.dma(NIC), nic, h.kernel, 16, 2048);
    nd.start();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        int slot = nd.rxNext() + i;
        long hpa = nd.rxBufferHpa(slot % 16);
        byte[] p = packet(round * 10 + i);
        assertThat(nic.receive(p).completed()).isTrue();
        byte[] landed = new byte[p.length];
        h.memory.readBytes(hpa, landed, 0, p.length);
        assertThat(landed).as("packet in the frame its descriptor names").isEqualTo(p);
      }
      List<byte[]> got = nd.poll();
      assertThat(got).hasSize(10);
      for (int i = 0; i < 10; i++) {
        assertThat(got.get(i)).isEqualTo(packet(round * 10 + i));
      }
    }
    for (int i = 0; i < 40; i++) {
      assertThat(nd.send(packet(100 + i)).completed()).isTrue();
    }
    assertThat(nic.wire()).hasSize(40);
    assertThat(nic.wire().get(39)).isEqualTo(packet(139));
    assertThat(nic.dropped()).isZero();
    assertThat(h.faultsRecorded()).isZero();
    assertThat(h.driver.serviceFaults().faults()).isEmpty();
  }
}
