package dev.vtdlab.driver.domain;

/**
 * The identity domain: DMA addresses are host-physical addresses. Programmed as pass-through
 * (legacy context TT = 10b, or PASID entry PGTT = 100b) with DID {@link DomainIds#IDENTITY_DID}
 * (digest 10.2). One per driver.
 */
public final class IdentityDomain implements Domain {
  /** The one identity domain. */
  public static final IdentityDomain INSTANCE = new IdentityDomain();

  private IdentityDomain() {}

  /** The DID of its context / PASID entries. */
  public int did() {
    return DomainIds.IDENTITY_DID;
  }

  @Override
  public String name() {
    return "identity (pass-through) DID " + did();
  }

  @Override
  public String toString() {
    return name();
  }
}
