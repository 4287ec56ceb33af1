package dev.vtdlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.driver.Negotiated;
import dev.vtdlab.driver.fault.ReportedFault;
import dev.vtdlab.driver.inv.InvalidationStats;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.MappingRun;
import dev.vtdlab.pagetable.Rights;

/** The {@code demo} command's JSON. */
final class DemoJson {
  private DemoJson() {}

  static ObjectNode render(DemoResult r) {
    ObjectNode root = Json.object();
    root.put("unit", r.unit());
    root.put("seed", r.seed());
    root.set("bringUp", bringUp(r));
    ArrayNode domains = root.putArray("domains");
    for (DemoResult.DomainLine d : r.domains()) {
      ObjectNode o = domains.addObject();
      o.put("name", d.name());
      o.put("stage", d.stage());
      o.put("did", d.did());
      o.put("iovaWidth", d.width());
      o.put("unmap", d.policy());
      o.put("attached", d.attached());
      o.put("maps", d.counters().maps());
      o.put("unmaps", d.counters().unmaps());
      o.put("strictFlushes", d.flushes().strictFlushes());
      o.put("fullFlushes", d.flushes().fullFlushes());
      o.put("timeoutFlushes", d.flushes().timeoutFlushes());
      o.put("explicitFlushes", d.flushes().explicitFlushes());
      o.put("unlinkFlushes", d.unlinkFlushes());
      o.set("invalidations", stats(d.invalidations()));
    }
    ObjectNode maps = root.putObject("mappings");
    maps.put("title", r.mappingsTitle());
    ArrayNode runs = maps.putArray("runs");
    for (MappingRun m : r.mappings()) {
      ObjectNode o = runs.addObject();
      o.put("iovaStart", Json.hex(m.iovaStart()));
      o.put("iovaLast", Json.hex(m.iovaLast()));
      o.put("hpaStart", Json.hex(m.outputStart()));
      o.put("pageSize", m.pageSize().label());
      o.put("pages", m.pages());
      o.put("rights", Rights.toString(m.rights()));
    }
    ArrayNode tr = root.putArray("translations");
    for (DemoResult.TranslationLine t : r.translations()) {
      ObjectNode o = tr.addObject();
      o.put("sid", t.sid().toString());
      o.put("access", t.access().label());
      o.put("iova", Json.hex(t.iova()));
      translation(o, t.result());
    }
    ObjectNode traffic = root.putObject("traffic");
    DemoResult.Nic n = r.nic();
    ObjectNode nic = traffic.putObject("nic");
    nic.put("received", n.received());
    nic.put("receivedBytes", n.rxBytes());
    nic.put("sent", n.onWire());
    nic.put("dropped", n.dropped());
    ObjectNode disk = traffic.putObject("disk");
    disk.put("lba", r.disk().lba());
    disk.put("blocks", r.disk().blocks());
    disk.put("readBackEqual", r.disk().completed() && r.disk().readBackEqual());
    ObjectNode after = root.putObject("dmaAfterUnmap");
    DemoResult.AfterUnmap u = r.afterUnmap();
    after.put("iova", Json.hex(u.iova()));
    after.put("hpa", Json.hex(u.bufferHpa()));
    after.put("beforeUnmap", DemoText.result(u.before()));
    after.put("afterUnmap", DemoText.result(u.after()));
    after.put("fsts", Json.hex(u.faults().fsts()));
    ArrayNode faults = after.putArray("faults");
    for (ReportedFault f : u.faults().faults()) {
      ObjectNode o = faults.addObject();
      o.put("index", f.index());
      o.put("sid", f.sid().toString());
      o.put("address", Json.hex(f.address()));
      o.put("type", f.write() ? "write" : "read");
      o.put("reason", f.knownReason() ? f.reason().specName() : "unknown");
      o.put("code", Json.hex(f.code()));
      o.put("text", f.toString());
      o.put("lo", Json.hex64(f.record().lo()));
      o.put("hi", Json.hex64(f.record().hi()));
    }
    ObjectNode inv = root.putObject("invalidations");
    inv.set("submitted", stats(r.invalidations()));
    ObjectNode performed = inv.putObject("performed");
    r.received().forEach((k, v) -> performed.put(k.name(), v));
    inv.put("waitsCompleted", r.waitsCompleted());
    ObjectNode counters = root.putObject("counters");
    counters.put("maps", r.dma().maps());
    counters.put("unmaps", r.dma().unmaps());
    counters.put("bytesMapped", r.dma().bytesMapped());
    counters.put("mapFlushes", r.dma().mapFlushes());
    counters.put("faultsRecorded", r.faultsRecorded());
    return root;
  }

  private static ObjectNode bringUp(DemoResult r) {
    Negotiated c = r.bringUp().choices();
    ObjectNode o = Json.object();
    o.put("version", r.bringUp().version());
    o.put("cap", Json.hex64(r.bringUp().cap()));
    o.put("ecap", Json.hex64(r.bringUp().ecap()));
    o.put("mode", c.scalable() ? "scalable" : "legacy");
    o.put("invalidation", r.bringUp().invalidation());
    o.put("rootTable", Json.hex(r.bringUp().rootTableHpa()));
    o.put("secondStageAw", c.secondStageAw());
    o.put("secondStageLevels", c.secondStageLevels());
    o.put("secondStageWidth", c.secondStageWidth());
    o.put("firstStageLevels", c.firstStageLevels());
    o.put("dmaStage", c.dmaStage().label());
    o.put("flush", c.flush().name().toLowerCase(java.util.Locale.ROOT));
    o.put("cachingMode", c.cachingMode());
    o.put("domainIds", r.bringUp().domainIds());
    o.put("reservedDids", r.bringUp().reservedDids());
    return o;
  }

  private static ObjectNode stats(InvalidationStats s) {
    ObjectNode o = Json.object();
    o.put("contextCache", s.contextCache());
    o.put("iotlb", s.iotlb());
    o.put("pasidIotlb", s.pasidIotlb());
    o.put("pasidCache", s.pasidCache());
    o.put("deviceTlb", s.deviceTlb());
    o.put("waits", s.waits());
    o.put("submissions", s.submissions());
    o.put("rejected", s.rejected());
    return o;
  }

  private static void translation(ObjectNode o, Translation t) {
    if (t instanceof Translated ok) {
      o.put("result", "translated");
      o.put("hpa", Json.hex(ok.hpa()));
      o.put("pageSize", ok.pageSize().label());
      o.put("perm", ok.perm());
      o.put("mode", ok.mode().label());
      o.put("did", ok.did());
      o.put("reads", ok.reads().total());
    } else if (t instanceof Fault f) {
      o.put("result", "fault");
      o.put("reason", f.reason().specName());
    } else {
      o.put("result", t.toString());
    }
  }
}
