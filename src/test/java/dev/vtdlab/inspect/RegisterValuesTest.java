package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterValuesTest {
  @TempDir Path dir;

  private RegisterValues parse(String text) throws Exception {
    return RegisterValues.parse(Files.writeString(dir.resolve("regs.txt"), text));
  }

  @Test
  void nameOffsetValueLinesAsTheGuestAndDebugfsPrintThem() throws Exception {
    RegisterValues r =
        parse(
            "== dmar registers\nVER 0x00 0x00000010\nCAP 0x08 0x00D2008C22260206\n"
                + "ECAP\t\t0x10\t\t0x0000000000F00F4A\nRTADDR_REG 0x20 0x00000000061A3000\n");
    assertThat(r.rtaddr().value()).isEqualTo(0x61a3000L);
    assertThat(r.rtaddr().mode()).isEqualTo(RootTablePointer.Mode.LEGACY);
    assertThat(r.capabilitiesKnown()).isTrue();
    assertThat(r.unit().cap().value()).isEqualTo(0xd2008c22260206L);
    assertThat(r.unit().ecap().value()).isEqualTo(0xf00f4aL);
    assertThat(r.unit().haw()).as("MGAW 38 + 1").isEqualTo(39);
  }

  @Test
  void pairsAsSysfsAndMonitorCapturesPrintThem() throws Exception {
    RegisterValues r =
        parse(
            "unit dmar0 address=fed90000 cap=d2008c222f0606 ecap=480080f00f4a\nrtaddr: 0x61a2400\nHAW=46\n");
    assertThat(r.rtaddr().rootTableHpa()).isEqualTo(0x61a2000L);
    assertThat(r.rtaddr().mode()).isEqualTo(RootTablePointer.Mode.SCALABLE);
    assertThat(r.unit().ecap().scalableMode()).isTrue();
    assertThat(r.unit().haw()).isEqualTo(46);
  }

  @Test
  void theFixtureGuestOutputIsARegisterFile() throws Exception {
    RegisterValues r =
        RegisterValues.parse(new RealFixture("legacy").dir.resolve("guest-output.txt"));
    assertThat(r.values()).containsKeys("VER", "CAP", "ECAP", "GSTS", "RTADDR", "IQA", "IRTA");
    assertThat(r.values().get("IQA")).isEqualTo(0x49bc000L);
  }

  @Test
  void withoutCapabilitiesTheServerPresetIsAssumed() {
    RegisterValues r = RegisterValues.ofRtaddr(0x1000);
    assertThat(r.capabilitiesKnown()).isFalse();
    assertThat(r.unit().name()).isEqualTo("server");
  }

  @Test
  void badFilesAreOneLineErrors() throws Exception {
    assertThatThrownBy(() -> parse("CAP 0x08 0x1\n"))
        .hasMessageEndingWith("regs.txt: no RTADDR value");
    assertThatThrownBy(() -> parse("RTADDR 0x20 0xfoo\n"))
        .hasMessageEndingWith("regs.txt line 1: RTADDR value '0xfoo' is not a number");
    assertThatThrownBy(() -> parse("RTADDR 0x1000\nHAW 60\nCAP 1\nECAP 2\n").unit())
        .hasMessageContaining("HAW 60 out of range (32..52 bits)");
    assertThatThrownBy(() -> RegisterValues.parse(dir.resolve("none")))
        .hasMessageEndingWith("none: no such file");
  }

  @Test
  void rtaddrDecodesTtmAndReservedBits() {
    RootTablePointer p = new RootTablePointer(0x1234_5000L | 0xC00 | 0x5);
    assertThat(p.mode()).isEqualTo(RootTablePointer.Mode.ABORT_DMA);
    assertThat(p.rootTableHpa()).isEqualTo(0x1234_5000L);
    assertThat(p.reservedBits()).isEqualTo(0x5);
  }
}
