package dev.vtdlab.cli;

import dev.vtdlab.driver.device.DmaResult;
import dev.vtdlab.driver.fault.ReportedFault;
import dev.vtdlab.hw.translate.Fault;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.pagetable.MappingRun;

/** The {@code demo} command's readable text. */
final class DemoText {
  private DemoText() {}

  static String render(DemoResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "vtdlab demo: unit %s, seed %d%n%n== bring-up%n%s", r.unit(), r.seed(), r.bringUp()));
    sb.append("\n== domains\n");
    for (DemoResult.DomainLine d : r.domains()) {
      sb.append(
          String.format(
              "%s: IOVA width %d, %s unmap, attached %s%n",
              d.name(), d.width(), d.policy(), d.attached().isEmpty() ? "-" : d.attached()));
    }
    sb.append("\n== mappings (").append(r.mappingsTitle()).append(")\n");
    for (MappingRun m : r.mappings()) {
      sb.append(
          String.format(
              "iova 0x%x..0x%x -> hpa 0x%x..0x%x %s x%d %s%n",
              m.iovaStart(),
              m.iovaLast(),
              m.outputStart(),
              m.outputLast(),
              m.pageSize().label(),
              m.pages(),
              dev.vtdlab.pagetable.Rights.toString(m.rights())));
    }
    sb.append("\n== translations\n");
    for (DemoResult.TranslationLine t : r.translations()) {
      sb.append(
          String.format(
              "%s %s 0x%x -> %s%n",
              t.sid(), t.access().label(), t.iova(), translation(t.result())));
    }
    DemoResult.Nic n = r.nic();
    DemoResult.Disk k = r.disk();
    sb.append(
        String.format(
            "%n== traffic%nNIC %s: %d packets received (%d bytes, %d into memory), %d sent (%d on"
                + " the wire), %d dropped%n",
            DemoScenario.NIC,
            n.rxPackets(),
            n.rxBytes(),
            n.received(),
            n.txPackets(),
            n.onWire(),
            n.dropped()));
    sb.append(
        String.format(
            "disk %s: wrote %d blocks at LBA %d and read them back: %s%n",
            DemoScenario.DISK,
            k.blocks(),
            k.lba(),
            k.completed() && k.readBackEqual() ? "equal" : "DIFFERENT"));
    DemoResult.AfterUnmap u = r.afterUnmap();
    sb.append(
        String.format(
            "%n== DMA after unmap%nmapped iova 0x%x -> hpa 0x%x (from-device); device write: %s;"
                + " unmapped and flushed; device write again: %s%n",
            u.iova(), u.bufferHpa(), result(u.before()), result(u.after())));
    sb.append("\n== fault\n");
    sb.append(
        String.format(
            "FSTS 0x%08x%s%n", u.faults().fsts(), u.faults().overflow() ? " (overflow)" : ""));
    for (ReportedFault f : u.faults().faults()) {
      sb.append("FRCD[").append(f.index()).append("] ").append(f).append('\n');
      sb.append(String.format("  raw lo 0x%016x hi 0x%016x%n", f.record().lo(), f.record().hi()));
    }
    if (u.after() instanceof DmaResult.Faulted ft) {
      sb.append("  translator: ").append(ft.fault().explanation()).append('\n');
    }
    sb.append("\n== invalidations\n");
    sb.append("driver submitted: ").append(r.invalidations()).append('\n');
    sb.append("unit performed:");
    r.received().forEach((kind, count) -> sb.append(' ').append(kind).append('=').append(count));
    sb.append(String.format("%nwait descriptors completed: %d%n", r.waitsCompleted()));
    sb.append("\n== counters\n");
    sb.append("driver DMA API: ").append(r.dma()).append('\n');
    for (DemoResult.DomainLine d : r.domains()) {
      sb.append(
          String.format(
              "%s: maps %d, unmaps %d, flushes strict %d / full %d / timeout %d / explicit %d /"
                  + " unlinked tables %d; %s%n",
              d.name(),
              d.counters().maps(),
              d.counters().unmaps(),
              d.flushes().strictFlushes(),
              d.flushes().fullFlushes(),
              d.flushes().timeoutFlushes(),
              d.flushes().explicitFlushes(),
              d.unlinkFlushes(),
              d.invalidations()));
    }
    sb.append("faults recorded by the unit: ").append(r.faultsRecorded()).append('\n');
    return sb.toString();
  }

  static String translation(dev.vtdlab.hw.translate.Translation t) {
    if (t instanceof Translated ok) {
      return String.format(
          "hpa 0x%x %s %s, %s, DID %d, %s",
          ok.hpa(), ok.pageSize().label(), ok.perm(), ok.mode().label(), ok.did(), ok.reads());
    }
    if (t instanceof Fault f) {
      return "fault " + f.reason();
    }
    return t.toString();
  }

  static String result(DmaResult r) {
    if (r instanceof DmaResult.Faulted f) {
      return "fault " + f.fault().reason();
    }
    if (r instanceof DmaResult.Refused x) {
      return "refused (" + x.why() + ")";
    }
    return "completed (" + r.bytesDone() + " bytes)";
  }
}
