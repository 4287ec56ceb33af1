/**
 * Domains (digest 10.2): {@link dev.vtdlab.driver.domain.DmaDomain} (a page table behind one {@code
 * DomainOps}, IOVA allocator, unmap policy, cache tags), {@link
 * dev.vtdlab.driver.domain.IdentityDomain} (pass-through) and {@link
 * dev.vtdlab.driver.domain.BlockedDomain}; domain ids ({@link dev.vtdlab.driver.domain.DomainIds},
 * digest 9.2 reservations); the per-domain flush ({@link dev.vtdlab.driver.domain.DomainFlusher}:
 * PASID-based IOTLB for first-stage domains, IOTLB for second-stage domains, digest 9.1).
 *
 * <p>Glossary: <i>cache tag</i> = an {@link dev.vtdlab.driver.domain.Attachment} (device, PASID)
 * whose cached translations carry the domain's DID; <i>DID</i> = domain id.
 */
package dev.vtdlab.driver.domain;
