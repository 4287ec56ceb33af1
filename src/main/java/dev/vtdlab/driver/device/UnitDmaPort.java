package dev.vtdlab.driver.device;

import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translation;

/**
 * The {@link DmaPort} of a {@link RemappingUnit}: device reads and writes go through the unit's
 * page-by-page {@code dmaRead} / {@code dmaWrite} (translate, access memory, record faults); {@link
 * #translate} is the unit's quiet translation (nothing recorded), for checks and reports.
 */
public final class UnitDmaPort implements DmaPort {
  private final RemappingUnit unit;

  public UnitDmaPort(RemappingUnit unit) {
    this.unit = unit;
  }

  /** The unit behind the port. */
  public RemappingUnit unit() {
    return unit;
  }

  @Override
  public DmaResult read(Requester who, long address, byte[] dst, int offset, int length) {
    return convert(address, unit.dmaRead(who.request(address, Access.READ), dst, offset, length));
  }

  @Override
  public DmaResult write(Requester who, long address, byte[] src, int offset, int length) {
    return convert(address, unit.dmaWrite(who.request(address, Access.WRITE), src, offset, length));
  }

  @Override
  public Translation translate(DmaRequest request) {
    return unit.translateQuietly(request);
  }

  private static DmaResult convert(long address, dev.vtdlab.hw.DmaResult r) {
    if (r.ok()) {
      return new DmaResult.Completed(r.bytesTransferred());
    }
    long at = r.last().request().address();
    if (r.last() instanceof Fault f) {
      return new DmaResult.Faulted(r.bytesTransferred(), at, f);
    }
    return new DmaResult.Refused(
        r.bytesTransferred(),
        at,
        r.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.last());
  }

  @Override
  public String toString() {
    return "UnitDmaPort[" + unit + "]";
  }
}
