package dev.vtdlab.hw.cap;

import dev.vtdlab.bits.BitField;
import java.util.List;
import java.util.Locale;

/**
 * What a remapping unit is: its CAP and ECAP values, its host address width (HAW, from the ACPI
 * DMAR table, not a register) and modelling options. The unit behaves as it advertises.
 *
 * @param name preset or user-given name
 * @param cap CAP_REG
 * @param ecap ECAP_REG
 * @param haw host address width in bits (address bits at or above it are reserved in pointers)
 * @param xdReservedWithoutNxe decision D11: true = rev 3.x (first-stage XD = 1 with NXE = 0 is a
 *     reserved-bit fault), false = rev 4.x (XD ignored without NXE)
 */
public record UnitConfig(String name, Cap cap, Ecap ecap, int haw, boolean xdReservedWithoutNxe) {

  public UnitConfig {
    if (haw < 32 || haw > 52) {
      throw new IllegalArgumentException("HAW " + haw + " out of range (32..52 bits)");
    }
  }

  /** Offset (16-byte units) of IVA/IOTLB registers used by the presets (as QEMU: 0xF0). */
  public static final int PRESET_IRO = 0x0F;

  /** Offset (16-byte units) of the first fault record used by the presets (as QEMU: 0x220). */
  public static final int PRESET_FRO = 0x22;

  /**
   * A legacy-only unit: second stage 3/4-level, 2M/1G pages, 4 fault records, queued invalidation,
   * pass-through, no scalable mode.
   */
  public static UnitConfig legacy() {
    long cap = 0;
    cap = Cap.ND.set(cap, 2);
    cap = Cap.SAGAW.set(cap, 0b00110);
    cap = Cap.MGAW.set(cap, 47);
    cap = Cap.FRO.set(cap, PRESET_FRO);
    cap = Cap.SSLPS.set(cap, 0b0011);
    cap = Cap.PSI.set(cap, true);
    cap = Cap.NFR.set(cap, 3);
    cap = Cap.MAMV.set(cap, 9);
    long ecap = set(0, Ecap.C, Ecap.QI, Ecap.PT, Ecap.SC);
    ecap = Ecap.IRO.set(ecap, PRESET_IRO);
    return new UnitConfig("legacy", new Cap(cap), new Ecap(ecap), 46, false);
  }

  /**
   * A unit like QEMU's intel-iommu with x-scalable-mode=on and caching-mode=on (the digest's 12.4
   * values: CAP 0x01D2008C226F0686, ECAP 0x0000C998A4F00F5E), HAW 48.
   */
  public static UnitConfig qemu() {
    return new UnitConfig(
        "qemu", new Cap(0x01D2_008C_226F_0686L), new Ecap(0x0000_C998_A4F0_0F5EL), 48, false);
  }

  /**
   * A modern server unit: scalable mode with first stage (4/5-level, 1G), second stage (4/5-level,
   * 2M/1G), nesting, pass-through, 20-bit PASIDs, supervisor and execute requests, RID_PASID and
   * RID_PRIV, second-stage A/D, abort-DMA mode, 8 fault records, 16-bit domain ids, HAW 52.
   */
  public static UnitConfig server() {
    long cap = 0;
    cap = Cap.ND.set(cap, 6);
    cap = Cap.SAGAW.set(cap, 0b01110);
    cap = Cap.MGAW.set(cap, 56);
    cap = Cap.ZLR.set(cap, true);
    cap = Cap.FRO.set(cap, PRESET_FRO);
    cap = Cap.SSLPS.set(cap, 0b0011);
    cap = Cap.PSI.set(cap, true);
    cap = Cap.NFR.set(cap, 7);
    cap = Cap.MAMV.set(cap, 18);
    cap = set(cap, Cap.DWD, Cap.DRD, Cap.FS1GP, Cap.FS5LP);
    long ecap =
        set(
            0,
            Ecap.C,
            Ecap.QI,
            Ecap.DT,
            Ecap.IR,
            Ecap.EIM,
            Ecap.PT,
            Ecap.SC,
            Ecap.NEST,
            Ecap.PRS,
            Ecap.ERS,
            Ecap.SRS,
            Ecap.EAFS,
            Ecap.PASID,
            Ecap.PDS,
            Ecap.SMTS,
            Ecap.SSADS,
            Ecap.SSTS,
            Ecap.FSTS,
            Ecap.SMPWCS,
            Ecap.RPS,
            Ecap.ADMS,
            Ecap.RPRIVS);
    ecap = Ecap.IRO.set(ecap, PRESET_IRO);
    ecap = Ecap.MHMV.set(ecap, 15);
    ecap = Ecap.PSS.set(ecap, 19);
    return new UnitConfig("server", new Cap(cap), new Ecap(ecap), 52, false);
  }

  /** The names of the presets. */
  public static List<String> presetNames() {
    return List.of("legacy", "qemu", "server");
  }

  /** The preset with this name. */
  public static UnitConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "legacy" -> legacy();
      case "qemu" -> qemu();
      case "server" -> server();
      default ->
          throw new IllegalArgumentException(
              "unknown unit preset '"
                  + name
                  + "' (known: "
                  + String.join(", ", presetNames())
                  + ")");
    };
  }

  /** The same unit with other CAP/ECAP values. */
  public UnitConfig with(Cap newCap, Ecap newEcap) {
    return new UnitConfig(name, newCap, newEcap, haw, xdReservedWithoutNxe);
  }

  /** The same unit with another HAW. */
  public UnitConfig withHaw(int newHaw) {
    return new UnitConfig(name, cap, ecap, newHaw, xdReservedWithoutNxe);
  }

  /** The same unit with the D11 option set. */
  public UnitConfig withXdReservedWithoutNxe(boolean on) {
    return new UnitConfig(name, cap, ecap, haw, on);
  }

  private static long set(long word, BitField... bits) {
    for (BitField b : bits) {
      word = b.set(word, true);
    }
    return word;
  }
}
