package dev.vtdlab.inspect.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the segment map of an ELF64 little-endian core file (System V gABI, "ELF header" and
 * "Program header"): the header, the program headers (with the {@code PN_XNUM} extension: a count
 * of 0xffff means the real count is in section header 0's {@code sh_info}, as QEMU writes for large
 * guests), and each {@code PT_LOAD}'s physical address and file range. Only the headers are read.
 */
final class ElfCoreReader {
  static final int EI_NIDENT = 16;
  static final int EHDR_SIZE = 64;
  static final int PHDR_SIZE = 56;
  static final int SHDR_SIZE = 64;
  static final byte ELFCLASS64 = 2;
  static final byte ELFDATA2LSB = 1;
  static final int ET_CORE = 4;
  static final int PT_LOAD = 1;
  static final int PN_XNUM = 0xffff;
  private static final String[] TYPE_NAMES = {"NONE", "REL", "EXEC", "DYN", "CORE"};

  private ElfCoreReader() {}

  /** True when the file starts with the ELF magic {@code 7f 'E' 'L' 'F'}. */
  static boolean hasMagic(byte[] head, int length) {
    return length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /**
   * The {@code PT_LOAD} segments of {@code data}, sorted by physical address.
   *
   * @param file the name for messages
   * @param data the file to read
   */
  static List<DumpSegment> segments(Path file, Path data) {
    try (FileChannel ch = FileChannel.open(data)) {
      long size = ch.size();
      ByteBuffer eh = readAt(ch, 0, EHDR_SIZE);
      if (eh.remaining() < EHDR_SIZE) {
        if (eh.remaining() > 4 && eh.get(4) != ELFCLASS64) {
          throw notElf64(file, eh.get(4));
        }
        throw new DumpFormatException(
            file, "truncated ELF header (" + size + " bytes, an ELF64 header needs 64)");
      }
      if (eh.get(4) != ELFCLASS64) {
        throw notElf64(file, eh.get(4));
      }
      if (eh.get(5) != ELFDATA2LSB) {
        throw new DumpFormatException(
            file, "not a little-endian ELF file (EI_DATA " + eh.get(5) + ", expected 1)");
      }
      int type = Short.toUnsignedInt(eh.getShort(16));
      if (type != ET_CORE) {
        throw new DumpFormatException(
            file,
            "not a core file (ELF type "
                + (type < TYPE_NAMES.length ? "ET_" + TYPE_NAMES[type] : String.valueOf(type))
                + ", expected ET_CORE)");
      }
      long phoff = eh.getLong(32);
      long shoff = eh.getLong(40);
      int phentsize = Short.toUnsignedInt(eh.getShort(54));
      long phnum = Short.toUnsignedInt(eh.getShort(56));
      if (phnum == PN_XNUM) {
        phnum = extendedCount(file, ch, shoff, size);
      }
      if (phnum == 0) {
        throw new DumpFormatException(file, "core file has no program headers");
      }
      if (phentsize != PHDR_SIZE) {
        throw new DumpFormatException(
            file, "program header size " + phentsize + " (an ELF64 program header is 56 bytes)");
      }
      if (phoff < 0 || phoff > size || phnum * PHDR_SIZE > size - phoff) {
        throw new DumpFormatException(
            file,
            String.format(
                "truncated: %d program headers at offset 0x%x end beyond the file's end 0x%x",
                phnum, phoff, size));
      }
      return loadSegments(file, readAt(ch, phoff, (int) (phnum * PHDR_SIZE)), (int) phnum, size);
    } catch (IOException e) {
      throw new DumpFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static DumpFormatException notElf64(Path file, byte elfClass) {
    return new DumpFormatException(
        file,
        "not an ELF64 file (EI_CLASS "
            + elfClass
            + (elfClass == 1 ? ": ELF32" : "")
            + ", expected 2: ELF64)");
  }

  private static long extendedCount(Path file, FileChannel ch, long shoff, long size)
      throws IOException {
    if (shoff <= 0 || shoff > size - SHDR_SIZE) {
      throw new DumpFormatException(
          file,
          String.format(
              "truncated: program header count is in section header 0 at 0x%x, beyond the file's"
                  + " end 0x%x",
              shoff, size));
    }
    return Integer.toUnsignedLong(readAt(ch, shoff, SHDR_SIZE).getInt(44));
  }

  private static List<DumpSegment> loadSegments(Path file, ByteBuffer ph, int phnum, long size) {
    List<DumpSegment> out = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int base = i * PHDR_SIZE;
      if (ph.getInt(base) != PT_LOAD) {
        continue;
      }
      long offset = ph.getLong(base + 8);
      long paddr = ph.getLong(base + 24);
      long filesz = ph.getLong(base + 32);
      if (filesz == 0) {
        continue;
      }
      if (offset < 0 || filesz < 0 || offset > size || filesz > size - offset) {
        throw new DumpFormatException(
            file,
            String.format(
                "truncated: segment %d (physical 0x%x-0x%x) needs file bytes 0x%x-0x%x, beyond"
                    + " the file's end 0x%x",
                i, paddr, paddr + filesz - 1, offset, offset + filesz - 1, size));
      }
      if (paddr < 0 || paddr + filesz - 1 < paddr) {
        throw new DumpFormatException(
            file,
            String.format(
                "segment %d: physical range 0x%x + 0x%x is outside the 64-bit address space",
                i, paddr, filesz));
      }
      out.add(new DumpSegment(paddr, paddr + filesz - 1, offset));
    }
    if (out.isEmpty()) {
      throw new DumpFormatException(file, "core file has no PT_LOAD segment (no memory)");
    }
    out.sort(Comparator.comparingLong(DumpSegment::start));
    for (int i = 1; i < out.size(); i++) {
      DumpSegment a = out.get(i - 1);
      DumpSegment b = out.get(i);
      if (b.start() <= a.last()) {
        throw new DumpFormatException(
            file,
            String.format(
                "segments overlap: physical 0x%x-0x%x and 0x%x-0x%x",
                a.start(), a.last(), b.start(), b.last()));
      }
    }
    return out;
  }

  /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
  static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    long pos = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
    b.flip();
    return b;
  }
}
