package dev.vtdlab.cli;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.inval.InvDescriptors;
import java.util.List;

/**
 * The {@link StructureDecoder}s of fault records ({@code frcd}) and invalidation descriptors
 * ({@code inv}, {@code inv-iotlb}, ...). A descriptor given as two qwords is a 128-bit descriptor;
 * given as four (256-bit mode) with a non-zero upper half, qwords 2 and 3 are checked as that
 * reserved upper half (an all-zero upper half decodes as the 128-bit form).
 */
final class RecordDecoders {
  private RecordDecoders() {}

  static Decoded faultRecord(List<Long> w, DecodeOptions o) {
    return new FaultRecord(w.get(0), w.get(1)).decode();
  }

  /** The decoder of descriptor {@code name} ("inv" decodes by the type field). */
  static StructureDecoder of(String name) {
    return (w, o) -> {
      boolean wide = w.get(2) != 0 || w.get(3) != 0;
      long[] words =
          wide
              ? new long[] {w.get(0), w.get(1), w.get(2), w.get(3)}
              : new long[] {w.get(0), w.get(1)};
      return InvDescriptors.decodeAs(name, words);
    };
  }
}
