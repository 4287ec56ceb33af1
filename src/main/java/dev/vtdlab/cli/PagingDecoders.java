package dev.vtdlab.cli;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import java.util.List;

/**
 * The {@link StructureDecoder}s of paging entries: {@code fs-pte} (first stage, x86-64 format) and
 * {@code ss-pte} (second stage, VT-d format). The format is configured from the unit ({@code
 * --unit}, {@code --haw}): HAW, large pages (CAP.FS1GP, CAP.SSLPS) and snoop control (ECAP.SC);
 * five levels so that every level can be decoded; first stage with NXE = 0 (XD ignored, D11).
 */
final class PagingDecoders {
  private PagingDecoders() {}

  static Decoded firstStage(List<Long> w, DecodeOptions o) {
    UnitConfig u = o.unit();
    FormatConfig c =
        FormatConfig.firstStage(5, u.haw())
            .withLeaf1G(u.cap().firstStage1G())
            .withXdReservedWithoutNxe(u.xdReservedWithoutNxe());
    return PageTableFormat.of(c).describe(w.get(0), o.requireLevel());
  }

  static Decoded secondStage(List<Long> w, DecodeOptions o) {
    UnitConfig u = o.unit();
    FormatConfig c =
        FormatConfig.secondStage(5, u.haw())
            .withLeaf2M(u.cap().secondStage2M())
            .withLeaf1G(u.cap().secondStage1G())
            .withSnoopControl(u.ecap().snoopControl());
    return PageTableFormat.of(c).describe(w.get(0), o.requireLevel());
  }
}
