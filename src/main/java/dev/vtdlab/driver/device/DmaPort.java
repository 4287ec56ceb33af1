package dev.vtdlab.driver.device;

import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Translation;

/**
 * The DMA entry point of a remapping unit as devices use it: translate, then read or write memory
 * at the output address; on a fault the access is aborted and the unit records the fault. {@link
 * UnitDmaPort} puts it over the hardware model's {@code RemappingUnit}; tests may put it over
 * anything. Thread-safe.
 */
public interface DmaPort {

  /** Reads {@code length} bytes at {@code address} into {@code dst} (device reads memory). */
  DmaResult read(Requester who, long address, byte[] dst, int offset, int length);

  /** Writes {@code length} bytes from {@code src} at {@code address} (device writes memory). */
  DmaResult write(Requester who, long address, byte[] src, int offset, int length);

  /** Translates one request without accessing memory and without recording a fault. */
  Translation translate(DmaRequest request);
}
