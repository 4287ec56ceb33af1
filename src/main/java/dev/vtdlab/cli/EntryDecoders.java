package dev.vtdlab.cli;

import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import java.util.List;

/**
 * The {@link StructureDecoder}s of the remapping structures (package {@code hw.struct}) and the
 * capability registers. Each receives exactly the structure's number of words.
 */
final class EntryDecoders {
  private EntryDecoders() {}

  static Decoded root(List<Long> w, DecodeOptions o) {
    return new RootEntry(w.get(0), w.get(1)).decode(o.unit());
  }

  static Decoded smRoot(List<Long> w, DecodeOptions o) {
    return new ScalableRootEntry(w.get(0), w.get(1)).decode(o.unit());
  }

  static Decoded context(List<Long> w, DecodeOptions o) {
    return new ContextEntry(w.get(0), w.get(1)).decode(o.unit());
  }

  static Decoded smContext(List<Long> w, DecodeOptions o) {
    return new ScalableContextEntry(w.get(0), w.get(1), w.get(2), w.get(3)).decode(o.unit());
  }

  static Decoded pasidDir(List<Long> w, DecodeOptions o) {
    return new PasidDirEntry(w.get(0)).decode(o.unit());
  }

  static Decoded pasidEntry(List<Long> w, DecodeOptions o) {
    long[] q = new long[w.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] = w.get(i);
    }
    return PasidEntry.of(q).decode(o.unit());
  }

  static Decoded cap(List<Long> w, DecodeOptions o) {
    return new Cap(w.get(0)).decode();
  }

  static Decoded ecap(List<Long> w, DecodeOptions o) {
    return new Ecap(w.get(0)).decode();
  }
}
