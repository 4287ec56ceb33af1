package dev.vtdlab.hw.translate;

import dev.vtdlab.hw.fault.FaultReason;

/**
 * The fault reasons of a second-stage translation in each mode (digest 6.3, 7.2, 8; D12, D14, D15,
 * D16; VT-d spec 5.10 Table 30 for the scalable width fault SGN.5 and the cumulative SSS.2,
 * docs/spec-deviations.md rows 2 and 9).
 */
enum SecondStageCodes {
  /** Legacy mode: LGN.1, LCT.4 ("LCT.4.3"), LSL.1, LGN.2/LGN.3, LSL.2, LGN.4; no SSS.2 rule. */
  LEGACY(
      FaultReason.LGN_1,
      FaultReason.LCT_4,
      FaultReason.LSL_1,
      FaultReason.LGN_3,
      FaultReason.LGN_2,
      FaultReason.LSL_2,
      FaultReason.LGN_3,
      FaultReason.LGN_2,
      FaultReason.LGN_3,
      FaultReason.LGN_4,
      null),
  /**
   * Scalable mode (PGTT 010b and the second stage of 011b): SGN.5 (spec 5.10; D16 had SGN.4),
   * SSS.4, SSS.1, SSS.2, SSS.3, SGN.7/SGN.6/SGN.3, SGN.8, SSS.2 for R = W = 0 over the walk.
   */
  SCALABLE(
      FaultReason.SGN_5,
      FaultReason.SSS_4,
      FaultReason.SSS_1,
      FaultReason.SSS_2,
      FaultReason.SSS_2,
      FaultReason.SSS_3,
      FaultReason.SGN_7,
      FaultReason.SGN_6,
      FaultReason.SGN_3,
      FaultReason.SGN_8,
      FaultReason.SSS_2);

  /**
   * Input at or above 2^min(AGAW width, MGAW) (D16): LGN.1, or SGN.5 for PGTT 010b (spec 5.10 Table
   * 30 SGN.5). Pass-through inputs at or above 2^HAW (D9) are LGN.1 / SGN.4, raised by the
   * pass-through code itself.
   */
  final FaultReason width;

  /** Read error of the top entry through SSPTPTR (D15). */
  final FaultReason topReadError;

  /** Read error of a lower entry (D15). */
  final FaultReason readError;

  /** Non-present entry met by a read (D12). */
  final FaultReason notPresentRead;

  /** Non-present entry met by a write (D12). */
  final FaultReason notPresentWrite;

  /** Reserved bit set in a present entry. */
  final FaultReason reserved;

  /** Read without R over the walk. */
  final FaultReason read;

  /** Write without W over the walk. */
  final FaultReason write;

  /** Execute without execute permission (never in legacy mode: no execute requests, D3). */
  final FaultReason execute;

  /** Output address in the interrupt range (D14). */
  final FaultReason interruptRange;

  /**
   * A complete walk whose ANDed R and ANDed W are both 0 (spec 5.10 Table 30 SSS.2, checked before
   * the access-type rights); null in legacy mode, which has no such condition.
   */
  final FaultReason noReadWrite;

  SecondStageCodes(
      FaultReason width,
      FaultReason topReadError,
      FaultReason readError,
      FaultReason notPresentRead,
      FaultReason notPresentWrite,
      FaultReason reserved,
      FaultReason read,
      FaultReason write,
      FaultReason execute,
      FaultReason interruptRange,
      FaultReason noReadWrite) {
    this.width = width;
    this.topReadError = topReadError;
    this.readError = readError;
    this.notPresentRead = notPresentRead;
    this.notPresentWrite = notPresentWrite;
    this.reserved = reserved;
    this.read = read;
    this.write = write;
    this.execute = execute;
    this.interruptRange = interruptRange;
    this.noReadWrite = noReadWrite;
  }
}
