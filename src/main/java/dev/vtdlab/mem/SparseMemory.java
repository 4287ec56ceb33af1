package dev.vtdlab.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sparse 64-bit physical address space limited to a configurable width (12..52 bits). 4 KiB
 * frames are created on first write; memory never written reads as zero. Thread-safe: aligned
 * 64-bit reads and writes are single-copy atomic (acquire/release), like the entries a walker reads
 * while software writes them.
 *
 * <p>Storage: a three-level radix over the page-frame number (15 + 15 + 10 bits) whose leaves are
 * {@code byte[4096]} frames. Heap cost: one frame is 4,112 bytes (array header included) plus an 8
 * KiB leaf array per 4 MiB region touched and a 128 KiB directory per 128 GiB region touched.
 *
 * <p>An optional read limit makes every read at or above it fail (the scenario format's {@code
 * mem_limit}: a model of an access error).
 */
public final class SparseMemory implements WritableMemory {
  /** Largest supported physical address width (VT-d HAW is at most 52 bits). */
  public static final int MAX_WIDTH = 52;

  static final int FRAME_SHIFT = 12;
  static final int FRAME_SIZE = 1 << FRAME_SHIFT;
  private static final int LEAF_BITS = 10;
  private static final int MID_BITS = 15;
  private static final int TOP_BITS = 15;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FRAMES = MethodHandles.arrayElementVarHandle(byte[][].class);
  private static final VarHandle LEAVES = MethodHandles.arrayElementVarHandle(byte[][][][].class);

  private final int width;
  private final long limit;
  private final byte[][][][] top = new byte[1 << TOP_BITS][][][];
  private volatile long readLimit = -1;
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder frames = new LongAdder();

  /**
   * @param addressWidth physical address width in bits, 12..52
   */
  public SparseMemory(int addressWidth) {
    if (addressWidth < FRAME_SHIFT || addressWidth > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "physical address width " + addressWidth + " not supported (12..52 bits)");
    }
    this.width = addressWidth;
    this.limit = 1L << addressWidth;
  }

  @Override
  public int addressWidth() {
    return width;
  }

  /**
   * Makes every read at or above {@code hpa} fail (an access error); {@code -1} removes the limit.
   * Writes are not limited.
   */
  public void setReadLimit(long hpa) {
    this.readLimit = hpa;
  }

  /** The read limit, or -1 when there is none. */
  public long readLimit() {
    return readLimit;
  }

  /** Number of 4 KiB frames that hold data. */
  public long frameCount() {
    return frames.sum();
  }

  @Override
  public long readCount() {
    return reads.sum();
  }

  @Override
  public long writeCount() {
    return writes.sum();
  }

  @Override
  public boolean isReadable(long hpa, int length) {
    long rl = readLimit;
    return inWidth(hpa, length) && (rl < 0 || hpa + length <= rl);
  }

  private boolean inWidth(long hpa, int length) {
    return hpa >= 0 && length >= 0 && hpa <= limit - length;
  }

  private void checkRead(long hpa, int length) {
    if (!isReadable(hpa, length)) {
      throw new MemoryAccessException(hpa, describe("read", hpa, length));
    }
  }

  private void checkWrite(long hpa, int length) {
    if (!inWidth(hpa, length)) {
      throw new MemoryAccessException(hpa, describe("write", hpa, length));
    }
  }

  private String describe(String what, long hpa, int length) {
    if (!inWidth(hpa, length)) {
      return String.format(
          "%s of %d bytes at 0x%x is beyond the %d-bit physical address space",
          what, length, hpa, width);
    }
    return String.format(
        "%s of %d bytes at 0x%x is at or above the read limit 0x%x", what, length, hpa, readLimit);
  }

  private byte[] frameForRead(long hpa) {
    long pfn = hpa >>> FRAME_SHIFT;
    byte[][][] mid = top[(int) (pfn >>> (MID_BITS + LEAF_BITS))];
    if (mid == null) {
      mid = (byte[][][]) LEAVES.getAcquire(top, (int) (pfn >>> (MID_BITS + LEAF_BITS)));
      if (mid == null) {
        return null;
      }
    }
    byte[][] leaf = mid[(int) ((pfn >>> LEAF_BITS) & ((1 << MID_BITS) - 1))];
    if (leaf == null) {
      return null;
    }
    return (byte[]) FRAMES.getAcquire(leaf, (int) (pfn & ((1 << LEAF_BITS) - 1)));
  }

  private byte[] frameForWrite(long hpa) {
    byte[] f = frameForRead(hpa);
    if (f != null) {
      return f;
    }
    synchronized (this) {
      long pfn = hpa >>> FRAME_SHIFT;
      int ti = (int) (pfn >>> (MID_BITS + LEAF_BITS));
      byte[][][] mid = top[ti];
      if (mid == null) {
        mid = new byte[1 << MID_BITS][][];
        LEAVES.setRelease(top, ti, mid);
      }
      int mi = (int) ((pfn >>> LEAF_BITS) & ((1 << MID_BITS) - 1));
      byte[][] leaf = mid[mi];
      if (leaf == null) {
        leaf = new byte[1 << LEAF_BITS][];
        mid[mi] = leaf;
        VarHandle.releaseFence();
      }
      int li = (int) (pfn & ((1 << LEAF_BITS) - 1));
      byte[] frame = leaf[li];
      if (frame == null) {
        frame = new byte[FRAME_SIZE];
        FRAMES.setRelease(leaf, li, frame);
        frames.increment();
      }
      return frame;
    }
  }

  private static boolean withinOneFrame(long hpa, int length) {
    return (hpa & (FRAME_SIZE - 1)) + length <= FRAME_SIZE;
  }

  @Override
  public long read64(long hpa) {
    checkRead(hpa, 8);
    reads.increment();
    if ((hpa & 7) == 0) {
      byte[] f = frameForRead(hpa);
      return f == null ? 0 : (long) LONGS.getAcquire(f, (int) (hpa & (FRAME_SIZE - 1)));
    }
    return readLittleEndian(hpa, 8);
  }

  @Override
  public int read32(long hpa) {
    checkRead(hpa, 4);
    reads.increment();
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
    return (byte) readLittleEndian(hpa, 1);
  }

  private long readLittleEndian(long hpa, int length) {
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = (v << 8) | (byteAt(hpa + i) & 0xFF);
    }
    return v;
  }

  private byte byteAt(long hpa) {
    byte[] f = frameForRead(hpa);
    return f == null ? 0 : f[(int) (hpa & (FRAME_SIZE - 1))];
  }

  @Override
  public void readBytes(long hpa, byte[] dst, int offset, int length) {
    checkRead(hpa, length);
    reads.increment();
    int done = 0;
    while (done < length) {
      long a = hpa + done;
      int inFrame = (int) Math.min(length - done, FRAME_SIZE - (a & (FRAME_SIZE - 1)));
      byte[] f = frameForRead(a);
      if (f == null) {
        java.util.Arrays.fill(dst, offset + done, offset + done + inFrame, (byte) 0);
      } else {
        System.arraycopy(f, (int) (a & (FRAME_SIZE - 1)), dst, offset + done, inFrame);
      }
      done += inFrame;
    }
  }

  @Override
  public void write64(long hpa, long value) {
    checkWrite(hpa, 8);
    writes.increment();
    if ((hpa & 7) == 0) {
      LONGS.setRelease(frameForWrite(hpa), (int) (hpa & (FRAME_SIZE - 1)), value);
    } else {
      writeLittleEndian(hpa, value, 8);
    }
  }

  @Override
  public void write32(long hpa, int value) {
    checkWrite(hpa, 4);
    writes.increment();
    writeLittleEndian(hpa, value, 4);
  }

  @Override
  public void write16(long hpa, short value) {
    checkWrite(hpa, 2);
    writes.increment();
    writeLittleEndian(hpa, value, 2);
  }

  @Override
  public void write8(long hpa, byte value) {
    checkWrite(hpa, 1);
    writes.increment();
    writeLittleEndian(hpa, value, 1);
  }

  private void writeLittleEndian(long hpa, long value, int length) {
    if (withinOneFrame(hpa, length)) {
      byte[] f = frameForWrite(hpa);
      int o = (int) (hpa & (FRAME_SIZE - 1));
      for (int i = 0; i < length; i++) {
        f[o + i] = (byte) (value >>> (8 * i));
      }
      return;
    }
    for (int i = 0; i < length; i++) {
      frameForWrite(hpa + i)[(int) ((hpa + i) & (FRAME_SIZE - 1))] = (byte) (value >>> (8 * i));
    }
  }

  @Override
  public void writeBytes(long hpa, byte[] src, int offset, int length) {
    checkWrite(hpa, length);
    writes.increment();
    int done = 0;
    while (done < length) {
      long a = hpa + done;
      int inFrame = (int) Math.min(length - done, FRAME_SIZE - (a & (FRAME_SIZE - 1)));
      System.arraycopy(src, offset + done, frameForWrite(a), (int) (a & (FRAME_SIZE - 1)), inFrame);
      done += inFrame;
    }
  }

  @Override
  public boolean compareAndSet64(long hpa, long expected, long update) {
    if ((hpa & 7) != 0) {
      throw new IllegalArgumentException(
          String.format("compare-and-set at 0x%x is not 8-byte aligned", hpa));
    }
    checkWrite(hpa, 8);
    writes.increment();
    return LONGS.compareAndSet(
        frameForWrite(hpa), (int) (hpa & (FRAME_SIZE - 1)), expected, update);
  }

  @Override
  public void zeroFrame(long hpa) {
    checkWrite(hpa & ~(long) (FRAME_SIZE - 1), FRAME_SIZE);
    if (frameForRead(hpa) == null) {
      return;
    }
    synchronized (this) {
      long pfn = hpa >>> FRAME_SHIFT;
      byte[][] leaf =
          top[(int) (pfn >>> (MID_BITS + LEAF_BITS))][
              (int) ((pfn >>> LEAF_BITS) & ((1 << MID_BITS) - 1))];
      int li = (int) (pfn & ((1 << LEAF_BITS) - 1));
      if (leaf[li] != null) {
        FRAMES.setRelease(leaf, li, (byte[]) null);
        frames.decrement();
      }
    }
  }
}
