package dev.vtdlab.driver.domain;

/**
 * The blocking domain: the device's context entry (legacy) or PASID entry (scalable) is not
 * present, so every DMA faults (digest 10.2 "blocked"). One per driver.
 */
public final class BlockedDomain implements Domain {
  /** The one blocking domain. */
  public static final BlockedDomain INSTANCE = new BlockedDomain();

  private BlockedDomain() {}

  @Override
  public String name() {
    return "blocked";
  }

  @Override
  public String toString() {
    return name();
  }
}
