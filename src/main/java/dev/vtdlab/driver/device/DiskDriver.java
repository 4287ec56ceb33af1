package dev.vtdlab.driver.device;

import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.driver.dma.SgMapping;
import dev.vtdlab.driver.dma.SgSegment;
import java.util.List;

/**
 * The driver side of {@link DiskDevice}, as a block driver uses the DMA API: each command maps its
 * buffers as one scatter-gather list (from the device for a read, to the device for a write),
 * issues the command and unmaps the list when it completes. Thread-safe as far as the device is.
 */
public final class DiskDriver {
  private final DmaApi dma;
  private final DiskDevice disk;

  public DiskDriver(DmaApi dma, DiskDevice disk) {
    this.dma = dma;
    this.disk = disk;
  }

  /** Reads blocks {@code lba..} into {@code buffers} (their total length decides the count). */
  public DmaResult read(long lba, List<SgSegment> buffers) {
    SgMapping m = dma.mapSg(buffers, DmaDirection.FROM_DEVICE);
    try {
      return disk.read(lba, m.segments());
    } finally {
      dma.unmapSg(m);
    }
  }

  /** Writes {@code buffers} to blocks {@code lba..}. */
  public DmaResult write(long lba, List<SgSegment> buffers) {
    SgMapping m = dma.mapSg(buffers, DmaDirection.TO_DEVICE);
    try {
      return disk.write(lba, m.segments());
    } finally {
      dma.unmapSg(m);
    }
  }
}
