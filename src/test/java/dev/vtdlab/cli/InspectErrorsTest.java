package dev.vtdlab.cli;

import static dev.vtdlab.cli.InspectCommandTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input to {@code vtdlab inspect}: exit code 2 and one clear line on stderr. */
class InspectErrorsTest {
  @TempDir Path dir;

  private static String legacyDump() {
    return fixture("legacy", "dump.elf.gz").toString();
  }

  private static String legacyRegisters() {
    return fixture("legacy", "guest-output.txt").toString();
  }

  private static void assertOneLineError(CliRun run, String expected) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("vtdlab: ").endsWith("\n");
    assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains(expected);
  }

  @Test
  void aMissingMemoryFile() {
    Path f = dir.resolve("nope.elf");
    assertOneLineError(
        CliRun.of("inspect", "--memory", f.toString(), "--rtaddr", "0x1000", "devices"),
        f + ": no such file");
  }

  @Test
  void aTruncatedDump() throws Exception {
    byte[] full;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(legacyDump())))) {
      full = in.readAllBytes();
    }
    Path f = Files.write(dir.resolve("cut.elf"), Arrays.copyOf(full, full.length / 2));
    assertOneLineError(
        CliRun.of("inspect", "--memory", f.toString(), "--registers", legacyRegisters(), "devices"),
        f + ": truncated: segment ");
  }

  @Test
  void anUnknownFormat() throws Exception {
    Path f = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
    assertOneLineError(
        CliRun.of("inspect", "--memory", f.toString(), "--rtaddr", "0x1000", "devices"),
        f + ": unknown format (not an ELF core: starts with 6a 75 73 74");
  }

  @Test
  void aCoreThatIsNotElf64() throws Exception {
    byte[] elf32 = new byte[52];
    elf32[0] = 0x7f;
    elf32[1] = 'E';
    elf32[2] = 'L';
    elf32[3] = 'F';
    elf32[4] = 1;
    elf32[5] = 1;
    Path f = Files.write(dir.resolve("core32"), elf32);
    assertOneLineError(
        CliRun.of("inspect", "--memory", f.toString(), "--rtaddr", "0x1000", "devices"),
        "not an ELF64 file");
  }

  @Test
  void aRootTableOutsideTheDump() {
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "--rtaddr", "0x100000", "devices"),
        "root table at 0x100000 (RTADDR 0x100000) is not in the memory dump");
  }

  @Test
  void aTableOutsideTheDumpIsReportedNeverReadAsZero() throws Exception {
    // A raw image of one PML4 at 0x10000 whose entry 0 points to 0x200000, outside the image.
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(0x1000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(0, 0x200003L);
    Path f = Files.write(dir.resolve("pml4.raw"), b.array());
    CliRun run =
        CliRun.of(
            "inspect",
            "--memory",
            f.toString(),
            "--base",
            "0x10000",
            "cpu",
            "--cr3",
            "0x10000",
            "--va",
            "0x1000");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .endsWith("VA 0x1000: the level-3 table at 0x200000 is not in the memory dump\n");
    CliRun list =
        CliRun.of(
            "inspect", "--memory", f.toString(), "--base", "0x10000", "cpu", "--cr3", "0x10000");
    assertThat(list.out())
        .contains("0 runs, 0 pages")
        .contains("problem: CR3 PDPE table @0x200000: table is not in the memory dump");
  }

  @Test
  void devicesWithoutRtaddrOrRegisters() {
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "devices"),
        "inspect devices needs the root table: give --rtaddr VALUE or --registers FILE");
  }

  @Test
  void bothRtaddrAndRegisters() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            legacyDump(),
            "--rtaddr",
            "0x1000",
            "--registers",
            legacyRegisters(),
            "devices"),
        "mutually exclusive");
  }

  @Test
  void aBadRtaddrValue() {
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "--rtaddr", "61a3000", "devices"),
        "--rtaddr value '61a3000' is not a 64-bit number (hex needs 0x, as in 0x61a3000;"
            + " otherwise decimal)");
  }

  @Test
  void aDeviceWithoutContextEntry() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            legacyDump(),
            "--registers",
            legacyRegisters(),
            "mappings",
            "--device",
            "00:05.0"),
        "device 00:05.0 has no present context entry (see 'inspect devices')");
  }

  @Test
  void aPasidWithoutEntry() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            fixture("scalable", "dump.elf.gz").toString(),
            "--registers",
            fixture("scalable", "guest-output.txt").toString(),
            "mappings",
            "--device",
            "00:02.0",
            "--pasid",
            "5"),
        "device 00:02.0 has no present PASID entry for PASID 5");
  }

  @Test
  void aBadDevice() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            legacyDump(),
            "--registers",
            legacyRegisters(),
            "mappings",
            "--device",
            "zz:1"),
        "zz:1");
  }

  @Test
  void aMissingRegisterFile() {
    Path f = dir.resolve("regs.txt");
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "--registers", f.toString(), "devices"),
        f + ": no such file");
  }

  @Test
  void aRegisterFileWithoutRtaddr() throws Exception {
    Path f = Files.writeString(dir.resolve("regs.txt"), "CAP 0x08 0xd2008c22260206\n");
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "--registers", f.toString(), "devices"),
        f + ": no RTADDR value");
  }

  @Test
  void aRegisterFileWithTwoUnits() throws Exception {
    Path f = Files.writeString(dir.resolve("regs.txt"), "RTADDR 0x1000\nRTADDR 0x2000\n");
    assertOneLineError(
        CliRun.of("inspect", "--memory", legacyDump(), "--registers", f.toString(), "devices"),
        f + " line 2: RTADDR given twice (0x1000, then 0x2000): one unit per file");
  }

  @Test
  void anExecuteRequestWithoutPasid() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            legacyDump(),
            "--registers",
            legacyRegisters(),
            "translate",
            "--device",
            "00:02.0",
            "--iova",
            "0x1000",
            "--exec"),
        "--exec needs --pasid: only requests with PASID carry it (D3)");
  }

  @Test
  void aTranslateWithoutIova() {
    assertOneLineError(
        CliRun.of(
            "inspect",
            "--memory",
            legacyDump(),
            "--registers",
            legacyRegisters(),
            "translate",
            "--device",
            "00:02.0"),
        "Missing required option: '--iova=VALUE'");
  }

  @Test
  void vaAndPagesTogether() {
    assertOneLineError(
        CliRun.of(
            "inspect", "--memory", legacyDump(), "cpu", "--cr3", "0x1000", "--va", "0", "--pages"),
        "--va and --pages cannot be combined");
  }

  @Test
  void aBaseAddressForAnElfCore() {
    assertOneLineError(
        CliRun.of(
            "inspect", "--memory", legacyDump(), "--base", "0", "--rtaddr", "0x1000", "devices"),
        "is an ELF file, not a raw image");
  }

  @Test
  void noMemoryOption() {
    assertOneLineError(
        CliRun.of("inspect", "--rtaddr", "0x1000", "devices"),
        "Missing required option: '--memory=FILE'");
  }

  @Test
  void aRawImageWorksWithItsBase() throws Exception {
    // A raw image holding one legacy root table at 0x10000 with no present entry.
    Path f = Files.write(dir.resolve("mem.raw"), new byte[0x2000]);
    CliRun run =
        CliRun.of(
            "inspect",
            "--memory",
            f.toString(),
            "--base",
            "0x10000",
            "--rtaddr",
            "0x10000",
            "devices");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("0 devices");
  }
}
