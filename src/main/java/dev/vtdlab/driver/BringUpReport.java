package dev.vtdlab.driver;

import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.pagetable.Stage;

/**
 * What bring-up found and chose: the registers read, the negotiated choices and what was set up.
 *
 * @param version VER_REG as "major.minor"
 * @param cap CAP_REG
 * @param ecap ECAP_REG
 * @param choices the negotiated choices
 * @param invalidation how invalidations are submitted (queue shape or registers)
 * @param rootTableHpa the root table (RTADDR.RTA)
 * @param rootSwitchInvalidations true when global context-cache (PASID-cache) and IOTLB
 *     invalidations followed SRTP (CAP.ESRTPS = 0)
 * @param domainIds number of domain ids
 * @param reservedDids the reserved domain ids, e.g. "0, 1"
 */
public record BringUpReport(
    String version,
    long cap,
    long ecap,
    Negotiated choices,
    String invalidation,
    long rootTableHpa,
    boolean rootSwitchInvalidations,
    int domainIds,
    String reservedDids) {

  @Override
  public String toString() {
    Negotiated c = choices;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format("VER %s  CAP 0x%016x  ECAP 0x%016x  HAW %d%n", version, cap, ecap, c.haw()));
    sb.append(
        String.format(
            "mode: %s (RTADDR 0x%x, TTM=%s)%n",
            c.scalable() ? "scalable" : "legacy", rootTableHpa, c.scalable() ? "01b" : "00b"));
    sb.append("invalidation: ").append(invalidation).append('\n');
    sb.append(
        String.format(
            "after SRTP: %s%n",
            rootSwitchInvalidations
                ? "global context-cache" + (c.scalable() ? ", PASID-cache" : "") + ", IOTLB"
                : "none (CAP.ESRTPS)"));
    sb.append(
        String.format(
            "second stage: %s, AW=%d (%s), IOVA width %d, pages %s%n",
            c.secondStageAvailable() ? "available" : "not available",
            c.secondStageAw(),
            Agaw.describe(c.secondStageAw()),
            c.secondStageWidth(),
            Negotiated.pages(c.secondStagePages())));
    sb.append(
        c.firstStageAvailable()
            ? String.format(
                "first stage: %d-level, IOVA width %d (lower canonical half), pages %s%n",
                c.firstStageLevels(), c.firstStageWidth(), Negotiated.pages(c.firstStagePages()))
            : "first stage: not available\n");
    sb.append(
        String.format(
            "DMA domains: %s, %s%s%n",
            c.dmaStage() == Stage.FIRST_STAGE ? "first stage" : "second stage",
            c.flush().name().toLowerCase(java.util.Locale.ROOT),
            c.flushReason().isEmpty() ? "" : " (" + c.flushReason() + ")"));
    sb.append(
        String.format(
            "domain ids: %d (reserved %s); CM=%d RWBF=%d ESRTPS=%d PT=%d SC=%d%n",
            domainIds,
            reservedDids,
            c.cachingMode() ? 1 : 0,
            c.rwbf() ? 1 : 0,
            c.esrtps() ? 1 : 0,
            c.passThrough() ? 1 : 0,
            c.snoopControl() ? 1 : 0));
    return sb.toString();
  }
}
