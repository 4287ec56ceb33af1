/**
 * Invalidation of the remapping unit's caches (VT-d spec 6.5; digest 9).
 *
 * <ul>
 *   <li>{@link dev.vtdlab.hw.inval.InvalidationTarget}: what the caches implement; register- and
 *       descriptor-based invalidation both call it. {@link
 *       dev.vtdlab.hw.inval.CountingInvalidationTarget} counts calls by {@link
 *       dev.vtdlab.hw.inval.InvalidationKind}; {@link
 *       dev.vtdlab.hw.inval.RecordingInvalidationTarget} records them; {@code
 *       InvalidationTarget.none()} is a unit without caches.
 *   <li>Descriptors (records of two words, sealed {@link dev.vtdlab.hw.inval.InvDescriptor}): types
 *       1 context-cache, 2 IOTLB, 3 device-TLB, 4 interrupt entry cache, 5 wait, 6 PASID-based
 *       IOTLB, 7 PASID-cache, 8 PASID-based device-TLB, 9 page group response; static encoders
 *       ({@code IotlbInvDescriptor.page(did, iova, am, ih)}, ...) for the driver; {@code decode()}
 *       and {@link dev.vtdlab.hw.inval.InvDescriptors} for people. {@link
 *       dev.vtdlab.hw.inval.DeviceTlbRange} is the ATS S-bit size encoding.
 *   <li>{@link dev.vtdlab.hw.inval.RegisterInvalidation}: CCMD_REG / IOTLB_REG commands (CAIG /
 *       IAIG results).
 *   <li>{@link dev.vtdlab.hw.inval.InvalidationQueue}: IQH/IQT/IQA/ICS/IQERCD and the completion
 *       event; synchronous, in-order processing; IQE with {@link dev.vtdlab.hw.inval.QueueError};
 *       ITE/ICE by fault injection ({@link dev.vtdlab.hw.inval.DeviceTlbResponder}).
 * </ul>
 *
 * <p>Glossary: DID = domain id; SID = source (requester) id; AM = address mask (2^AM pages); IH =
 * invalidation hint (leaf entries only); IQEI = invalidation queue error info; IWC = invalidation
 * wait descriptor complete; ITE/ICE = invalidation time-out / completion error; P_IOTLB =
 * PASID-based IOTLB invalidation; device-TLB = the ATS translation cache in an endpoint.
 */
package dev.vtdlab.hw.inval;
