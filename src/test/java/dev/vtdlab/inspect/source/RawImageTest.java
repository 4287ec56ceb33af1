package dev.vtdlab.inspect.source;

import static dev.vtdlab.inspect.source.SyntheticCore.le64;
import static dev.vtdlab.inspect.source.SyntheticCore.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.mem.MemoryAccessException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageTest {
  @TempDir Path dir;

  @Test
  void fileOffsetZeroIsTheBaseAddress() throws Exception {
    byte[] data = pattern(0x3000, 7);
    Path f = Files.write(dir.resolve("mem.raw"), data);
    try (MemoryDump m = MemorySources.openRaw(f, 0x8000_0000L)) {
      assertThat(m.format()).isEqualTo(DumpFormat.RAW);
      assertThat(m.segments()).containsExactly(new DumpSegment(0x8000_0000L, 0x8000_2fffL, 0));
      assertThat(m.read64(0x8000_0000L)).isEqualTo(le64(data, 0));
      assertThat(m.read64(0x8000_1ffcL)).isEqualTo(le64(data, 0x1ffc));
    }
  }

  @Test
  void addressesBelowTheBaseOrBeyondTheImageAreAbsent() throws Exception {
    Path f = Files.write(dir.resolve("mem.raw"), pattern(0x1000, 7));
    try (MemoryDump m = MemorySources.openRaw(f, 0x10000)) {
      assertThat(m.isReadable(0xfff8, 8)).isFalse();
      assertThat(m.isReadable(0x10ffc, 8)).isFalse();
      assertThatThrownBy(() -> m.read64(0x11000))
          .isInstanceOf(MemoryAccessException.class)
          .hasMessageContaining("address 0x11000 is not in raw image mem.raw");
    }
  }

  @Test
  void anEmptyRawImageIsRefused() throws Exception {
    Path f = Files.write(dir.resolve("empty.raw"), new byte[0]);
    assertThatThrownBy(() -> MemorySources.openRaw(f, 0))
        .isInstanceOf(DumpFormatException.class)
        .hasMessage(f + ": empty raw image (no memory)");
  }

  @Test
  void aRawImageReachingBeyondFiftyTwoBitsIsRefused() throws Exception {
    Path f = Files.write(dir.resolve("mem.raw"), pattern(0x1000, 1));
    assertThatThrownBy(() -> MemorySources.openRaw(f, (1L << 52) - 0x800))
        .isInstanceOf(DumpFormatException.class)
        .hasMessageContaining("reaches beyond 52-bit physical addresses");
    assertThatThrownBy(() -> MemorySources.openRaw(f, -4096))
        .isInstanceOf(DumpFormatException.class);
  }

  @Test
  void anElfFileGivenAsARawImageIsRefused() throws Exception {
    Path f = new SyntheticCore().segment(0, pattern(0x1000, 1)).write(dir, "c.elf");
    assertThatThrownBy(() -> MemorySources.openRaw(f, 0))
        .isInstanceOf(DumpFormatException.class)
        .hasMessageContaining("is an ELF file, not a raw image");
  }
}
