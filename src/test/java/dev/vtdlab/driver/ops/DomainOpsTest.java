package dev.vtdlab.driver.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.SparseMemory;
import dev.vtdlab.pagetable.FlushGather;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.Stage;
import dev.vtdlab.pagetable.WalkResult;
import dev.vtdlab.pagetable.WalkStatus;
import org.junit.jupiter.api.Test;

class DomainOpsTest {
  private final SparseMemory memory = new SparseMemory(48);
  private final FrameAllocator frames = new FrameAllocator(memory, 0x1_0000_0000L, 1024);

  @Test
  void theFactoryPicksTheOpsOfTheConfigsStage() {
    DomainOps fs = DomainOps.create(FormatConfig.firstStage(4, 48), frames);
    DomainOps ss = DomainOps.create(FormatConfig.secondStage(3, 48), frames);
    assertThat(fs).isInstanceOf(FirstStageDomainOps.class);
    assertThat(fs.stage()).isEqualTo(Stage.FIRST_STAGE);
    assertThat(ss).isInstanceOf(SecondStageDomainOps.class);
    assertThat(ss.format().levels()).isEqualTo(3);
    assertThat(fs.rootHpa()).isNotEqualTo(ss.rootHpa());
  }

  @Test
  void firstStageOpsWriteLinuxFirstStageBitsAndDropSnoop() {
    DomainOps ops = new FirstStageDomainOps(FormatConfig.firstStage(4, 48), frames);
    ops.mapRange(0x1000, 0x5_6789_A000L, 0x1000, Prot.READ_WRITE | Prot.SNOOP);
    WalkResult r = ops.iovaToPhysical(0x1234);
    assertThat(r.outputAddress()).isEqualTo(0x5_6789_A234L);
    assertThat(r.lastEntry()).isEqualTo(0x5_6789_A067L);
    assertThat(memory.read64(ops.rootHpa()) & 0xFFF).isEqualTo(0x027);
    assertThat(r.rights()).isEqualTo(Rights.ALL);
  }

  @Test
  void secondStageOpsSetSnpInEveryLeafWhenForcingSnooping() {
    FormatConfig c = FormatConfig.secondStage(4, 48).withLeaf2M(true).withSnoopControl(true);
    DomainOps ops = new SecondStageDomainOps(c, frames, true);
    ops.mapRange(0x20_0000, 0x4020_0000L, 0x20_0000, Prot.READ_WRITE);
    ops.mapRange(0x40_0000, 0x9000, 0x1000, Prot.READ);
    WalkResult large = ops.iovaToPhysical(0x20_0000 + 0x14_5678);
    assertThat(large.outputAddress()).isEqualTo(0x4034_5678L);
    assertThat(large.pageSize()).isEqualTo(PageSize.SIZE_2M);
    assertThat(large.lastEntry()).as("R | W | PS | SNP").isEqualTo(0x4020_0883L);
    assertThat(ops.iovaToPhysical(0x40_0000).lastEntry()).isEqualTo(0x9801L);
    assertThat(memory.read64(ops.rootHpa()) & 0xFFF).isEqualTo(0x003);
  }

  @Test
  void forcingSnoopingWithoutSnoopControlIsRefused() {
    assertThatThrownBy(
            () -> new SecondStageDomainOps(FormatConfig.secondStage(4, 48), frames, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ECAP.SC");
    assertThatThrownBy(() -> new FirstStageDomainOps(FormatConfig.secondStage(4, 48), frames))
        .hasMessageContaining("first-stage config");
  }

  @Test
  void unmapReturnsAGatherAndFreesTablesOnlyAfterTheFlush() {
    DomainOps ops = DomainOps.create(FormatConfig.secondStage(4, 48), frames);
    ops.mapRange(0x7000, 0x7000, 0x1000, Prot.WRITE);
    int inUse = frames.framesInUse();
    FlushGather g = ops.unmapRange(0x7000, 0x1000);
    assertThat(ops.iovaToPhysical(0x7000).status()).isEqualTo(WalkStatus.NOT_PRESENT);
    assertThat(g.freedTableCount()).isEqualTo(3);
    assertThat(frames.framesInUse()).isEqualTo(inUse);
    ops.flushCompleted(g);
    assertThat(frames.framesInUse()).isEqualTo(inUse - 3);
    assertThat(ops.mappings()).isEmpty();
  }
}
