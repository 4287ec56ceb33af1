package dev.vtdlab.hw.translate.vectors;

import dev.vtdlab.hw.translate.Translation;
import java.util.List;

/**
 * The comparison of one request's translation with its expectation.
 *
 * @param scenario the scenario name
 * @param id the request id
 * @param fields every compared field, in comparison order
 * @param translation what the translator returned
 */
public record RequestOutcome(
    String scenario, String id, List<FieldResult> fields, Translation translation) {
  public RequestOutcome {
    fields = List.copyOf(fields);
  }

  /** True when every compared field matches. */
  public boolean pass() {
    for (FieldResult f : fields) {
      if (!f.match()) {
        return false;
      }
    }
    return true;
  }

  /** The fields that differ. */
  public List<FieldResult> differences() {
    return fields.stream().filter(f -> !f.match()).toList();
  }
}
