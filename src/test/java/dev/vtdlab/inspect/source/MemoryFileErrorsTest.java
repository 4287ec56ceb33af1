package dev.vtdlab.inspect.source;

import static dev.vtdlab.inspect.source.SyntheticCore.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad memory file gives one clear one-line error that names the file and the problem. */
class MemoryFileErrorsTest {
  @TempDir Path dir;

  private static void assertRefused(Path f, String problem) {
    assertThatThrownBy(() -> MemorySources.open(f).close())
        .isInstanceOf(DumpFormatException.class)
        .hasMessage(f + ": " + problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static void assertRefusedContaining(Path f, String problem) {
    assertThatThrownBy(() -> MemorySources.open(f).close())
        .isInstanceOf(DumpFormatException.class)
        .hasMessageStartingWith(f + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] core() {
    return new SyntheticCore().segment(0x1000, pattern(0x1000, 1)).bytes();
  }

  @Test
  void aMissingFileIsNamed() {
    assertRefused(dir.resolve("nope.elf"), "no such file");
  }

  @Test
  void aDirectoryIsRefused() {
    assertRefused(dir, "is a directory, not a memory file");
  }

  @Test
  void anEmptyFileIsOfUnknownFormat() throws Exception {
    assertRefusedContaining(
        write("e", new byte[0]), "unknown format (not an ELF core: starts with nothing");
  }

  @Test
  void unrecognisedBytesAreAnUnknownFormat() throws Exception {
    assertRefused(
        write(
            "x.bin",
            "hello world, not a dump".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        "unknown format (not an ELF core: starts with 68 65 6c 6c; for a raw memory image give its"
            + " base address)");
  }

  @Test
  void aShortElfHeaderIsTruncated() throws Exception {
    assertRefused(
        write("short.elf", Arrays.copyOf(core(), 40)),
        "truncated ELF header (40 bytes, an ELF64 header needs 64)");
  }

  @Test
  void anElf32FileIsNotElf64() throws Exception {
    assertRefused(
        write("c32.elf", new SyntheticCore().segment(0, pattern(16, 1)).elfClass(1).bytes()),
        "not an ELF64 file (EI_CLASS 1: ELF32, expected 2: ELF64)");
  }

  @Test
  void aBigEndianFileIsRefused() throws Exception {
    assertRefused(
        write("be.elf", new SyntheticCore().segment(0, pattern(16, 1)).dataEncoding(2).bytes()),
        "not a little-endian ELF file (EI_DATA 2, expected 1)");
  }

  @Test
  void anExecutableIsNotACoreFile() throws Exception {
    assertRefused(
        write("a.out", new SyntheticCore().segment(0, pattern(16, 1)).type(2).bytes()),
        "not a core file (ELF type ET_EXEC, expected ET_CORE)");
  }

  @Test
  void aSegmentBeyondTheFileEndIsTruncation() throws Exception {
    byte[] full = core();
    Path f = write("cut.elf", Arrays.copyOf(full, full.length - 100));
    assertRefusedContaining(f, "truncated: segment 1 (physical 0x1000-0x1fff) needs file bytes");
    assertRefusedContaining(f, "beyond the file's end 0x" + Integer.toHexString(full.length - 100));
  }

  @Test
  void aSegmentOffsetBeyondTheFileIsTruncation() throws Exception {
    Path f =
        write(
            "off.elf",
            new SyntheticCore().segment(0, pattern(64, 1)).shiftSegmentOffsets(1L << 40).bytes());
    assertRefusedContaining(f, "truncated: segment 1");
  }

  @Test
  void programHeadersBeyondTheFileEndAreTruncation() throws Exception {
    Path f = write("ph.elf", Arrays.copyOf(core(), 100));
    assertRefused(f, "truncated: 2 program headers at offset 0x40 end beyond the file's end 0x64");
  }

  @Test
  void aWrongProgramHeaderSizeIsRefused() throws Exception {
    assertRefused(
        write("phs.elf", new SyntheticCore().segment(0, pattern(16, 1)).phentsize(32).bytes()),
        "program header size 32 (an ELF64 program header is 56 bytes)");
  }

  @Test
  void aCoreWithoutMemoryIsRefused() throws Exception {
    assertRefused(
        write("nomem.elf", new SyntheticCore().bytes()),
        "core file has no PT_LOAD segment (no memory)");
  }

  @Test
  void overlappingSegmentsAreRefused() throws Exception {
    assertRefused(
        write(
            "ovl.elf",
            new SyntheticCore()
                .segment(0x1000, pattern(0x1000, 1))
                .segment(0x1800, pattern(0x1000, 2))
                .bytes()),
        "segments overlap: physical 0x1000-0x1fff and 0x1800-0x27ff");
  }

  @Test
  void otherCompressionsAskToBeDecompressedFirst() throws Exception {
    assertRefused(
        write("d.xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0}),
        "xz-compressed: decompress it first (unxz -k)");
    assertRefused(
        write("d.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}),
        "zstd-compressed: decompress it first (unzstd)");
    assertRefused(
        write("d.bz2", new byte[] {'B', 'Z', 'h', '9'}),
        "bzip2-compressed: decompress it first (bunzip2 -k)");
  }

  @Test
  void aKdumpCompressedDumpIsNamed() throws Exception {
    assertRefusedContaining(
        write("d.kdump", "KDUMP   \0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        "kdump-compressed format is not supported");
  }

  @Test
  void aTruncatedGzipFileIsRefused() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(core());
    }
    byte[] gz = bos.toByteArray();
    assertRefusedContaining(
        write("cut.elf.gz", Arrays.copyOf(gz, gz.length / 2)), "corrupt or truncated gzip data");
  }

  @Test
  void aGzipOfSomethingElseIsAnUnknownFormat() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(new byte[] {1, 2, 3, 4, 5});
    }
    assertRefusedContaining(write("x.gz", bos.toByteArray()), "unknown format");
  }
}
