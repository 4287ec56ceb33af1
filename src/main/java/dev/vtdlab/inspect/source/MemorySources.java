package dev.vtdlab.inspect.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens memory files for the inspector, detecting their format from their first bytes (see the
 * package docs). Every problem is a {@link DumpFormatException} with a one-line message.
 */
public final class MemorySources {
  /** Largest physical address + 1 a raw image may reach (52-bit physical addresses). */
  public static final long PHYSICAL_LIMIT = 1L << 52;

  private static final int HEAD = 16;

  private MemorySources() {}

  /**
   * Opens an ELF core file (plain or gzip-compressed).
   *
   * @throws DumpFormatException when the file is missing, truncated, or not an ELF64 little-endian
   *     core (a raw image needs {@link #openRaw})
   */
  public static MemoryDump open(Path file) {
    Path data = file;
    Path temp = null;
    if (kind(file, head(file)) == Kind.GZIP) {
      temp = decompress(file);
      data = temp;
    }
    try {
      byte[] head = head(data);
      Kind kind = kind(file, head);
      if (kind != Kind.ELF) {
        throw new DumpFormatException(
            file,
            "unknown format (not an ELF core: starts with "
                + hexBytes(head)
                + "; for a raw memory image give its base address)");
      }
      List<DumpSegment> segments = ElfCoreReader.segments(file, data);
      return new FileBackedMemory(file, data, DumpFormat.ELF_CORE, segments, temp);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /**
   * Opens a raw flat image (plain or gzip-compressed) whose first byte is physical address {@code
   * baseHpa}.
   *
   * @throws DumpFormatException when the file is missing or empty, is an ELF file, or would reach
   *     beyond 52-bit physical addresses
   */
  public static MemoryDump openRaw(Path file, long baseHpa) {
    Path data = file;
    Path temp = null;
    if (kind(file, head(file)) == Kind.GZIP) {
      temp = decompress(file);
      data = temp;
    }
    try {
      byte[] head = head(data);
      if (kind(file, head) == Kind.ELF) {
        throw new DumpFormatException(
            file,
            "is an ELF file, not a raw image (leave out the base address to read it as a core)");
      }
      long size = size(file, data);
      if (size == 0) {
        throw new DumpFormatException(file, "empty raw image (no memory)");
      }
      if (baseHpa < 0 || baseHpa >= PHYSICAL_LIMIT || size > PHYSICAL_LIMIT - baseHpa) {
        throw new DumpFormatException(
            file,
            String.format(
                "raw image of 0x%x bytes at base 0x%x reaches beyond 52-bit physical addresses",
                size, baseHpa));
      }
      List<DumpSegment> one = List.of(new DumpSegment(baseHpa, baseHpa + size - 1, 0));
      return new FileBackedMemory(file, data, DumpFormat.RAW, one, temp);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private enum Kind {
    ELF,
    GZIP,
    OTHER
  }

  private static Kind kind(Path file, byte[] head) {
    int n = head.length;
    if (ElfCoreReader.hasMagic(head, n)) {
      return Kind.ELF;
    }
    if (n >= 2 && head[0] == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Kind.GZIP;
    }
    if (n >= 6
        && (head[0] & 0xff) == 0xfd
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      throw new DumpFormatException(file, "xz-compressed: decompress it first (unxz -k)");
    }
    if (n >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      throw new DumpFormatException(file, "zstd-compressed: decompress it first (unzstd)");
    }
    if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      throw new DumpFormatException(file, "bzip2-compressed: decompress it first (bunzip2 -k)");
    }
    if (n >= 8
        && new String(head, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("KDUMP   ")) {
      throw new DumpFormatException(
          file,
          "kdump-compressed format is not supported: write the dump as ELF"
              + " (dump-guest-memory without -z/-l/-s)");
    }
    return Kind.OTHER;
  }

  private static byte[] head(Path file) {
    check(file);
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer b = ElfCoreReader.readAt(ch, 0, HEAD);
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (IOException e) {
      throw new DumpFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static void check(Path file) {
    if (!Files.exists(file)) {
      throw new DumpFormatException(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw new DumpFormatException(file, "is a directory, not a memory file");
    }
    if (!Files.isReadable(file)) {
      throw new DumpFormatException(file, "cannot be read (permission denied)");
    }
  }

  private static long size(Path file, Path data) {
    try {
      return Files.size(data);
    } catch (IOException e) {
      throw new DumpFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** Streams a gzip file into a temporary file (never into the heap). */
  private static Path decompress(Path file) {
    Path temp;
    try {
      temp = Files.createTempFile("vtdlab-dump-", ".bin");
    } catch (IOException e) {
      throw new DumpFormatException(
          file, "cannot make a temporary file to decompress into (" + e.getMessage() + ")", e);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
      return temp;
    } catch (ZipException | java.io.EOFException e) {
      deleteQuietly(temp);
      throw new DumpFormatException(
          file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new DumpFormatException(file, "cannot be decompressed (" + e.getMessage() + ")", e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        temp.toFile().deleteOnExit();
      }
    }
  }

  private static String hexBytes(byte[] head) {
    if (head.length == 0) {
      return "nothing: the file is empty";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(4, head.length); i++) {
      sb.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
    }
    return sb.toString();
  }
}
