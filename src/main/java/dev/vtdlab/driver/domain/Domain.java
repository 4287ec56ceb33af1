package dev.vtdlab.driver.domain;

/**
 * What a device (or a device's PASID) is attached to: a DMA domain with its own page table, the
 * identity domain (pass-through) or the blocking domain (nothing translates).
 */
public sealed interface Domain permits DmaDomain, IdentityDomain, BlockedDomain {

  /** A short name for people, e.g. "dma#1 first-stage DID 2". */
  String name();
}
