package dev.vtdlab.hw.regs;

import static dev.vtdlab.hw.regs.Access.RO;
import static dev.vtdlab.hw.regs.Access.RW;
import static dev.vtdlab.hw.regs.Access.RW1C;
import static dev.vtdlab.hw.regs.Access.WO;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.EventRegisters;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.inval.ContextCommandRegister;
import dev.vtdlab.hw.inval.IotlbRegisters;
import dev.vtdlab.hw.inval.QueueRegisters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The register table of one unit (VT-d spec 11.4; digest 1.1, 1.2): every register with its offset,
 * width and the access of each bit, as data. Capabilities decide what exists: registers of a
 * feature the unit lacks (queued invalidation, interrupt remapping, advanced fault logging,
 * protected memory, page requests) are absent and read as 0; fields that need a capability are
 * reserved without it. IVA/IOTLB sit at ECAP.IRO * 16 and the NFR + 1 fault recording registers at
 * CAP.FRO * 16 (each as two 64-bit halves, {@code FRCD_REG[i].lo} and {@code .hi}). MTRR,
 * performance-monitoring, enhanced-command and virtual-command registers are not modelled.
 */
public final class RegisterTable {
  public static final int VER_REG = 0x000;
  public static final int CAP_REG = 0x008;
  public static final int ECAP_REG = 0x010;
  public static final int GCMD_REG = 0x018;
  public static final int GSTS_REG = 0x01C;
  public static final int RTADDR_REG = 0x020;
  public static final int CCMD_REG = 0x028;
  public static final int FSTS_REG = 0x034;
  public static final int FECTL_REG = 0x038;
  public static final int FEDATA_REG = 0x03C;
  public static final int FEADDR_REG = 0x040;
  public static final int FEUADDR_REG = 0x044;
  public static final int AFLOG_REG = 0x058;
  public static final int PMEN_REG = 0x064;
  public static final int PLMBASE_REG = 0x068;
  public static final int PLMLIMIT_REG = 0x06C;
  public static final int PHMBASE_REG = 0x070;
  public static final int PHMLIMIT_REG = 0x078;
  public static final int IQH_REG = 0x080;
  public static final int IQT_REG = 0x088;
  public static final int IQA_REG = 0x090;
  public static final int ICS_REG = 0x09C;
  public static final int IECTL_REG = 0x0A0;
  public static final int IEDATA_REG = 0x0A4;
  public static final int IEADDR_REG = 0x0A8;
  public static final int IEUADDR_REG = 0x0AC;
  public static final int IQERCD_REG = 0x0B0;
  public static final int IRTA_REG = 0x0B8;
  public static final int PQH_REG = 0x0C0;
  public static final int PQT_REG = 0x0C8;
  public static final int PQA_REG = 0x0D0;
  public static final int PRS_REG = 0x0DC;
  public static final int PECTL_REG = 0x0E0;
  public static final int PEDATA_REG = 0x0E4;
  public static final int PEADDR_REG = 0x0E8;
  public static final int PEUADDR_REG = 0x0EC;

  private final List<RegisterDef> registers;
  private final int[] indexByDword;
  private final int ivaOffset;
  private final int frcdOffset;
  private final int frcdCount;

  private RegisterTable(List<RegisterDef> registers, int ivaOffset, int frcdOffset, int count) {
    this.registers = Collections.unmodifiableList(registers);
    this.ivaOffset = ivaOffset;
    this.frcdOffset = frcdOffset;
    this.frcdCount = count;
    int end = 0;
    for (RegisterDef r : registers) {
      end = Math.max(end, r.offset() + r.width() / 8);
    }
    indexByDword = new int[end / 4];
    java.util.Arrays.fill(indexByDword, -1);
    for (int i = 0; i < registers.size(); i++) {
      RegisterDef r = registers.get(i);
      for (int d = r.offset() / 4; d < (r.offset() + r.width() / 8) / 4; d++) {
        if (indexByDword[d] >= 0) {
          throw new IllegalArgumentException(
              String.format(
                  "%s at 0x%x overlaps %s (check CAP.FRO/NFR and ECAP.IRO)",
                  r.name(), r.offset(), registers.get(indexByDword[d]).name()));
        }
        indexByDword[d] = i;
      }
    }
  }

  /**
   * The table of a unit.
   *
   * @throws IllegalArgumentException if the relocatable registers (ECAP.IRO, CAP.FRO) overlap
   *     others
   */
  public static RegisterTable forUnit(UnitConfig config) {
    Cap cap = config.cap();
    Ecap ecap = config.ecap();
    List<RegisterDef> r = new ArrayList<>();
    r.add(ro("VER_REG", VER_REG, 32, MiscRegisters.VER));
    r.add(ro("CAP_REG", CAP_REG, 64, Cap.LAYOUT));
    r.add(ro("ECAP_REG", ECAP_REG, 64, Ecap.LAYOUT));
    r.add(gcmd(cap, ecap));
    r.add(gsts(cap, ecap));
    r.add(rw("RTADDR_REG", RTADDR_REG, 64, RootTableAddress.LAYOUT));
    r.add(
        RegisterDef.builder("CCMD_REG", CCMD_REG, 64, ContextCommandRegister.LAYOUT)
            .field(
                RW,
                ContextCommandRegister.DID,
                ContextCommandRegister.SID,
                ContextCommandRegister.FM,
                ContextCommandRegister.CIRG,
                ContextCommandRegister.ICC)
            .field(RO, ContextCommandRegister.CAIG)
            .build());
    r.add(
        RegisterDef.builder("FSTS_REG", FSTS_REG, 32, Fsts.LAYOUT)
            .field(RW1C, Fsts.PFO, Fsts.AFO, Fsts.APF)
            .fieldIf(ecap.queuedInvalidation(), RW1C, Fsts.IQE)
            .fieldIf(ecap.deviceTlb(), RW1C, Fsts.ICE, Fsts.ITE)
            .field(RO, Fsts.PPF, Fsts.FRI)
            .build());
    addEvent(r, "FE", FECTL_REG);
    if (Cap.AFL.isSet(cap.value())) {
      r.add(rw("AFLOG_REG", AFLOG_REG, 64, MiscRegisters.AFLOG));
    }
    boolean plmr = Cap.PLMR.isSet(cap.value());
    boolean phmr = Cap.PHMR.isSet(cap.value());
    if (plmr || phmr) {
      r.add(
          RegisterDef.builder("PMEN_REG", PMEN_REG, 32, MiscRegisters.PMEN)
              .field(RW, MiscRegisters.EPM)
              .field(RO, MiscRegisters.PRS)
              .build());
    }
    if (plmr) {
      r.add(rw("PLMBASE_REG", PLMBASE_REG, 32, MiscRegisters.PLM_LAYOUT));
      r.add(rw("PLMLIMIT_REG", PLMLIMIT_REG, 32, MiscRegisters.PLM_LAYOUT));
    }
    if (phmr) {
      r.add(rw("PHMBASE_REG", PHMBASE_REG, 64, MiscRegisters.PHM_LAYOUT));
      r.add(rw("PHMLIMIT_REG", PHMLIMIT_REG, 64, MiscRegisters.PHM_LAYOUT));
    }
    if (ecap.queuedInvalidation()) {
      addQueue(r, ecap);
    }
    if (ecap.has(Ecap.IR)) {
      r.add(
          RegisterDef.builder("IRTA_REG", IRTA_REG, 64, MiscRegisters.IRTA_LAYOUT)
              .field(RW, MiscRegisters.IRTA_S, MiscRegisters.IRTA)
              .fieldIf(ecap.has(Ecap.EIM), RW, MiscRegisters.EIME)
              .build());
    }
    if (ecap.has(Ecap.PRS)) {
      r.add(rw("PQH_REG", PQH_REG, 64, MiscRegisters.PQ));
      r.add(rw("PQT_REG", PQT_REG, 64, MiscRegisters.PQ));
      r.add(rw("PQA_REG", PQA_REG, 64, MiscRegisters.PQA_LAYOUT));
      r.add(
          RegisterDef.builder("PRS_REG", PRS_REG, 32, MiscRegisters.PRS_LAYOUT)
              .field(RW1C, MiscRegisters.PPR, MiscRegisters.PRO)
              .build());
      addEvent(r, "PE", PECTL_REG);
    }
    int iva = ecap.iotlbRegisterOffset();
    r.add(rw("IVA_REG", iva, 64, IotlbRegisters.IVA));
    r.add(
        RegisterDef.builder("IOTLB_REG", iva + 8, 64, IotlbRegisters.IOTLB)
            .field(RW, IotlbRegisters.DID, IotlbRegisters.IIRG, IotlbRegisters.IVT)
            .fieldIf(Cap.DWD.isSet(cap.value()), RW, IotlbRegisters.DW)
            .fieldIf(Cap.DRD.isSet(cap.value()), RW, IotlbRegisters.DR)
            .field(RO, IotlbRegisters.IAIG)
            .build());
    int fro = cap.faultRecordOffset();
    for (int i = 0; i < cap.faultRecordCount(); i++) {
      r.add(ro("FRCD_REG[" + i + "].lo", fro + 16 * i, 64, FaultRecord.LO));
      r.add(
          RegisterDef.builder("FRCD_REG[" + i + "].hi", fro + 16 * i + 8, 64, FaultRecord.HI)
              .field(
                  RO,
                  FaultRecord.SID,
                  FaultRecord.T2,
                  FaultRecord.PRIV,
                  FaultRecord.EXE,
                  FaultRecord.PP,
                  FaultRecord.FR,
                  FaultRecord.PV,
                  FaultRecord.AT,
                  FaultRecord.T1)
              .field(RW1C, FaultRecord.F)
              .build());
    }
    r.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
    return new RegisterTable(r, iva, fro, cap.faultRecordCount());
  }

  private static RegisterDef gcmd(Cap cap, Ecap ecap) {
    boolean afl = Cap.AFL.isSet(cap.value());
    boolean ir = ecap.has(Ecap.IR);
    return RegisterDef.builder("GCMD_REG", GCMD_REG, 32, GlobalCommand.GCMD)
        .field(WO, GlobalCommand.TE, GlobalCommand.SRTP)
        .fieldIf(afl, WO, GlobalCommand.SFL, GlobalCommand.EAFL)
        .fieldIf(cap.rwbf(), WO, GlobalCommand.WBF)
        .fieldIf(ecap.queuedInvalidation(), WO, GlobalCommand.QIE)
        .fieldIf(ir, WO, GlobalCommand.IRE, GlobalCommand.SIRTP, GlobalCommand.CFI)
        .build();
  }

  private static RegisterDef gsts(Cap cap, Ecap ecap) {
    boolean afl = Cap.AFL.isSet(cap.value());
    boolean ir = ecap.has(Ecap.IR);
    return RegisterDef.builder("GSTS_REG", GSTS_REG, 32, GlobalCommand.GSTS)
        .field(RO, GlobalCommand.TES, GlobalCommand.RTPS)
        .fieldIf(afl, RO, GlobalCommand.FLS, GlobalCommand.AFLS)
        .fieldIf(cap.rwbf(), RO, GlobalCommand.WBFS)
        .fieldIf(ecap.queuedInvalidation(), RO, GlobalCommand.QIES)
        .fieldIf(ir, RO, GlobalCommand.IRES, GlobalCommand.IRTPS, GlobalCommand.CFIS)
        .build();
  }

  private static void addQueue(List<RegisterDef> r, Ecap ecap) {
    r.add(
        RegisterDef.builder("IQH_REG", IQH_REG, 64, QueueRegisters.IQH)
            .field(RO, QueueRegisters.QH)
            .build());
    r.add(rw("IQT_REG", IQT_REG, 64, QueueRegisters.IQT));
    r.add(
        RegisterDef.builder("IQA_REG", IQA_REG, 64, QueueRegisters.IQA_LAYOUT)
            .field(RW, QueueRegisters.QS, QueueRegisters.IQA)
            .fieldIf(ecap.scalableMode(), RW, QueueRegisters.DW)
            .build());
    r.add(
        RegisterDef.builder("ICS_REG", ICS_REG, 32, QueueRegisters.ICS)
            .field(RW1C, QueueRegisters.IWC)
            .build());
    addEvent(r, "IE", IECTL_REG);
    r.add(ro("IQERCD_REG", IQERCD_REG, 64, QueueRegisters.IQERCD));
  }

  private static void addEvent(List<RegisterDef> r, String prefix, int controlOffset) {
    r.add(
        RegisterDef.builder(prefix + "CTL_REG", controlOffset, 32, EventRegisters.CONTROL)
            .field(RW, EventRegisters.IM)
            .field(RO, EventRegisters.IP)
            .build());
    r.add(rw(prefix + "DATA_REG", controlOffset + 4, 32, EventRegisters.DATA));
    r.add(rw(prefix + "ADDR_REG", controlOffset + 8, 32, EventRegisters.ADDRESS));
    r.add(rw(prefix + "UADDR_REG", controlOffset + 12, 32, EventRegisters.UPPER_ADDRESS));
  }

  private static RegisterDef ro(String name, int offset, int width, WordLayout layout) {
    return RegisterDef.builder(name, offset, width, layout)
        .field(RO, layout.fields().toArray(new BitField[0]))
        .build();
  }

  private static RegisterDef rw(String name, int offset, int width, WordLayout layout) {
    return RegisterDef.builder(name, offset, width, layout)
        .field(RW, layout.fields().toArray(new BitField[0]))
        .build();
  }

  /** Every register, by offset. */
  public List<RegisterDef> registers() {
    return registers;
  }

  /** Index (in {@link #registers()}) of the register covering this byte offset, or -1. */
  public int indexAt(int offset) {
    int d = offset >>> 2;
    return offset < 0 || d >= indexByDword.length ? -1 : indexByDword[d];
  }

  /**
   * The register with this name.
   *
   * @throws IllegalArgumentException if the unit has no such register
   */
  public RegisterDef named(String name) {
    for (RegisterDef r : registers) {
      if (r.name().equalsIgnoreCase(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("this unit has no register named " + name);
  }

  /** True when the unit has a register with this name. */
  public boolean has(String name) {
    for (RegisterDef r : registers) {
      if (r.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Offset of IVA_REG (IOTLB_REG is 8 above). */
  public int ivaOffset() {
    return ivaOffset;
  }

  /** Offset of IOTLB_REG. */
  public int iotlbOffset() {
    return ivaOffset + 8;
  }

  /** Offset of FRCD_REG[index] (its low qword; the high qword is 8 above). */
  public int frcdOffset(int index) {
    if (index < 0 || index >= frcdCount) {
      throw new IllegalArgumentException(
          "fault record " + index + " does not exist (0.." + (frcdCount - 1) + ")");
    }
    return frcdOffset + 16 * index;
  }

  /** Number of fault recording registers. */
  public int frcdCount() {
    return frcdCount;
  }
}
