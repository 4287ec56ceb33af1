package dev.vtdlab.inspect;

/**
 * A structural problem the inspector found, with its location.
 *
 * @param location where: the structure and its owner ("context entry 00:02.0")
 * @param hpa the physical address of the structure (or of the pointer at fault)
 * @param problem what is wrong, one sentence
 */
public record Finding(String location, long hpa, String problem) {
  @Override
  public String toString() {
    return String.format("%s @0x%x: %s", location, hpa, problem);
  }
}
