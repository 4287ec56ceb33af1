package dev.vtdlab.driver.ops;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.Stage;

/**
 * Domain ops over a first-stage (x86-64 format) table, as Linux programs them (digest 10.3): every
 * entry has U/S set (DMA without PASID is a user request), leaves have A and, when writable, R/W
 * and D preset; non-leaf entries are P | R/W | U/S | A. Snooping is not a first-stage entry bit
 * (the PASID entry's PGSNP does it for the whole domain), so {@link Prot#SNOOP} is dropped; XD is
 * written only for {@link Prot#NO_EXECUTE} with NXE = 1.
 */
public final class FirstStageDomainOps extends StageDomainOps {

  /**
   * @param config a first-stage config (levels from FSPM, 1 GiB pages from CAP.FS1GP)
   * @param frames where table pages come from
   */
  public FirstStageDomainOps(FormatConfig config, FrameAllocator frames) {
    super(config, Stage.FIRST_STAGE, frames);
  }

  @Override
  int leafProt(int prot) {
    return prot & ~Prot.SNOOP;
  }
}
