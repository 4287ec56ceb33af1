package dev.vtdlab.driver.attach;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.domain.Attachment;
import dev.vtdlab.driver.domain.BlockedDomain;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.domain.Domain;
import dev.vtdlab.driver.domain.DomainIds;
import dev.vtdlab.driver.domain.IdentityDomain;
import dev.vtdlab.driver.inv.Invalidator;
import dev.vtdlab.driver.mmio.GlobalCommands;
import dev.vtdlab.hw.inval.ContextCacheInvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.TranslationType;
import dev.vtdlab.mem.WritableMemory;
import dev.vtdlab.pagetable.Stage;

/**
 * Legacy-mode attach (digest 3.2, 9.8, 10.2): one context entry per device.
 *
 * <ul>
 *   <li>DMA domain: DID, SSPTPTR = the domain's second-stage root, AW, TT = 00b, FPD = 0, P = 1.
 *       Identity: TT = 10b, AW = the largest supported (D9), DID 1 (needs ECAP.PT). Blocked: not
 *       present.
 *   <li>Making an entry present: qword 1 first, then qword 0 with P in one 64-bit write. Then with
 *       CM = 1 a device-selective context-cache invalidation with DID 0 and a domain-selective
 *       IOTLB invalidation of DID 0 (cached not-present entries are tagged DID 0); with CM = 0 only
 *       a write-buffer flush when CAP.RWBF.
 *   <li>Tearing a present entry down (detach, or before switching domains): P cleared in one 64-bit
 *       write, device-selective context-cache invalidation with the old DID, then domain-selective
 *       IOTLB invalidation of the old DID, then the rest of the entry is zeroed and the old
 *       domain's cache tag dropped.
 * </ul>
 */
public final class LegacyAttach implements AttachOps {
  private final WritableMemory memory;
  private final RootTable root;
  private final Invalidator invalidator;
  private final GlobalCommands gcmd;
  private final EntrySettings settings;

  public LegacyAttach(
      WritableMemory memory,
      RootTable root,
      Invalidator invalidator,
      GlobalCommands gcmd,
      EntrySettings settings) {
    this.memory = memory;
    this.root = root;
    this.invalidator = invalidator;
    this.gcmd = gcmd;
    this.settings = settings;
  }

  @Override
  public void attach(SourceId sid, int pasid, Domain domain, Domain old) {
    if (pasid != 0) {
      throw new IllegalArgumentException(
          "legacy mode has no PASIDs (asked for PASID " + pasid + ")");
    }
    ContextEntry entry = entryFor(domain);
    long hpa = root.contextEntryHpa(sid);
    if (!(old instanceof BlockedDomain)) {
      tearDown(sid, hpa, old);
    }
    if (entry == null) {
      return;
    }
    if (domain instanceof DmaDomain d) {
      d.addAttachment(new Attachment(sid, 0));
    }
    memory.write64(hpa + 8, entry.hi());
    memory.write64(hpa, entry.lo());
    if (settings.cachingMode()) {
      invalidator.submit(
          ContextCacheInvDescriptor.device(DomainIds.CACHING_MODE_DID, sid.value(), 0),
          IotlbInvDescriptor.domain(DomainIds.CACHING_MODE_DID));
    } else if (settings.rwbf()) {
      gcmd.flushWriteBuffer();
    }
  }

  /** The entry for {@code domain}, null for the blocking domain; checks before anything changes. */
  private ContextEntry entryFor(Domain domain) {
    if (domain instanceof IdentityDomain i) {
      if (!settings.passThrough()) {
        throw new IllegalArgumentException("identity domains need ECAP.PT (pass-through)");
      }
      return ContextEntry.ZERO
          .withTranslationType(TranslationType.PASS_THROUGH)
          .withAw(settings.passThroughAw())
          .withDid(i.did())
          .withPresent(true);
    }
    if (domain instanceof DmaDomain d) {
      if (d.stage() != Stage.SECOND_STAGE) {
        throw new IllegalArgumentException("legacy mode translates only through second stage");
      }
      return ContextEntry.ZERO
          .withTranslationType(TranslationType.UNTRANSLATED)
          .withSsptptr(d.ops().rootHpa())
          .withAw(d.ops().format().levels() - 2)
          .withDid(d.did())
          .withPresent(true);
    }
    return null;
  }

  private void tearDown(SourceId sid, long hpa, Domain old) {
    ContextEntry current = ContextEntry.read(memory, hpa);
    if (current.present()) {
      memory.write64(hpa, current.withPresent(false).lo());
      invalidator.submit(
          ContextCacheInvDescriptor.device(current.did(), sid.value(), 0),
          IotlbInvDescriptor.domain(current.did()));
      ContextEntry.ZERO.write(memory, hpa);
    }
    if (old instanceof DmaDomain d) {
      d.removeAttachment(new Attachment(sid, 0));
    }
  }

  /** Nothing more to do: the blocked context entry is already not present. */
  @Override
  public void release(SourceId sid) {}

  @Override
  public boolean supportsPasid() {
    return false;
  }
}
