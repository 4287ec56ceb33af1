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
import dev.vtdlab.hw.inval.InvDescriptor;
import dev.vtdlab.hw.inval.IotlbInvDescriptor;
import dev.vtdlab.hw.inval.PasidCacheInvDescriptor;
import dev.vtdlab.hw.inval.PasidIotlbInvDescriptor;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;
import dev.vtdlab.pagetable.Stage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalable-mode attach (digest 3.3, 4, 9.8, 10.1 step 4, 10.2).
 *
 * <ul>
 *   <li>Device probe (first attach): a PASID directory ({@link PasidTables}) and the scalable-mode
 *       context entry: PASIDDIRPTR, PDTS, PASIDE (with ECAP.PASID), RID_PASID = 0, FPD = 0, P = 1
 *       written last; then CM = 1: device-selective context-cache invalidation with DID 0 and
 *       domain-selective IOTLB invalidation of DID 0; CM = 0: write-buffer flush if CAP.RWBF.
 *   <li>PASID entry for a first-stage DMA domain: FSPTPTR, FSPM (01b for 5 levels), DID, AW, PWSNP,
 *       PGTT = 001b; second stage: SSPTPTR, AW, DID, PWSNP, PGTT = 010b; identity: DID 1, AW,
 *       PWSNP, PGTT = 100b (needs ECAP.PT). The entry is written with P = 0, then qword 0 with P =
 *       1 in one 64-bit write; then CM = 1: PASID-selective PASID-cache and P_IOTLB of the PASID;
 *       CM = 0: write-buffer flush if CAP.RWBF.
 *   <li>Teardown of a present PASID entry (detach, or before switching domains): P cleared in one
 *       64-bit write, PASID-cache invalidation (PASID within DID), then for first-stage and
 *       pass-through entries P_IOTLB of the whole PASID, for second-stage entries domain-selective
 *       IOTLB; then the entry is zeroed and the old domain's cache tag dropped. (Linux's "replace"
 *       variants rewrite a present entry in place; the model always tears down first, so DMA in
 *       between faults instead of seeing a half-written entry.)
 *   <li>Release (every PASID blocked): context entry P cleared, device-selective context-cache
 *       invalidation, PASID tables freed.
 * </ul>
 */
public final class ScalableAttach implements AttachOps {
  private final WritableMemory memory;
  private final RootTable root;
  private final Invalidator invalidator;
  private final GlobalCommands gcmd;
  private final EntrySettings settings;
  private final FrameAllocator frames;
  private final Map<SourceId, PasidTables> devices = new ConcurrentHashMap<>();

  public ScalableAttach(
      FrameAllocator frames,
      RootTable root,
      Invalidator invalidator,
      GlobalCommands gcmd,
      EntrySettings settings) {
    this.frames = frames;
    this.memory = frames.memory();
    this.root = root;
    this.invalidator = invalidator;
    this.gcmd = gcmd;
    this.settings = settings;
  }

  @Override
  public void attach(SourceId sid, int pasid, Domain domain, Domain old) {
    PasidEntry entry = entryFor(domain);
    PasidTables tables = probe(sid);
    long hpa = tables.entryHpa(pasid);
    if (!(old instanceof BlockedDomain)) {
      tearDown(sid, pasid, hpa, old);
    }
    if (entry == null) {
      return;
    }
    if (domain instanceof DmaDomain d) {
      d.addAttachment(new Attachment(sid, pasid));
    }
    entry.write(memory, hpa);
    memory.write64(hpa, entry.withPresent(true).w0());
    if (settings.cachingMode()) {
      invalidator.submit(
          PasidCacheInvDescriptor.pasid(entry.did(), pasid),
          PasidIotlbInvDescriptor.pasid(entry.did(), pasid));
    } else if (settings.rwbf()) {
      gcmd.flushWriteBuffer();
    }
  }

  /** The PASID entry (P = 0) for {@code domain}, null when blocked; checks before any change. */
  private PasidEntry entryFor(Domain domain) {
    PasidEntry base = PasidEntry.ZERO.withPwsnp(settings.pageWalkSnoop());
    if (domain instanceof IdentityDomain i) {
      if (!settings.passThrough()) {
        throw new IllegalArgumentException("identity domains need ECAP.PT (pass-through)");
      }
      return base.withDid(i.did()).withAw(settings.passThroughAw()).withPgtt(Pgtt.PASS_THROUGH);
    }
    if (domain instanceof DmaDomain d) {
      if (d.stage() == Stage.FIRST_STAGE) {
        return base.withFsptptr(d.ops().rootHpa())
            .withFspm(d.ops().format().levels() == 5 ? 1 : 0)
            .withAw(settings.secondStageAw())
            .withDid(d.did())
            .withPgtt(Pgtt.FIRST_STAGE);
      }
      return base.withSsptptr(d.ops().rootHpa())
          .withAw(d.ops().format().levels() - 2)
          .withDid(d.did())
          .withPgtt(Pgtt.SECOND_STAGE);
    }
    return null;
  }

  /** The device's PASID tables, setting up its context entry on first use. */
  private PasidTables probe(SourceId sid) {
    PasidTables existing = devices.get(sid);
    if (existing != null) {
      return existing;
    }
    PasidTables tables = new PasidTables(frames, settings.pasidBits());
    devices.put(sid, tables);
    long hpa = root.contextEntryHpa(sid);
    ScalableContextEntry entry =
        ScalableContextEntry.ZERO
            .withPasiddirptr(tables.directoryHpa())
            .withPdts(PasidTables.PDTS)
            .withPasidEnable(settings.pasidEnable());
    entry.write(memory, hpa);
    memory.write64(hpa, entry.withPresent(true).w0());
    if (settings.cachingMode()) {
      invalidator.submit(
          ContextCacheInvDescriptor.device(DomainIds.CACHING_MODE_DID, sid.value(), 0),
          IotlbInvDescriptor.domain(DomainIds.CACHING_MODE_DID));
    } else if (settings.rwbf()) {
      gcmd.flushWriteBuffer();
    }
    return tables;
  }

  private void tearDown(SourceId sid, int pasid, long hpa, Domain old) {
    PasidEntry current = PasidEntry.read(memory, hpa);
    if (current.present()) {
      memory.write64(hpa, current.withPresent(false).w0());
      int did = current.did();
      InvDescriptor iotlb =
          current.pgtt().usesSecondStage()
              ? IotlbInvDescriptor.domain(did)
              : PasidIotlbInvDescriptor.pasid(did, pasid);
      invalidator.submit(PasidCacheInvDescriptor.pasid(did, pasid), iotlb);
      PasidEntry.ZERO.write(memory, hpa);
    }
    if (old instanceof DmaDomain d) {
      d.removeAttachment(new Attachment(sid, pasid));
    }
  }

  @Override
  public void release(SourceId sid) {
    PasidTables tables = devices.remove(sid);
    if (tables == null) {
      return;
    }
    long hpa = root.contextEntryHpa(sid);
    ScalableContextEntry current = ScalableContextEntry.read(memory, hpa);
    memory.write64(hpa, current.withPresent(false).w0());
    invalidator.submit(ContextCacheInvDescriptor.device(0, sid.value(), 0));
    ScalableContextEntry.ZERO.write(memory, hpa);
    tables.release();
  }

  /** The PASID tables of a probed device, or null. */
  public PasidTables tables(SourceId sid) {
    return devices.get(sid);
  }

  @Override
  public boolean supportsPasid() {
    return true;
  }
}
