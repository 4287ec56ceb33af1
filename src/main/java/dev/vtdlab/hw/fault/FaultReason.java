package dev.vtdlab.hw.fault;

/**
 * DMA-remapping fault reasons (FR field of a fault record; VT-d spec 7.1.3 and appendix A; digest
 * 8.1, 8.3, 8.4). Each reason carries its code, the spec's condition name and whether it is
 * qualified (suppressible by an applicable FPD bit; decision D17: non-qualified are RTA.*, LRT.*,
 * SRT.* and the read-error and reserved-bit faults of context, PASID-directory and PASID entries).
 */
public enum FaultReason {
  LRT_2(0x01, "LRT.2", "root entry not present (P = 0)"),
  LCT_2(0x02, "LCT.2", "context entry not present (P = 0)"),
  LCT_4(0x03, "LCT.4", "invalid context entry programming"),
  LGN_1(0x04, "LGN.1", "input address beyond the address width"),
  LGN_2(0x05, "LGN.2", "write without write permission"),
  LGN_3(0x06, "LGN.3", "read without read permission"),
  LSL_1(0x07, "LSL.1", "error accessing a second-stage paging entry"),
  LRT_1(0x08, "LRT.1", "error accessing the root entry"),
  LCT_1(0x09, "LCT.1", "error accessing the context entry"),
  LRT_3(0x0A, "LRT.3", "reserved field set in a present root entry"),
  LCT_3(0x0B, "LCT.3", "reserved field set in a present context entry"),
  LSL_2(0x0C, "LSL.2", "reserved field set in a present second-stage paging entry"),
  LCT_5(0x0D, "LCT.5", "translation request or translated request blocked by TT"),
  LGN_4(0x0E, "LGN.4", "output address in the interrupt address range"),
  RTA_1(0x30, "RTA.1", "invalid root-table address or TTM programming"),
  RTA_2(0x31, "RTA.2", "request with PASID while TTM is legacy"),
  RTA_3(0x32, "RTA.3", "page request while TTM is legacy"),
  RTA_4(0x33, "RTA.4", "request blocked in abort-DMA mode (TTM = 11b)"),
  SRT_1(0x38, "SRT.1", "error accessing the scalable-mode root entry"),
  SRT_2(0x39, "SRT.2", "root entry half (LP/UP) not present"),
  SRT_3(0x3A, "SRT.3", "reserved field set in the scalable-mode root entry"),
  SCT_1(0x40, "SCT.1", "error accessing the scalable-mode context entry"),
  SCT_2(0x41, "SCT.2", "scalable-mode context entry not present"),
  SCT_3(0x42, "SCT.3", "reserved field set in the scalable-mode context entry"),
  SCT_4(0x43, "SCT.4", "invalid scalable-mode context entry programming"),
  SCT_5(0x44, "SCT.5", "translation request or translated request with DTE = 0"),
  SCT_6(0x45, "SCT.6", "request with PASID while PASIDE = 0"),
  SCT_7(0x46, "SCT.7", "PASID beyond the PASID directory size (PDTS)"),
  SCT_8(0x47, "SCT.8", "page request while PRE = 0"),
  SCT_9(0x48, "SCT.9", "RID_PASID beyond the PASID directory size"),
  SPD_1(0x50, "SPD.1", "error accessing the PASID directory entry"),
  SPD_2(0x51, "SPD.2", "PASID directory entry not present"),
  SPD_3(0x52, "SPD.3", "reserved field set in the PASID directory entry"),
  SPT_1(0x58, "SPT.1", "error accessing the PASID entry"),
  SPT_2(0x59, "SPT.2", "PASID entry not present"),
  SPT_3(0x5A, "SPT.3", "reserved field set in the PASID entry"),
  SPT_4(0x5B, "SPT.4", "invalid PASID entry programming (PGTT, AW, FSPM)"),
  SPT_5(0x5C, "SPT.5", "execute request while ERE = 0"),
  SPT_6(0x5D, "SPT.6", "supervisor request while SRE = 0"),
  SFS_1(0x70, "SFS.1", "error accessing a first-stage paging entry"),
  SFS_2(0x71, "SFS.2", "first-stage paging entry not present"),
  SFS_3(0x72, "SFS.3", "reserved field set in a present first-stage paging entry"),
  SFS_4(0x73, "SFS.4", "error accessing the first-stage root entry through FSPTPTR"),
  SFS_5(0x74, "SFS.5", "nested: first-stage GPA beyond the second-stage address width"),
  SFS_6(0x75, "SFS.6", "nested: second stage denies reading the first-stage root table"),
  SFS_7(0x76, "SFS.7", "nested: second stage denies reading a first-stage table"),
  SFS_8(0x77, "SFS.8", "nested: second stage denies the write of a first-stage A/D update"),
  SSS_1(0x78, "SSS.1", "error accessing a second-stage paging entry"),
  SSS_2(0x79, "SSS.2", "second-stage paging entry not present"),
  SSS_3(0x7A, "SSS.3", "reserved field set in a present second-stage paging entry"),
  SSS_4(0x7B, "SSS.4", "error accessing the second-stage root entry through SSPTPTR"),
  SSS_5(0x7C, "SSS.5", "second-stage A/D update needed with a non-snooped walk"),
  SGN_1(0x80, "SGN.1", "input address not canonical"),
  SGN_2(0x81, "SGN.2", "user request to a supervisor page"),
  SGN_3(0x82, "SGN.3", "execute request without execute permission"),
  SGN_4(0x83, "SGN.4", "input address beyond the address width"),
  SGN_5(0x84, "SGN.5", "second-stage-only input beyond 2^min(MGAW, AGAW)"),
  SGN_6(0x85, "SGN.6", "write without write permission"),
  SGN_7(0x86, "SGN.7", "read without read permission"),
  SGN_8(0x87, "SGN.8", "output address in the interrupt address range"),
  SGN_10(0x89, "SGN.10", "PASID beyond the width ECAP.PSS allows"),
  SFS_9(0x90, "SFS.9", "first-stage A/D update needed with a non-snooped walk"),
  SFS_10(0x91, "SFS.10", "first-stage A/D update failed");

  private final int code;
  private final String specName;
  private final String description;

  FaultReason(int code, String specName, String description) {
    this.code = code;
    this.specName = specName;
    this.description = description;
  }

  /** The FR value. */
  public int code() {
    return code;
  }

  /** The spec's condition name, for example "SGN.7". */
  public String specName() {
    return specName;
  }

  public String description() {
    return description;
  }

  /** True for scalable-mode reasons (0x30 and above). */
  public boolean scalable() {
    return code >= 0x30;
  }

  /**
   * True when the fault is qualified: recording is suppressed when an applicable FPD bit is 1 (spec
   * 5.10 Table 30; docs/spec-deviations.md).
   */
  public boolean qualified() {
    return switch (this) {
      case LRT_1, LRT_2, LRT_3, RTA_1, RTA_2, RTA_3, RTA_4, SRT_1, SRT_2, SRT_3 -> false;
      case LCT_1, SCT_1, SPD_1, SPT_1 -> false;
      default -> true;
    };
  }

  /** The reason with this FR code. */
  public static FaultReason ofCode(int code) {
    for (FaultReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown fault reason 0x" + Integer.toHexString(code));
  }

  /** "0x86 SGN.7 read without read permission". */
  @Override
  public String toString() {
    return String.format("0x%02x %s %s", code, specName, description);
  }
}
