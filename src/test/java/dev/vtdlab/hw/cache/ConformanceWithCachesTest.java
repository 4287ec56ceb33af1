package dev.vtdlab.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.hw.translate.vectors.Scenario;
import dev.vtdlab.hw.translate.vectors.ScenarioLoader;
import dev.vtdlab.hw.translate.vectors.ScenarioRequest;
import dev.vtdlab.hw.translate.vectors.ScenarioRunner;
import dev.vtdlab.mem.SparseMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance scenarios through caches: their images never change, so a translator with the
 * default caches must give every request (translated twice, the second time mostly from the caches)
 * the outcome of the uncached translator: result, address, page size, permissions, DID, fault code,
 * level, stage, FPD and the fault record. Only the read counts may differ.
 */
class ConformanceWithCachesTest {
  private static final Path VECTORS = Path.of("src/test/resources/vectors");

  private static String outcome(Translation t) {
    if (t instanceof Translated ok) {
      return String.format(
          "ok 0x%x %s %s did %d %s", ok.hpa(), ok.pageSize(), ok.perm(), ok.did(), ok.mode());
    }
    if (t instanceof Fault f) {
      return String.format(
          "fault %s level %s stage %s recorded %s record %s",
          f.reason().specName(), f.level(), f.stage(), f.recorded(), f.record());
    }
    return t.resultWord();
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioTranslatesTheSameWithCaches() throws IOException {
    try (Stream<Path> files = Files.list(VECTORS)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }
  }

  private static void check(Path file) throws Exception {
    Scenario s = ScenarioLoader.load(file);
    SparseMemory memory = ScenarioRunner.memory(s);
    DmaTranslator uncached =
        DmaTranslator.uncached(s.unit(), memory, TranslatorOptions.READ_ONLY, s.rtaddr());
    Map<Integer, DmaTranslator> cachedBySid = new HashMap<>();
    for (int pass = 1; pass <= 2; pass++) {
      for (ScenarioRequest r : s.requests()) {
        DmaTranslator cached =
            cachedBySid.computeIfAbsent(
                r.request().sid().value(),
                sid -> {
                  DmaTranslator t =
                      new DmaTranslator(
                          s.unit(),
                          memory,
                          TranslatorOptions.READ_ONLY,
                          new TranslationCaches(s.unit(), CacheConfig.DEFAULT).hooks());
                  t.latchRootTable(s.rtaddr());
                  return t;
                });
        assertThat(outcome(cached.translate(r.request())))
            .as("%s request %s, pass %d", file.getFileName(), r.id(), pass)
            .isEqualTo(outcome(uncached.translate(r.request())));
      }
    }
  }
}
