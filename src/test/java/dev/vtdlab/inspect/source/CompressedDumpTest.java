package dev.vtdlab.inspect.source;

import static dev.vtdlab.inspect.source.SyntheticCore.le64;
import static dev.vtdlab.inspect.source.SyntheticCore.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedDumpTest {
  @TempDir Path dir;

  private Path gzip(String name, byte[] data) throws Exception {
    Path f = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(data);
    }
    return f;
  }

  private static long tempCopies() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("vtdlab-dump-")).count();
    }
  }

  @Test
  void aGzipCoreReadsLikeThePlainOneAndItsCopyIsDeletedOnClose() throws Exception {
    byte[] data = pattern(0x2000, 3);
    Path f = gzip("c.elf.gz", new SyntheticCore().segment(0x40_0000, data).bytes());
    long before = tempCopies();
    MemoryDump m = MemorySources.open(f);
    assertThat(m.file()).isEqualTo(f);
    assertThat(m.format()).isEqualTo(DumpFormat.ELF_CORE);
    assertThat(m.read64(0x40_1238)).isEqualTo(le64(data, 0x1238));
    assertThat(tempCopies()).isEqualTo(before + 1);
    m.close();
    assertThat(tempCopies()).isEqualTo(before);
  }

  @Test
  void aGzipRawImageOpensAtItsBase() throws Exception {
    byte[] data = pattern(0x1000, 5);
    Path f = gzip("m.raw.gz", data);
    try (MemoryDump m = MemorySources.openRaw(f, 0x7000)) {
      assertThat(m.format()).isEqualTo(DumpFormat.RAW);
      assertThat(m.read64(0x7ff8)).isEqualTo(le64(data, 0xff8));
    }
  }
}
