package dev.vtdlab.hw;

import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;

/**
 * The outcome of one DMA transfer through {@link RemappingUnit#dmaRead} or {@link
 * RemappingUnit#dmaWrite}: the buffer is translated page by page (each page a request of its own,
 * as a PCIe transaction never crosses a 4 KiB boundary) and each page's bytes move right after its
 * translation succeeds; the first page that does not translate stops the transfer.
 *
 * @param status how the transfer ended
 * @param bytesTransferred bytes moved before it ended (all of them when {@link DmaStatus#DONE})
 * @param pages the requests made (pages translated, the failing one included)
 * @param last the last request's translation: the failing one unless {@link DmaStatus#DONE}
 */
public record DmaResult(DmaStatus status, int bytesTransferred, int pages, Translation last) {

  /** How a transfer ended. */
  public enum DmaStatus {
    /** Every byte moved. */
    DONE,
    /** A page faulted ({@code last} is a {@link dev.vtdlab.hw.translate.Fault}). */
    FAULT,
    /**
     * A page was an interrupt request or was blocked ({@code last} is an {@link
     * dev.vtdlab.hw.translate.Interrupt} or {@link dev.vtdlab.hw.translate.Blocked}): no memory
     * access.
     */
    NOT_MEMORY,
    /**
     * A page translated but its host-physical address is not backed by memory (beyond the memory's
     * width or read limit): the access is dropped, as an unsupported request would be.
     */
    MEMORY_ERROR
  }

  public DmaResult {
    if (status == null || last == null) {
      throw new IllegalArgumentException("a DMA result needs a status and the last translation");
    }
  }

  /** True when every byte moved. */
  public boolean ok() {
    return status == DmaStatus.DONE;
  }

  /** The last translation as a success, or null when the transfer did not end with one. */
  public Translated lastTranslated() {
    return last instanceof Translated t ? t : null;
  }
}
