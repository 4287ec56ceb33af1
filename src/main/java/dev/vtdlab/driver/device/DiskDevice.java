package dev.vtdlab.driver.device;

import dev.vtdlab.driver.dma.DmaSegment;
import java.util.List;

/**
 * A storage-like device: an in-memory disk of 512-byte blocks that moves data to and from DMA
 * buffers described by a scatter-gather list, every access a DMA through a {@link DmaPort} with its
 * requester id. A READ command writes disk blocks into memory (the device writes); a WRITE command
 * reads memory into the disk (the device reads). A DMA that faults stops the command: the blocks
 * before it were transferred. Methods are synchronized (one command at a time).
 */
public final class DiskDevice {
  /** Bytes per block. */
  public static final int BLOCK_BYTES = 512;

  private final DmaPort port;
  private final Requester requester;
  private final byte[] disk;
  private long commands;

  /**
   * @param blocks disk size in blocks
   */
  public DiskDevice(DmaPort port, Requester requester, int blocks) {
    this.port = port;
    this.requester = requester;
    this.disk = new byte[Math.multiplyExact(blocks, BLOCK_BYTES)];
  }

  public Requester requester() {
    return requester;
  }

  /** Number of blocks. */
  public int blocks() {
    return disk.length / BLOCK_BYTES;
  }

  /** READ: blocks {@code lba..} into the buffers of {@code sg} (total length = count x 512). */
  public synchronized DmaResult read(long lba, List<DmaSegment> sg) {
    return transfer(lba, sg, true);
  }

  /** WRITE: the buffers of {@code sg} into blocks {@code lba..}. */
  public synchronized DmaResult write(long lba, List<DmaSegment> sg) {
    return transfer(lba, sg, false);
  }

  private DmaResult transfer(long lba, List<DmaSegment> sg, boolean toMemory) {
    long total = 0;
    for (DmaSegment s : sg) {
      total += s.length();
    }
    if (total % BLOCK_BYTES != 0 || lba < 0 || lba * BLOCK_BYTES + total > disk.length) {
      throw new IllegalArgumentException(
          String.format("bad command: lba %d, %d bytes on a %d-block disk", lba, total, blocks()));
    }
    commands++;
    int offset = (int) (lba * BLOCK_BYTES);
    int done = 0;
    for (DmaSegment s : sg) {
      int length = (int) s.length();
      DmaResult r =
          toMemory
              ? port.write(requester, s.dmaAddress(), disk, offset + done, length)
              : port.read(requester, s.dmaAddress(), disk, offset + done, length);
      if (!r.completed()) {
        return r;
      }
      done += length;
    }
    return new DmaResult.Completed(done);
  }

  /** A copy of block {@code lba}. */
  public synchronized byte[] block(long lba) {
    byte[] b = new byte[BLOCK_BYTES];
    System.arraycopy(disk, (int) (lba * BLOCK_BYTES), b, 0, BLOCK_BYTES);
    return b;
  }

  /** Sets block {@code lba} (the disk's contents before the simulation). */
  public synchronized void setBlock(long lba, byte[] data) {
    System.arraycopy(data, 0, disk, (int) (lba * BLOCK_BYTES), Math.min(data.length, BLOCK_BYTES));
  }

  /** Commands executed. */
  public synchronized long commands() {
    return commands;
  }
}
