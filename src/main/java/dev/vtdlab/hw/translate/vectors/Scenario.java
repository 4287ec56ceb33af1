package dev.vtdlab.hw.translate.vectors;

import dev.vtdlab.hw.cap.UnitConfig;
import java.util.List;
import java.util.OptionalLong;

/**
 * A parsed {@code vtd-scenario/1} file (vectors-format.md): the unit, RTADDR, the memory image and
 * the requests.
 *
 * @param file the file it came from, as given
 * @param name the scenario's unique name
 * @param title one line on what it tests
 * @param section the spec sections
 * @param unit the remapping unit (CAP, ECAP, HAW, D11 option)
 * @param rtaddr RTADDR as latched
 * @param memLimit reads at or above this address fail; empty: every address is readable
 * @param memory the memory image
 * @param requests the requests in file order
 */
public record Scenario(
    String file,
    String name,
    String title,
    String section,
    UnitConfig unit,
    long rtaddr,
    OptionalLong memLimit,
    List<MemoryWrite> memory,
    List<ScenarioRequest> requests) {

  /** The format string every file carries. */
  public static final String FORMAT = "vtd-scenario/1";

  public Scenario {
    memory = List.copyOf(memory);
    requests = List.copyOf(requests);
  }
}
