package dev.vtdlab.hw.translate.vectors;

/**
 * One compared field of one request.
 *
 * @param field the field name ("result", "hpa", "reads.walk", ...)
 * @param expected the expected value (canonical text)
 * @param actual the translator's value (canonical text; "absent" when the result has no such field,
 *     e.g. hpa of a fault)
 */
public record FieldResult(String field, String expected, String actual) {

  /** True when the values are equal. */
  public boolean match() {
    return expected.equals(actual);
  }
}
