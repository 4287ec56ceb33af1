package dev.vtdlab.driver;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.struct.Agaw;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the driver chose from CAP/ECAP and its options (digest 10.1-10.3; Linux {@code
 * iommu_calculate_agaw}, {@code first_level_by_default}, {@code sm_supported}).
 *
 * <ul>
 *   <li>Mode: scalable when asked or automatic with ECAP.SMTS, and queued invalidation is used
 *       (scalable mode needs PASID-cache and PASID-based IOTLB descriptors, which have no register
 *       interface).
 *   <li>Second-stage AW: the largest value in CAP.SAGAW whose width is at most the options' width
 *       (57) and MGAW rounded up to an AGAW (width_to_agaw); if none, the smallest supported. The
 *       second-stage input width is min(AGAW width, MGAW).
 *   <li>First stage (scalable + ECAP.FSTS): 5 levels with CAP.FS5LP and a 57-bit option, else 4;
 *       IOVAs in the lower canonical half (47 / 56 bits).
 *   <li>Leaf sizes: first stage 4K, 2M, 1G with CAP.FS1GP; second stage 4K plus CAP.SSLPS (1G only
 *       with 2M, the engine's split rule).
 *   <li>Flush mode: the option, except that CM = 1 with second-stage DMA domains forces strict
 *       (digest 9.2, Linux "IOMMU batching disallowed due to virtualization").
 * </ul>
 *
 * @param scalable scalable mode (RTADDR.TTM = 01b)
 * @param queued queued invalidation (else register-based)
 * @param dmaStage stage of DMA domains by default
 * @param firstStageAvailable first-stage DMA domains possible (scalable mode with ECAP.FSTS)
 * @param secondStageAvailable second-stage DMA domains possible (legacy, or ECAP.SSTS)
 * @param secondStageAw the AW value of second-stage tables (context / PASID entry AW)
 * @param secondStageWidth second-stage IOVA width in bits, min(AGAW width, MGAW)
 * @param firstStageLevels 4 or 5 (0 when first stage is not available)
 * @param firstStagePages first-stage leaf sizes
 * @param secondStagePages second-stage leaf sizes
 * @param flush effective unmap policy of default DMA domains
 * @param flushReason why, when it differs from the option ("" otherwise)
 * @param cachingMode CAP.CM
 * @param rwbf CAP.RWBF (write-buffer flush after table changes that need no invalidation)
 * @param esrtps CAP.ESRTPS (SRTP invalidates the caches itself)
 * @param passThrough ECAP.PT (identity domains by pass-through)
 * @param snoopControl ECAP.SC
 * @param domainIdBits 4 + 2 * CAP.ND
 * @param haw host address width (from firmware, not a register)
 */
public record Negotiated(
    boolean scalable,
    boolean queued,
    Stage dmaStage,
    boolean firstStageAvailable,
    boolean secondStageAvailable,
    int secondStageAw,
    int secondStageWidth,
    int firstStageLevels,
    List<PageSize> firstStagePages,
    List<PageSize> secondStagePages,
    FlushMode flush,
    String flushReason,
    boolean cachingMode,
    boolean rwbf,
    boolean esrtps,
    boolean passThrough,
    boolean snoopControl,
    int domainIdBits,
    int haw) {

  private static final int AGAW_BASE = 30;
  private static final int AGAW_STEP = 9;

  /**
   * The choices for a unit.
   *
   * @throws IllegalArgumentException when the options ask for something the unit lacks (scalable
   *     mode without ECAP.SMTS or without queued invalidation, a first-stage domain without FSTS,
   *     ...)
   */
  public static Negotiated of(Cap cap, Ecap ecap, int haw, DriverOptions options) {
    boolean queued = ecap.queuedInvalidation() && options.queuedInvalidation();
    boolean scalable =
        switch (options.mode()) {
          case AUTO -> ecap.scalableMode() && queued;
          case LEGACY -> false;
          case SCALABLE -> {
            if (!ecap.scalableMode()) {
              throw new IllegalArgumentException("scalable mode asked for, but ECAP.SMTS = 0");
            }
            if (!queued) {
              throw new IllegalArgumentException(
                  "scalable mode needs queued invalidation (ECAP.QI and the option)");
            }
            yield true;
          }
        };
    boolean fs = scalable && ecap.firstStage();
    boolean ss = !scalable || ecap.secondStage();
    Stage stage = chooseStage(options.stage(), scalable, fs, ss);
    int aw = chooseAw(cap, Math.min(options.addressWidth(), cap.mgaw()));
    int ssWidth = Math.min(Agaw.widthBits(aw), cap.mgaw());
    int fsLevels = !fs ? 0 : cap.firstStage5Level() && options.addressWidth() >= 57 ? 5 : 4;
    List<PageSize> fsPages = new ArrayList<>(List.of(PageSize.SIZE_4K, PageSize.SIZE_2M));
    if (cap.firstStage1G()) {
      fsPages.add(PageSize.SIZE_1G);
    }
    List<PageSize> ssPages = new ArrayList<>(List.of(PageSize.SIZE_4K));
    if (cap.secondStage2M()) {
      ssPages.add(PageSize.SIZE_2M);
      if (cap.secondStage1G()) {
        ssPages.add(PageSize.SIZE_1G);
      }
    }
    FlushMode flush = options.flush();
    String reason = "";
    if (flush == FlushMode.LAZY && cap.cachingMode() && stage == Stage.SECOND_STAGE) {
      flush = FlushMode.STRICT;
      reason = "CM=1 with second-stage domains: batching disallowed (digest 9.2)";
    }
    return new Negotiated(
        scalable,
        queued,
        stage,
        fs,
        ss,
        aw,
        ssWidth,
        fsLevels,
        List.copyOf(fsPages),
        List.copyOf(ssPages),
        flush,
        reason,
        cap.cachingMode(),
        cap.rwbf(),
        cap.esrtps(),
        ecap.passThrough(),
        ecap.snoopControl(),
        cap.domainIdBits(),
        haw);
  }

  private static Stage chooseStage(StageChoice choice, boolean scalable, boolean fs, boolean ss) {
    return switch (choice) {
      case AUTO -> {
        if (!fs && !ss) {
          throw new IllegalArgumentException(
              "scalable mode without ECAP.FSTS or ECAP.SSTS: no DMA domain is possible");
        }
        yield fs ? Stage.FIRST_STAGE : Stage.SECOND_STAGE;
      }
      case FIRST -> {
        if (!fs) {
          throw new IllegalArgumentException(
              scalable
                  ? "first-stage domains need ECAP.FSTS"
                  : "first-stage domains need scalable mode");
        }
        yield Stage.FIRST_STAGE;
      }
      case SECOND -> {
        if (!ss) {
          throw new IllegalArgumentException(
              "second-stage domains in scalable mode need ECAP.SSTS");
        }
        yield Stage.SECOND_STAGE;
      }
    };
  }

  /** Largest SAGAW AW not wider than {@code bits} rounded up to an AGAW; else the smallest. */
  static int chooseAw(Cap cap, int bits) {
    int wanted = (bits - AGAW_BASE + AGAW_STEP - 1) / AGAW_STEP;
    for (int aw = Math.min(wanted, Agaw.MAX_USABLE); aw >= Agaw.MIN_USABLE; aw--) {
      if (Agaw.usable(cap, aw)) {
        return aw;
      }
    }
    for (int aw = Agaw.MIN_USABLE; aw <= Agaw.MAX_USABLE; aw++) {
      if (Agaw.usable(cap, aw)) {
        return aw;
      }
    }
    throw new IllegalArgumentException("CAP.SAGAW has no usable AGAW (3, 4 or 5 levels)");
  }

  /** Number of second-stage levels (2 + AW). */
  public int secondStageLevels() {
    return Agaw.levels(secondStageAw);
  }

  /** First-stage IOVA width: the lower canonical half, 47 or 56 bits. */
  public int firstStageWidth() {
    return firstStageLevels == 0 ? 0 : 12 + 9 * firstStageLevels - 1;
  }

  /** The IOVA width of DMA domains of {@code stage}. */
  public int width(Stage stage) {
    return stage == Stage.FIRST_STAGE ? firstStageWidth() : secondStageWidth;
  }

  /** The page-table format of DMA domains of {@code stage}. */
  public FormatConfig format(Stage stage) {
    if (stage == Stage.FIRST_STAGE) {
      if (!firstStageAvailable) {
        throw new IllegalArgumentException("this unit/mode has no first-stage translation");
      }
      return FormatConfig.firstStage(firstStageLevels, haw)
          .withLeaf1G(firstStagePages.contains(PageSize.SIZE_1G));
    }
    if (!secondStageAvailable) {
      throw new IllegalArgumentException("this unit/mode has no second-stage translation");
    }
    return FormatConfig.secondStage(secondStageLevels(), haw)
        .withLeaf2M(secondStagePages.contains(PageSize.SIZE_2M))
        .withLeaf1G(secondStagePages.contains(PageSize.SIZE_1G))
        .withSnoopControl(snoopControl);
  }

  /** The flush mode of a DMA domain of {@code stage} when the option is {@code asked}. */
  public FlushMode flushFor(Stage stage, FlushMode asked) {
    return asked == FlushMode.LAZY && cachingMode && stage == Stage.SECOND_STAGE
        ? FlushMode.STRICT
        : asked;
  }

  /** "4K 2M 1G". */
  static String pages(List<PageSize> sizes) {
    StringBuilder sb = new StringBuilder();
    for (PageSize p : sizes) {
      sb.append(sb.length() == 0 ? "" : " ").append(p.label());
    }
    return sb.toString();
  }
}
