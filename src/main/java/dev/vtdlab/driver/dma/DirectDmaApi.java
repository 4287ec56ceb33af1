package dev.vtdlab.driver.dma;

import java.util.ArrayList;
import java.util.List;

/**
 * DMA through an identity (pass-through) domain: the DMA address is the host-physical address and
 * nothing is mapped (Linux's direct mapping).
 */
public final class DirectDmaApi implements DmaApi {
  /** The one instance. */
  public static final DirectDmaApi INSTANCE = new DirectDmaApi();

  private DirectDmaApi() {}

  @Override
  public long map(long hpa, long size, DmaDirection direction) {
    new SgSegment(hpa, size);
    return hpa;
  }

  @Override
  public void unmap(long dmaAddress, long size, DmaDirection direction) {}

  @Override
  public SgMapping mapSg(List<SgSegment> segments, DmaDirection direction) {
    List<DmaSegment> out = new ArrayList<>();
    for (SgSegment s : segments) {
      out.add(new DmaSegment(s.hpa(), s.length()));
    }
    return new SgMapping(
        segments.isEmpty() ? 0 : segments.get(0).hpa() & ~0xFFFL, 0, out, direction);
  }

  @Override
  public void unmapSg(SgMapping mapping) {}
}
