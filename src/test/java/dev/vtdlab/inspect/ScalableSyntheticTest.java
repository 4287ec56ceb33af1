package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Prot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scalable-mode structures the fixtures do not have (QEMU 7.2 offers no first stage): a PASID with
 * first-stage translation and one with nested translation, listed by devices and mappings.
 */
class ScalableSyntheticTest {
  private static final long ROOT = 0x1000;
  private static final long CONTEXT = 0x2000;
  private static final long DIR = 0x3000;
  private static final long PASID_TABLE = 0x4000;
  private static final SourceId SID = SourceId.parse("00:04.0");

  private final SparseMemory mem = new SparseMemory(48);
  private final PageTableFormat fs = PageTableFormat.of(FormatConfig.firstStage(4, 48));
  private final PageTableFormat ss = PageTableFormat.of(FormatConfig.secondStage(4, 48));
  private long next = 0x10_0000;

  private long table() {
    long t = next;
    next += 0x1000;
    return t;
  }

  /** Maps iova -> out in a 4-level table of {@code f}; table pages at their own (H/G)PA. */
  private void map(PageTableFormat f, long root, long iova, long out) {
    long t = root;
    for (int level = 4; level > 1; level--) {
      long at = t + 8L * f.index(iova, level);
      long e = mem.read64(at);
      if (!f.isPresent(e, level)) {
        long n = table();
        mem.write64(at, f.encodeTable(n));
        t = n;
      } else {
        t = f.address(e, level);
      }
    }
    mem.write64(t + 8L * f.index(iova, 1), f.encodeLeaf(out, PageSize.SIZE_4K, Prot.READ_WRITE));
  }

  private RegisterValues structures(PasidEntry pasid1) {
    ScalableRootEntry.ZERO
        .withLp(true)
        .withLctp(CONTEXT)
        .write(mem, ScalableRootEntry.address(ROOT, 0));
    ScalableContextEntry.ZERO
        .withPresent(true)
        .withPasidEnable(true)
        .withPasiddirptr(DIR)
        .write(mem, ScalableContextEntry.address(CONTEXT, SID.devfn()));
    PasidDirEntry.ZERO
        .withPresent(true)
        .withSmptblptr(PASID_TABLE)
        .write(mem, PasidDirEntry.address(DIR, 1));
    pasid1.write(mem, PasidEntry.address(PASID_TABLE, 1));
    return RegisterValues.ofRtaddr(ROOT | 0x400);
  }

  @Test
  void aFirstStagePasidIsListedAndItsMappingsAreCanonicalRuns() {
    long root = table();
    map(fs, root, 0x7000, 0x20_0000);
    map(fs, root, 0x8000, 0x20_1000);
    map(fs, root, 0xffff_8000_0000_0000L, 0x30_0000);
    RegisterValues regs =
        structures(
            PasidEntry.ZERO
                .withPresent(true)
                .withPgtt(Pgtt.FIRST_STAGE)
                .withDid(9)
                .withFsptptr(root));
    DeviceScan.Result scan = DeviceScan.scan(mem, regs.rtaddr());
    assertThat(scan.devices()).singleElement().isInstanceOf(DeviceView.Scalable.class);
    DeviceView.Scalable d = (DeviceView.Scalable) scan.devices().get(0);
    assertThat(d.pasids()).extracting(PasidView::pasid).containsExactly(1);
    assertThat(DevicesReport.text(scan, regs))
        .containsPattern("\n00:04\\.0 +1 +9 +001b first stage +- +- +0x100000 +4-level ");
    DomainLookup.Found f = DomainLookup.find(mem, regs, SID, 1);
    MappingsReport r = MappingsReport.of(mem, SID, 1, f.tables());
    assertThat(r.findings()).isEmpty();
    assertThat(r.runs())
        .extracting(MappingRun::inputStart)
        .containsExactly(0x7000L, 0xffff_8000_0000_0000L);
    assertThat(r.runs()).extracting(MappingRun::pages).containsExactly(2L, 1L);
    assertThat(r.text())
        .startsWith(
            "00:04.0 PASID 1 DID 9: PASID 1: first stage, 4-level (48-bit), table at 0x100000\n");
  }

  @Test
  void aNestedPasidListsFirstStageMappingsReadThroughTheSecondStage() {
    long ssRoot = table();
    // The first-stage tables live at GPA 0x4000_0000.. ; the second stage maps them to HPAs.
    long fsRootHpa = table();
    long fsRootGpa = 0x4000_0000L;
    map(ss, ssRoot, fsRootGpa, fsRootHpa);
    long[] fsTablesHpa = {table(), table(), table()};
    long[] fsTablesGpa = {0x4000_1000L, 0x4000_2000L, 0x4000_3000L};
    for (int i = 0; i < 3; i++) {
      map(ss, ssRoot, fsTablesGpa[i], fsTablesHpa[i]);
    }
    // First stage maps IOVA 0x5000 -> GPA 0x9000_0000 through tables at those GPAs.
    mem.write64(fsRootHpa, fs.encodeTable(fsTablesGpa[0]));
    mem.write64(fsTablesHpa[0], fs.encodeTable(fsTablesGpa[1]));
    mem.write64(fsTablesHpa[1], fs.encodeTable(fsTablesGpa[2]));
    mem.write64(
        fsTablesHpa[2] + 8 * 5, fs.encodeLeaf(0x9000_0000L, PageSize.SIZE_4K, Prot.READ_WRITE));
    RegisterValues regs =
        structures(
            PasidEntry.ZERO
                .withPresent(true)
                .withPgtt(Pgtt.NESTED)
                .withDid(4)
                .withAw(2)
                .withSsptptr(ssRoot)
                .withFsptptr(fsRootGpa));
    DomainLookup.Found f = DomainLookup.find(mem, regs, SID, 1);
    assertThat(f.tables()).isInstanceOf(DomainTables.Nested.class);
    MappingsReport r = MappingsReport.of(mem, SID, 1, f.tables());
    assertThat(r.findings()).isEmpty();
    assertThat(r.outputSpace()).isEqualTo("GPA");
    assertThat(r.runs())
        .extracting(MappingRun::inputStart, MappingRun::outputStart)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0x5000L, 0x9000_0000L));
  }

  @Test
  void aPasidTableOutsideMemoryIsReportedAsAbsent() {
    RegisterValues regs = structures(PasidEntry.ZERO);
    PasidDirEntry.ZERO
        .withPresent(true)
        .withSmptblptr(0x70_0000)
        .write(mem, PasidDirEntry.address(DIR, 64));
    mem.setReadLimit(0x60_0000);
    DeviceScan.Result scan = DeviceScan.scan(mem, regs.rtaddr());
    assertThat(scan.unreadable())
        .extracting(Finding::toString)
        .containsExactly(
            "PASID table of 00:04.0 for PASIDs 64-127 @0x700000: not in the memory dump");
    assertThat(List.of(DevicesReport.text(scan, regs).split("\n")))
        .contains(
            "absent: PASID table of 00:04.0 for PASIDs 64-127 @0x700000: not in the memory dump");
  }
}
