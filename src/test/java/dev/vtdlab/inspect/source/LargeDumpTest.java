package dev.vtdlab.inspect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5 GiB dump (a sparse file: it takes no disk) opens and reads at every chunk, beyond 4 GiB of
 * file offset, without reading the file into the heap (the test runs with a 2 GiB heap).
 */
class LargeDumpTest {
  @TempDir Path dir;

  @Test
  void aFiveGibCoreIsReadThroughMappingsNotTheHeap() throws Exception {
    long size = 5L << 30;
    Path small = new SyntheticCore().segment(0, new byte[4096]).write(dir, "small.elf");
    // Re-point the only PT_LOAD at a 5 GiB range starting at file offset 0x10000, then grow the
    // file.
    Path f = dir.resolve("big.elf");
    java.nio.file.Files.copy(small, f);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      long ph1 = 64 + 56;
      ByteBuffer b = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(1).putInt(0).putLong(0x10000).putLong(0).putLong(0x1_0000_0000L);
      b.putLong(size).putLong(size).putLong(0);
      raf.seek(ph1);
      raf.write(b.array());
      raf.setLength(0x10000 + size);
      long[] probes = {0, (1L << 30) - 4, 3L << 30, (4L << 30) + 8, size - 8};
      for (long p : probes) {
        raf.seek(0x10000 + p);
        raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(~p).array());
      }
    }
    try (MemoryDump m = MemorySources.open(f)) {
      assertThat(m.bytesHeld()).isEqualTo(size);
      for (long p : new long[] {0, (1L << 30) - 4, 3L << 30, (4L << 30) + 8, size - 8}) {
        assertThat(m.read64(0x1_0000_0000L + p)).as("offset 0x%x", p).isEqualTo(~p);
      }
      assertThat(m.read64(0x1_0000_0000L + (2L << 30))).isZero();
      assertThat(m.isReadable(0x1_0000_0000L + size, 1)).isFalse();
      assertThat(m.isReadable(0xffff_fff8L, 8)).isFalse();
    }
  }
}
