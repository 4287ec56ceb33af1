package dev.vtdlab.driver.ops;

import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.pagetable.FormatConfig;
import dev.vtdlab.pagetable.Prot;
import dev.vtdlab.pagetable.Stage;

/**
 * Domain ops over a second-stage table, as Linux programs them (digest 10.3): non-leaf entries R |
 * W, leaves R and W per protection, PS for large pages, and SNP in every leaf when the domain
 * forces snooping (enforced cache coherency, needs ECAP.SC).
 */
public final class SecondStageDomainOps extends StageDomainOps {
  private final boolean forceSnooping;

  /**
   * @param config a second-stage config (levels from AW, large pages from CAP.SSLPS, ECAP.SC)
   * @param frames where table pages come from
   * @param forceSnooping set SNP in every leaf
   * @throws IllegalArgumentException when forcing snooping without ECAP.SC
   */
  public SecondStageDomainOps(FormatConfig config, FrameAllocator frames, boolean forceSnooping) {
    super(config, Stage.SECOND_STAGE, frames);
    if (forceSnooping && !config.snoopControl()) {
      throw new IllegalArgumentException(
          "forcing snooping needs ECAP.SC (SNP is reserved without it, D10)");
    }
    this.forceSnooping = forceSnooping;
  }

  /** True when every leaf gets SNP. */
  public boolean forceSnooping() {
    return forceSnooping;
  }

  @Override
  int leafProt(int prot) {
    return forceSnooping ? prot | Prot.SNOOP : prot;
  }
}
