package dev.vtdlab.driver.inv;

/**
 * A snapshot of {@link InvalidationCounters}.
 *
 * @param contextCache context-cache invalidations (type 1 or CCMD_REG)
 * @param iotlb IOTLB invalidations (type 2 or IOTLB_REG)
 * @param pasidIotlb PASID-based IOTLB invalidations (type 6, P_IOTLB)
 * @param pasidCache PASID-cache invalidations (type 7)
 * @param deviceTlb device-TLB invalidations (types 3 and 8)
 * @param waits invalidation-wait descriptors (type 5)
 * @param submissions batches submitted (each ended by one wait in queued mode)
 * @param rejected submissions the unit rejected (IQE, or CAIG/IAIG = 00)
 */
public record InvalidationStats(
    long contextCache,
    long iotlb,
    long pasidIotlb,
    long pasidCache,
    long deviceTlb,
    long waits,
    long submissions,
    long rejected) {

  /** Every invalidation descriptor but waits. */
  public long invalidations() {
    return contextCache + iotlb + pasidIotlb + pasidCache + deviceTlb;
  }

  @Override
  public String toString() {
    return String.format(
        "context-cache %d, IOTLB %d, PASID-IOTLB %d, PASID-cache %d, device-TLB %d, waits %d,"
            + " submissions %d, rejected %d",
        contextCache, iotlb, pasidIotlb, pasidCache, deviceTlb, waits, submissions, rejected);
  }
}
