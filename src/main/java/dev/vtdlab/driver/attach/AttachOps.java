package dev.vtdlab.driver.attach;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.domain.BlockedDomain;
import dev.vtdlab.driver.domain.Domain;

/**
 * Programs context and PASID entries for attach, switch and detach, with the invalidations the
 * spec's guidance requires in the required order (digest 9.8): one implementation per translation
 * table mode, chosen at bring-up ({@link LegacyAttach}, {@link ScalableAttach}). Callers serialize
 * calls per device.
 */
public interface AttachOps {

  /**
   * Makes requests of {@code sid} with {@code pasid} (0 = requests without PASID) translate through
   * {@code domain}. {@code old} is what they used before ({@link BlockedDomain} when nothing was
   * present): a present entry is first torn down and invalidated, then the new entry is written and
   * made present.
   *
   * @throws IllegalArgumentException if the mode cannot do it (a PASID in legacy mode, identity
   *     without ECAP.PT, a PASID beyond the device's range)
   */
  void attach(SourceId sid, int pasid, Domain domain, Domain old);

  /**
   * Releases a device whose PASIDs are all blocked: its context entry becomes not present (scalable
   * mode: invalidated and its PASID tables freed).
   */
  void release(SourceId sid);

  /** True when PASIDs other than 0 can be attached (scalable mode). */
  boolean supportsPasid();
}
