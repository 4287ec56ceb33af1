package dev.vtdlab.bench;

import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full page walks per second with no caches (every request walks root, context, PASID structures
 * and page tables; A/D updates off), cycling over 1024 mapped pages. Modes: legacy 4-level, first
 * stage 4-level, second stage 4-level, nested 4-over-4, pass-through. {@code entries} = true also
 * records every entry read in the result. At setup each mode prints its reads per translation:
 * entry fetches (D2, structure + walk) and 8-byte memory reads.
 *
 * <p>Run: {@code mvn -B -o -Pbench test-compile exec:exec -Dbench.args="dev.vtdlab.bench.Translat
 * -f 1 -wi 2 -i 3 -w 1s -r 1s"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TranslationBench {

  @Param({"legacy", "first-stage", "second-stage", "nested", "pass-through"})
  public String mode;

  @Param({"false", "true"})
  public boolean entries;

  private DmaTranslator translator;
  private DmaRequest[] requests;
  private int next;

  @Setup
  public void setUp() {
    TranslationImages im =
        switch (mode) {
          case "legacy" -> TranslationImages.legacy();
          case "first-stage" -> TranslationImages.scalable(Pgtt.FIRST_STAGE);
          case "second-stage" -> TranslationImages.scalable(Pgtt.SECOND_STAGE);
          case "nested" -> TranslationImages.scalable(Pgtt.NESTED);
          case "pass-through" -> TranslationImages.scalable(Pgtt.PASS_THROUGH);
          default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    translator =
        DmaTranslator.uncached(
            im.unit, im.memory, TranslatorOptions.READ_ONLY.withRecordEntries(entries), im.rtaddr);
    requests = new DmaRequest[TranslationImages.PAGES];
    for (int i = 0; i < requests.length; i++) {
      long in = TranslationImages.INPUT + i * 0x1000L + 0x10;
      requests[i] =
          mode.equals("legacy")
              ? DmaRequest.withoutPasid(TranslationImages.SID, in, Access.READ)
              : DmaRequest.withPasid(
                  TranslationImages.SID, TranslationImages.PASID, in, Access.READ, false);
    }
    long before = im.memory.readCount();
    Translation t = translator.translate(requests[0]);
    long qwords = im.memory.readCount() - before;
    if (!(t instanceof Translated ok)) {
      throw new IllegalStateException("benchmark image does not translate: " + t);
    }
    System.out.printf(
        "%n[reads per translation] %s: %d structure + %d walk entry fetches (D2), "
            + "%d 8-byte memory reads; %s%n",
        mode, t.reads().structure(), t.reads().walk(), qwords, ok);
  }

  @Benchmark
  public Translation translate() {
    int i = next;
    next = (i + 1) & (TranslationImages.PAGES - 1);
    return translator.translate(requests[i]);
  }
}
