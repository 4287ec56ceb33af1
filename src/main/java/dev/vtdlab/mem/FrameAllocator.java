package dev.vtdlab.mem;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * Allocates zeroed 4 KiB frames (for table pages, queues, buffers) from a contiguous region of a
 * {@link WritableMemory}, with a hard limit. Freed frames are reused last-in first-out.
 * Thread-safe.
 */
public final class FrameAllocator {
  private final WritableMemory memory;
  private final long baseHpa;
  private final int maxFrames;
  private final ArrayDeque<Long> freeList = new ArrayDeque<>();
  private final BitSet inUse = new BitSet();
  private int bump;
  private int used;
  private int peak;
  private long allocations;

  /**
   * @param memory the memory the frames live in
   * @param baseHpa first frame's address (4 KiB aligned)
   * @param maxFrames hard limit on frames handed out at once
   */
  public FrameAllocator(WritableMemory memory, long baseHpa, int maxFrames) {
    if ((baseHpa & 0xFFF) != 0) {
      throw new IllegalArgumentException(
          String.format("frame allocator base 0x%x is not 4 KiB aligned", baseHpa));
    }
    if (maxFrames <= 0) {
      throw new IllegalArgumentException(
          "frame allocator needs a positive limit, got " + maxFrames);
    }
    long end = baseHpa + ((long) maxFrames << 12);
    if (end > (1L << memory.addressWidth()) || end < baseHpa) {
      throw new IllegalArgumentException(
          String.format(
              "frame region 0x%x + %d frames goes beyond the %d-bit physical address space",
              baseHpa, maxFrames, memory.addressWidth()));
    }
    this.memory = memory;
    this.baseHpa = baseHpa;
    this.maxFrames = maxFrames;
  }

  /**
   * A zeroed frame.
   *
   * @return its host-physical address
   * @throws FramesExhaustedException when {@code maxFrames} frames are in use
   */
  public synchronized long allocate() {
    long hpa;
    if (!freeList.isEmpty()) {
      hpa = freeList.pop();
    } else if (bump < maxFrames) {
      hpa = baseHpa + ((long) bump++ << 12);
    } else {
      throw new FramesExhaustedException(
          String.format("out of frames: all %d frames at 0x%x are in use", maxFrames, baseHpa));
    }
    memory.zeroFrame(hpa);
    inUse.set(index(hpa));
    used++;
    allocations++;
    peak = Math.max(peak, used);
    return hpa;
  }

  /**
   * Returns a frame. Its contents are discarded (it reads as zero).
   *
   * @throws IllegalArgumentException if the frame is not one of this allocator's frames in use
   */
  public synchronized void free(long hpa) {
    if (hpa < baseHpa || hpa >= baseHpa + ((long) maxFrames << 12) || (hpa & 0xFFF) != 0) {
      throw new IllegalArgumentException(
          String.format("0x%x is not a frame of this allocator", hpa));
    }
    int i = index(hpa);
    if (!inUse.get(i)) {
      throw new IllegalArgumentException(String.format("frame 0x%x freed twice", hpa));
    }
    inUse.clear(i);
    memory.zeroFrame(hpa);
    freeList.push(hpa);
    used--;
  }

  private int index(long hpa) {
    return (int) ((hpa - baseHpa) >>> 12);
  }

  /** True when {@code hpa} is a frame of this allocator currently allocated. */
  public synchronized boolean isAllocated(long hpa) {
    return hpa >= baseHpa && hpa < baseHpa + ((long) maxFrames << 12) && inUse.get(index(hpa));
  }

  public synchronized int framesInUse() {
    return used;
  }

  public synchronized int peakFramesInUse() {
    return peak;
  }

  public synchronized long allocations() {
    return allocations;
  }

  public int maxFrames() {
    return maxFrames;
  }

  public long baseHpa() {
    return baseHpa;
  }

  public WritableMemory memory() {
    return memory;
  }
}
