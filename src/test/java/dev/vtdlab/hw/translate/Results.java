package dev.vtdlab.hw.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.fault.FaultReason;

/** Assertion helpers for translation results. */
final class Results {
  private Results() {}

  static Translated ok(Translation t) {
    assertThat(t).as("expected a translation, got %s", t).isInstanceOf(Translated.class);
    return (Translated) t;
  }

  static Fault fault(Translation t, FaultReason reason) {
    assertThat(t).as("expected fault %s, got %s", reason.specName(), t).isInstanceOf(Fault.class);
    Fault f = (Fault) t;
    assertThat(f.reason()).as("fault reason of %s", f).isEqualTo(reason);
    return f;
  }

  static void reads(Translation t, int structure, int walk) {
    assertThat(t.reads()).as("reads of %s", t).isEqualTo(new Reads(structure, walk));
  }
}
