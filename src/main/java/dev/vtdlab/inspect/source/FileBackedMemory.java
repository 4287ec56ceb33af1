package dev.vtdlab.inspect.source;

import dev.vtdlab.mem.MemoryAccessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link MemoryDump} behind every format: sorted segments over a file reached through read-only
 * mappings of {@link #DEFAULT_CHUNK} bytes (plus an 8-byte overlap so that an aligned or unaligned
 * 64-bit read never straddles two mappings). The mappings are made lazily, the first time a chunk
 * is read.
 */
final class FileBackedMemory implements MemoryDump {
  /** Bytes per mapping (1 GiB): a 4 GiB dump needs four mappings, no heap. */
  static final long DEFAULT_CHUNK = 1L << 30;

  private static final int OVERLAP = 8;
  private static final int ADDRESS_WIDTH = 52;

  private final Path file;
  private final DumpFormat format;
  private final List<DumpSegment> segments;
  private final long[] starts;
  private final long[] lasts;
  private final long[] offsets;
  private final FileChannel channel;
  private final long fileSize;
  private final long chunkSize;
  private final MappedByteBuffer[] chunks;
  private final Path deleteOnClose;
  private final LongAdder reads = new LongAdder();

  /**
   * @param file the file as named by the user
   * @param data the file that holds the bytes (the same, or a decompressed copy)
   * @param format detected format
   * @param segments sorted, non-overlapping, all within {@code data}
   * @param deleteOnClose a temporary file to delete on close, or null
   */
  FileBackedMemory(
      Path file, Path data, DumpFormat format, List<DumpSegment> segments, Path deleteOnClose) {
    this(file, data, format, segments, deleteOnClose, DEFAULT_CHUNK);
  }

  /** As above with a mapping size of {@code chunkSize} bytes (small sizes are for tests). */
  FileBackedMemory(
      Path file,
      Path data,
      DumpFormat format,
      List<DumpSegment> segments,
      Path deleteOnClose,
      long chunkSize) {
    this.file = file;
    this.chunkSize = chunkSize;
    this.format = format;
    this.segments = List.copyOf(segments);
    this.deleteOnClose = deleteOnClose;
    int n = segments.size();
    starts = new long[n];
    lasts = new long[n];
    offsets = new long[n];
    for (int i = 0; i < n; i++) {
      DumpSegment s = segments.get(i);
      starts[i] = s.start();
      lasts[i] = s.last();
      offsets[i] = s.fileOffset();
    }
    try {
      channel = FileChannel.open(data);
      fileSize = channel.size();
    } catch (IOException e) {
      throw new DumpFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
    }
    chunks = new MappedByteBuffer[(int) ((fileSize + chunkSize - 1) / chunkSize)];
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public DumpFormat format() {
    return format;
  }

  @Override
  public List<DumpSegment> segments() {
    return segments;
  }

  @Override
  public int addressWidth() {
    return ADDRESS_WIDTH;
  }

  @Override
  public long readCount() {
    return reads.sum();
  }

  /** Index of the segment holding {@code hpa}, or -1. */
  private int segmentOf(long hpa) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (hpa < starts[mid]) {
        hi = mid - 1;
      } else if (hpa > lasts[mid]) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  public boolean isReadable(long hpa, int length) {
    if (hpa < 0 || length < 0) {
      return false;
    }
    if (length == 0) {
      return true;
    }
    long last = hpa + length - 1;
    if (last < hpa) {
      return false;
    }
    int i = segmentOf(hpa);
    if (i < 0) {
      return false;
    }
    // Adjacent segments may together hold the range.
    while (lasts[i] < last) {
      if (i + 1 >= starts.length || starts[i + 1] != lasts[i] + 1) {
        return false;
      }
      i++;
    }
    return true;
  }

  private void checkRead(long hpa, int length) {
    if (!isReadable(hpa, length)) {
      throw new MemoryAccessException(hpa, describeAbsent(hpa, length));
    }
  }

  private String describeAbsent(long hpa, int length) {
    if (hpa < 0 || length < 0) {
      return String.format("read of %d bytes at 0x%x: not a physical address", length, hpa);
    }
    long missing = hpa;
    int i = segmentOf(hpa);
    while (i >= 0) {
      missing = lasts[i] + 1;
      int next = i + 1 < starts.length && starts[i + 1] == missing ? i + 1 : -1;
      i = next;
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                "read of %d bytes at 0x%x: address 0x%x is not in %s %s",
                length, hpa, missing, format.description(), file.getFileName()));
    int below = -1;
    for (int k = 0; k < starts.length && starts[k] <= missing; k++) {
      below = k;
    }
    sb.append(" (");
    sb.append(below >= 0 ? "segment below ends at " + hex(lasts[below]) : "no segment below");
    sb.append(", ");
    sb.append(
        below + 1 < starts.length
            ? "next segment starts at " + hex(starts[below + 1])
            : "no segment above");
    sb.append(')');
    return sb.toString();
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private MappedByteBuffer chunk(int index) {
    MappedByteBuffer b = chunks[index];
    if (b == null) {
      synchronized (this) {
        b = chunks[index];
        if (b == null) {
          long pos = (long) index * chunkSize;
          long size = Math.min(chunkSize + OVERLAP, fileSize - pos);
          try {
            b = channel.map(FileChannel.MapMode.READ_ONLY, pos, size);
          } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot map file bytes at " + hex(pos), e);
          }
          b.order(ByteOrder.LITTLE_ENDIAN);
          chunks[index] = b;
        }
      }
    }
    return b;
  }

  /** File offset of {@code hpa}, which must be readable. */
  private long fileOffset(long hpa) {
    int i = segmentOf(hpa);
    return offsets[i] + (hpa - starts[i]);
  }

  /** True when {@code length} bytes at {@code hpa} lie in one segment (one file run). */
  private boolean inOneSegment(long hpa, int length) {
    int i = segmentOf(hpa);
    return i >= 0 && hpa + length - 1 <= lasts[i];
  }

  @Override
  public long read64(long hpa) {
    checkRead(hpa, 8);
    reads.increment();
    if (inOneSegment(hpa, 8)) {
      long off = fileOffset(hpa);
      return chunk((int) (off / chunkSize)).getLong((int) (off % chunkSize));
    }
    return readLittleEndian(hpa, 8);
  }

  @Override
  public int read32(long hpa) {
    checkRead(hpa, 4);
    reads.increment();
    if (inOneSegment(hpa, 4)) {
      long off = fileOffset(hpa);
      return chunk((int) (off / chunkSize)).getInt((int) (off % chunkSize));
    }
    return (int) readLittleEndian(hpa, 4);
  }

  @Override
  public short read16(long hpa) {
    checkRead(hpa, 2);
    reads.increment();
    return (short) readLittleEndian(hpa, 2);
  }

  @Override
  public byte read8(long hpa) {
    checkRead(hpa, 1);
    reads.increment();
    return byteAt(hpa);
  }

  private long readLittleEndian(long hpa, int length) {
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = (v << 8) | (byteAt(hpa + i) & 0xFF);
    }
    return v;
  }

  private byte byteAt(long hpa) {
    long off = fileOffset(hpa);
    return chunk((int) (off / chunkSize)).get((int) (off % chunkSize));
  }

  @Override
  public void readBytes(long hpa, byte[] dst, int offset, int length) {
    checkRead(hpa, length);
    reads.increment();
    int done = 0;
    while (done < length) {
      long a = hpa + done;
      int seg = segmentOf(a);
      long off = offsets[seg] + (a - starts[seg]);
      long inSegment = lasts[seg] - a + 1;
      long inChunk = chunkSize - off % chunkSize;
      int n = (int) Math.min(length - done, Math.min(inSegment, inChunk));
      chunk((int) (off / chunkSize)).get((int) (off % chunkSize), dst, offset + done, n);
      done += n;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a read-only channel: nothing was written, nothing to lose.
    }
    if (deleteOnClose != null) {
      try {
        Files.deleteIfExists(deleteOnClose);
      } catch (IOException e) {
        deleteOnClose.toFile().deleteOnExit();
      }
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%s %s: %d segments, %d bytes", format.description(), file, segments.size(), bytesHeld());
  }
}
