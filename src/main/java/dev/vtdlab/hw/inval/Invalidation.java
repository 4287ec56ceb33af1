package dev.vtdlab.hw.inval;

/**
 * One call made on an {@link InvalidationTarget}, as {@link RecordingInvalidationTarget} keeps it.
 * Fields a kind does not use are 0 / false.
 *
 * @param kind the method called
 * @param did domain id
 * @param sid source id
 * @param pasid PASID
 * @param start first input address (or interrupt index)
 * @param last last input address, inclusive (or index mask for the interrupt entry cache)
 * @param flag IH for IOTLB kinds, all-PASIDs for {@link InvalidationKind#PASID_DEVICE_TLB}
 * @param functionMask FM of a device-selective context-cache invalidation
 */
public record Invalidation(
    InvalidationKind kind,
    int did,
    int sid,
    int pasid,
    long start,
    long last,
    boolean flag,
    int functionMask) {

  static Invalidation of(InvalidationKind kind) {
    return new Invalidation(kind, 0, 0, 0, 0, 0, false, 0);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CONTEXT_CACHE_GLOBAL, PASID_CACHE_GLOBAL, IOTLB_GLOBAL, INTERRUPT_ENTRY_CACHE_GLOBAL ->
          kind.toString();
      case CONTEXT_CACHE_DOMAIN, PASID_CACHE_DOMAIN, IOTLB_DOMAIN ->
          String.format("%s did=0x%x", kind, did);
      case CONTEXT_CACHE_DEVICE ->
          String.format("%s did=0x%x sid=0x%04x fm=%d", kind, did, sid, functionMask);
      case PASID_CACHE_PASID, PASID_IOTLB_PASID ->
          String.format("%s did=0x%x pasid=0x%x", kind, did, pasid);
      case IOTLB_PAGES ->
          String.format("%s did=0x%x 0x%x..0x%x ih=%b", kind, did, start, last, flag);
      case PASID_IOTLB_PAGES ->
          String.format(
              "%s did=0x%x pasid=0x%x 0x%x..0x%x ih=%b", kind, did, pasid, start, last, flag);
      case DEVICE_TLB -> String.format("%s sid=0x%04x 0x%x..0x%x", kind, sid, start, last);
      case PASID_DEVICE_TLB ->
          String.format(
              "%s sid=0x%04x %s 0x%x..0x%x",
              kind, sid, flag ? "all-pasids" : String.format("pasid=0x%x", pasid), start, last);
      case INTERRUPT_ENTRY_CACHE_INDEX -> String.format("%s index=0x%x im=%d", kind, start, last);
    };
  }
}
