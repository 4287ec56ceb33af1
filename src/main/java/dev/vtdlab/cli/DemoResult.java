package dev.vtdlab.cli;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.BringUpReport;
import dev.vtdlab.driver.IntelIommuDriver;
import dev.vtdlab.driver.device.DmaResult;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.driver.domain.DomainCounters;
import dev.vtdlab.driver.fault.FaultBatch;
import dev.vtdlab.driver.flush.FlushStats;
import dev.vtdlab.driver.inv.InvalidationStats;
import dev.vtdlab.hw.RemappingUnit;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.pagetable.MappingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the {@code demo} command prints, collected by {@link DemoScenario}. */
record DemoResult(
    String unit,
    long seed,
    BringUpReport bringUp,
    List<DomainLine> domains,
    String mappingsTitle,
    List<MappingRun> mappings,
    List<TranslationLine> translations,
    Nic nic,
    Disk disk,
    AfterUnmap afterUnmap,
    DomainCounters dma,
    InvalidationStats invalidations,
    Map<InvalidationKind, Long> received,
    long waitsCompleted,
    long faultsRecorded) {

  /** One DMA domain at the end of the run. */
  record DomainLine(
      String name,
      String stage,
      int did,
      int width,
      String attached,
      String policy,
      DomainCounters counters,
      FlushStats flushes,
      long unlinkFlushes,
      InvalidationStats invalidations) {}

  /** One translation the unit made for a device. */
  record TranslationLine(SourceId sid, long iova, Access access, Translation result) {}

  /** NIC traffic. */
  record Nic(int rxPackets, int rxBytes, long received, int txPackets, int onWire, long dropped) {}

  /** Disk traffic. */
  record Disk(long lba, int blocks, boolean completed, boolean readBackEqual) {}

  /** The DMA after unmap. */
  record AfterUnmap(
      long iova, long bufferHpa, DmaResult before, DmaResult after, FaultBatch faults) {}

  /** Collects the parts in the order the scenario produces them. */
  static final class Builder {
    private final String unit;
    private final long seed;
    private final BringUpReport bringUp;
    private final List<DomainLine> domains = new ArrayList<>();
    private final List<TranslationLine> translations = new ArrayList<>();
    private String mappingsTitle = "";
    private List<MappingRun> mappings = List.of();
    private Nic nic;
    private Disk disk;
    private AfterUnmap afterUnmap;
    private DomainCounters dma;
    private InvalidationStats invalidations;
    private Map<InvalidationKind, Long> received = Map.of();
    private long waitsCompleted;
    private long faultsRecorded;

    Builder(String unit, long seed, BringUpReport bringUp) {
      this.unit = unit;
      this.seed = seed;
      this.bringUp = bringUp;
    }

    void mappings(String title, List<MappingRun> runs) {
      mappingsTitle = title;
      mappings = List.copyOf(runs);
    }

    void translation(SourceId sid, long iova, Access access, Translation t) {
      translations.add(new TranslationLine(sid, iova, access, t));
    }

    void nic(int rx, int rxBytes, long received, int tx, int onWire, long dropped) {
      nic = new Nic(rx, rxBytes, received, tx, onWire, dropped);
    }

    void disk(long lba, int blocks, boolean completed, boolean equal) {
      disk = new Disk(lba, blocks, completed, equal);
    }

    void afterUnmap(long iova, long buffer, DmaResult before, DmaResult after, FaultBatch f) {
      afterUnmap = new AfterUnmap(iova, buffer, before, after, f);
    }

    void counters(IntelIommuDriver driver, RemappingUnit hw) {
      for (DmaDomain d : driver.domains()) {
        StringBuilder att = new StringBuilder();
        d.attachments().forEach(a -> att.append(att.length() == 0 ? "" : ", ").append(a));
        domains.add(
            new DomainLine(
                d.name(),
                d.stage().label(),
                d.did(),
                d.width(),
                att.toString(),
                d.policy().isStrict() ? "strict" : "lazy",
                d.counters(),
                d.policy().stats(),
                d.unlinkFlushes(),
                d.invalidations().stats()));
      }
      dma = driver.counters();
      invalidations = driver.invalidator().counters().stats();
      Map<InvalidationKind, Long> m = new TreeMap<>();
      hw.registers()
          .invalidations()
          .counts()
          .forEach(
              (k, v) -> {
                if (v > 0) {
                  m.put(k, v);
                }
              });
      received = m;
      waitsCompleted = hw.registers().queue().counters().waitsCompleted();
      faultsRecorded = hw.registers().faults().recordedCount();
    }

    DemoResult build() {
      return new DemoResult(
          unit,
          seed,
          bringUp,
          List.copyOf(domains),
          mappingsTitle,
          mappings,
          List.copyOf(translations),
          nic,
          disk,
          afterUnmap,
          dma,
          invalidations,
          received,
          waitsCompleted,
          faultsRecorded);
    }
  }
}
