package dev.vtdlab.driver.attach;

import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * One device's PASID directory and PASID tables (digest 4.1, 10.1 step 4): a one-page directory of
 * 512 entries (PDTS = 2, PASIDs 0..32767, further limited by ECAP.PSS), with a 64-entry PASID table
 * allocated on first use of its 64 PASIDs. Thread-safe.
 */
public final class PasidTables {
  /** PDTS of a one-page directory: 2^(2 + 7) = 512 entries. */
  public static final int PDTS = 2;

  private static final int DIRECTORY_ENTRIES = 512;

  private final FrameAllocator frames;
  private final WritableMemory memory;
  private final long directoryHpa;
  private final int limit;
  private final List<Long> tables = new ArrayList<>();

  /**
   * @param pasidBits ECAP.PSS + 1
   */
  public PasidTables(FrameAllocator frames, int pasidBits) {
    this.frames = frames;
    this.memory = frames.memory();
    this.directoryHpa = frames.allocate();
    this.limit = (int) Math.min((long) DIRECTORY_ENTRIES * PasidEntry.ENTRIES, 1L << pasidBits);
  }

  /** PASIDDIRPTR. */
  public long directoryHpa() {
    return directoryHpa;
  }

  /** PASIDs below this value can be used. */
  public int limit() {
    return limit;
  }

  /**
   * The address of {@code pasid}'s PASID entry, allocating its PASID table (and making its
   * directory entry present) if needed.
   *
   * @throws IllegalArgumentException if the PASID is at or beyond {@link #limit()}
   */
  public synchronized long entryHpa(int pasid) {
    if (pasid < 0 || pasid >= limit) {
      throw new IllegalArgumentException(
          "PASID " + pasid + " is outside this device's PASID range 0.." + (limit - 1));
    }
    long dirHpa = PasidDirEntry.address(directoryHpa, pasid);
    PasidDirEntry dir = PasidDirEntry.read(memory, dirHpa);
    if (!dir.present()) {
      long table = frames.allocate();
      tables.add(table);
      dir = dir.withSmptblptr(table).withPresent(true);
      dir.write(memory, dirHpa);
    }
    return PasidEntry.address(dir.smptblptr(), pasid);
  }

  /** Returns every frame (directory and tables); call only when nothing can reach them. */
  public synchronized void release() {
    for (long t : tables) {
      frames.free(t);
    }
    tables.clear();
    frames.free(directoryHpa);
  }
}
