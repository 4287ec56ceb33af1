package dev.vtdlab.pagetable;

/** How a walk ended (D12: per entry, fetch error first, then not present, then reserved bits). */
public enum WalkStatus {
  /** A leaf was reached: output address, page size and rights are valid. */
  LEAF,
  /**
   * The input address is not valid for the format (beyond the input width, or not canonical for a
   * first-stage table); nothing was fetched.
   */
  INVALID_INPUT,
  /** The entry reader could not fetch the entry at the stop level (its own reason, if any). */
  FETCH_FAILED,
  /** The entry at the stop level is not present. */
  NOT_PRESENT,
  /** The entry at the stop level is present with reserved bits set. */
  RESERVED
}
