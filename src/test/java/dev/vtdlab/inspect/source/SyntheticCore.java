package dev.vtdlab.inspect.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 core files for tests, laid out as QEMU's dump-guest-memory does: ELF header,
 * program headers (a PT_NOTE first, then one PT_LOAD per segment with p_paddr = physical address),
 * the note bytes, then the segment bytes in program-header order. Fields can be spoiled to make the
 * malformed files the reader must refuse.
 */
final class SyntheticCore {
  record Segment(long paddr, byte[] data, long memszExtra) {}

  private final List<Segment> segments = new ArrayList<>();
  private byte elfClass = 2;
  private byte dataEncoding = 1;
  private short type = 4;
  private short phentsize = 56;
  private boolean extendedCount;
  private long segmentOffsetShift;

  SyntheticCore segment(long paddr, byte[] data) {
    segments.add(new Segment(paddr, data, 0));
    return this;
  }

  /** A segment whose p_memsz is {@code extra} bytes larger than its file bytes. */
  SyntheticCore segmentWithTail(long paddr, byte[] data, long extra) {
    segments.add(new Segment(paddr, data, extra));
    return this;
  }

  SyntheticCore elfClass(int c) {
    elfClass = (byte) c;
    return this;
  }

  SyntheticCore dataEncoding(int d) {
    dataEncoding = (byte) d;
    return this;
  }

  SyntheticCore type(int t) {
    type = (short) t;
    return this;
  }

  SyntheticCore phentsize(int s) {
    phentsize = (short) s;
    return this;
  }

  /** Writes e_phnum = PN_XNUM and the real count in section header 0's sh_info. */
  SyntheticCore extendedCount() {
    extendedCount = true;
    return this;
  }

  /** Moves every segment's p_offset by {@code shift} (to point beyond the file). */
  SyntheticCore shiftSegmentOffsets(long shift) {
    segmentOffsetShift = shift;
    return this;
  }

  byte[] bytes() {
    byte[] note = new byte[24];
    int phnum = segments.size() + 1;
    int shdrs = extendedCount ? 1 : 0;
    long phoff = 64;
    long shoff = phoff + 56L * phnum;
    long noteOff = shoff + 64L * shdrs;
    long dataOff = noteOff + note.length;
    long total = dataOff;
    for (Segment s : segments) {
      total += s.data().length;
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', elfClass, dataEncoding, 1, 0});
    b.position(16);
    b.putShort(type).putShort((short) 62).putInt(1).putLong(0).putLong(phoff);
    b.putLong(extendedCount ? shoff : 0).putInt(0).putShort((short) 64).putShort(phentsize);
    b.putShort(extendedCount ? (short) 0xffff : (short) phnum);
    b.putShort((short) 64).putShort((short) shdrs).putShort((short) 0);
    b.position((int) phoff);
    b.putInt(4).putInt(0).putLong(noteOff).putLong(0).putLong(0);
    b.putLong(note.length).putLong(note.length).putLong(0);
    long off = dataOff;
    for (Segment s : segments) {
      long len = s.data().length;
      b.putInt(1).putInt(0).putLong(off + segmentOffsetShift).putLong(0).putLong(s.paddr());
      b.putLong(len).putLong(len + s.memszExtra()).putLong(0);
      off += len;
    }
    if (extendedCount) {
      b.position((int) shoff + 44);
      b.putInt(phnum);
    }
    b.position((int) noteOff);
    b.put(note);
    for (Segment s : segments) {
      b.put(s.data());
    }
    return b.array();
  }

  Path write(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), bytes());
  }

  /** {@code n} bytes whose value at index i is {@code (seed + i * 7) & 0xff}. */
  static byte[] pattern(int n, int seed) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (seed + i * 7);
    }
    return out;
  }

  /** The little-endian 64-bit value at {@code index} of {@code data}. */
  static long le64(byte[] data, int index) {
    return ByteBuffer.wrap(data, index, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
