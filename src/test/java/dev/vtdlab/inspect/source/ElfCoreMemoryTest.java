package dev.vtdlab.inspect.source;

import static dev.vtdlab.inspect.source.SyntheticCore.le64;
import static dev.vtdlab.inspect.source.SyntheticCore.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.mem.MemoryAccessException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfCoreMemoryTest {
  @TempDir Path dir;

  @Test
  void eachLoadSegmentAppearsAtItsPhysicalAddress() throws Exception {
    byte[] low = pattern(0x1000, 1);
    byte[] high = pattern(0x2000, 5);
    Path f = new SyntheticCore().segment(0x1000, low).segment(0x10_0000, high).write(dir, "c.elf");
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.format()).isEqualTo(DumpFormat.ELF_CORE);
      assertThat(m.segments())
          .containsExactly(
              new DumpSegment(0x1000, 0x1fff, m.segments().get(0).fileOffset()),
              new DumpSegment(0x10_0000, 0x10_1fff, m.segments().get(1).fileOffset()));
      assertThat(m.bytesHeld()).isEqualTo(0x3000);
      assertThat(m.read64(0x1000)).isEqualTo(le64(low, 0));
      assertThat(m.read64(0x1ff8)).isEqualTo(le64(low, 0xff8));
      assertThat(m.read64(0x10_1003)).isEqualTo(le64(high, 0x1003));
      assertThat(m.read32(0x10_0010)).isEqualTo((int) le64(high, 0x10));
      assertThat(m.read16(0x10_0011)).isEqualTo((short) le64(high, 0x11));
      assertThat(m.read8(0x1005)).isEqualTo(low[5]);
      byte[] back = new byte[0x2000];
      m.readBytes(0x10_0000, back, 0, back.length);
      assertThat(back).isEqualTo(high);
      assertThat(m.readCount()).as("one per call").isEqualTo(7);
    }
  }

  @Test
  void anAddressInNoSegmentIsAbsentNotZero() throws Exception {
    Path f =
        new SyntheticCore()
            .segment(0x1000, pattern(0x1000, 1))
            .segment(0x10_0000, pattern(0x1000, 2))
            .write(dir, "c.elf");
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.isReadable(0x0, 8)).isFalse();
      assertThat(m.isReadable(0x2000, 8)).isFalse();
      assertThat(m.isReadable(0x1ffc, 8)).as("runs off the end of a segment").isFalse();
      assertThat(m.isReadable(0x10_1000, 1)).isFalse();
      assertThat(m.isReadable(0x1ff8, 8)).isTrue();
      assertThatThrownBy(() -> m.read64(0x5000))
          .isInstanceOf(MemoryAccessException.class)
          .hasMessage(
              "read of 8 bytes at 0x5000: address 0x5000 is not in ELF core c.elf (segment below"
                  + " ends at 0x1fff, next segment starts at 0x100000)");
      assertThatThrownBy(() -> m.read32(0x1ffe))
          .isInstanceOf(MemoryAccessException.class)
          .hasMessageContaining("address 0x2000 is not in ELF core c.elf");
      assertThatThrownBy(() -> m.read8(0x20_0000))
          .hasMessageContaining("no segment above")
          .satisfies(e -> assertThat(((MemoryAccessException) e).address()).isEqualTo(0x20_0000));
      assertThatThrownBy(() -> m.read8(0)).hasMessageContaining("no segment below");
      assertThatThrownBy(() -> m.readBytes(0x1800, new byte[0x1000], 0, 0x1000))
          .isInstanceOf(MemoryAccessException.class);
    }
  }

  @Test
  void adjacentSegmentsReadAsOneRangeEvenWhenListedOutOfOrder() throws Exception {
    byte[] a = pattern(0x1000, 3);
    byte[] b = pattern(0x1000, 9);
    Path f = new SyntheticCore().segment(0x3000, b).segment(0x2000, a).write(dir, "c.elf");
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.segments()).extracting(DumpSegment::start).containsExactly(0x2000L, 0x3000L);
      byte[] joined = new byte[0x2000];
      System.arraycopy(a, 0, joined, 0, 0x1000);
      System.arraycopy(b, 0, joined, 0x1000, 0x1000);
      assertThat(m.isReadable(0x2ffc, 8)).isTrue();
      assertThat(m.read64(0x2ffc)).isEqualTo(le64(joined, 0xffc));
      assertThat(m.read32(0x2ffe)).isEqualTo((int) le64(joined, 0xffe));
      byte[] back = new byte[0x2000];
      m.readBytes(0x2000, back, 0, back.length);
      assertThat(back).isEqualTo(joined);
    }
  }

  @Test
  void theMemszTailBeyondTheFileBytesIsAbsent() throws Exception {
    Path f =
        new SyntheticCore().segmentWithTail(0x1000, pattern(0x1000, 1), 0x1000).write(dir, "c.elf");
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.isReadable(0x1ff8, 8)).isTrue();
      assertThat(m.isReadable(0x2000, 8)).isFalse();
    }
  }

  @Test
  void theExtendedProgramHeaderCountInSectionZeroIsHonoured() throws Exception {
    byte[] data = pattern(0x1000, 4);
    Path f = new SyntheticCore().segment(0x8000, data).extendedCount().write(dir, "c.elf");
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.segments()).hasSize(1);
      assertThat(m.read64(0x8008)).isEqualTo(le64(data, 8));
    }
  }

  @Test
  void readsCrossingMappingChunksMatchTheFileBytes() throws Exception {
    long seed = Long.getLong("vtdlab.seed", 20261130L);
    java.util.Random rnd = new java.util.Random(seed);
    byte[] a = pattern(0x3000, 11);
    byte[] b = pattern(0x1000, 13);
    Path f = new SyntheticCore().segment(0x4000, a).segment(0x9000, b).write(dir, "c.elf");
    try (FileBackedMemory m =
        new FileBackedMemory(f, f, DumpFormat.ELF_CORE, ElfCoreReader.segments(f, f), null, 0x40)) {
      for (int i = 0; i < 5000; i++) {
        int off = rnd.nextInt(a.length - 8);
        assertThat(m.read64(0x4000 + off))
            .as("seed %d offset 0x%x", seed, off)
            .isEqualTo(le64(a, off));
        int len = rnd.nextInt(300);
        int start = rnd.nextInt(b.length - len);
        byte[] got = new byte[len];
        m.readBytes(0x9000 + start, got, 0, len);
        assertThat(got)
            .as("seed %d", seed)
            .isEqualTo(java.util.Arrays.copyOfRange(b, start, start + len));
      }
    }
  }
}
