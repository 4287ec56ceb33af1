package dev.vtdlab.hw.translate.vectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expected result of one request as the fields a checker compares (vectors-format "What a
 * checker compares"), each as a canonical string: {@code result}; for {@code ok} {@code hpa},
 * {@code page_size}, {@code perm}; for {@code fault} {@code code}; {@code reads.structure} and
 * {@code reads.walk} when given; optional {@code did}, {@code level}, {@code stage}, {@code
 * recorded}, {@code frcd} when given. Hex values are lower case without leading zeros; a JSON null
 * is "null".
 *
 * @param fields field name to canonical expected value, in comparison order
 */
public record Expectation(Map<String, String> fields) {
  public Expectation {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * The expected result word: "ok", "fault", "interrupt" or "blocked". The format still has the
   * "blocked" shape, but vtdlab's translator never gives it (abort-DMA mode faults RTA.4, VT-d spec
   * 5.10; docs/spec-deviations.md row 10), so such an expectation fails its comparison.
   */
  public String result() {
    return fields.get("result");
  }
}
