package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.inspect.source.DumpFormat;
import dev.vtdlab.inspect.source.MemoryDump;
import dev.vtdlab.mem.MemoryAccessException;
import dev.vtdlab.mem.PhysicalMemory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real-dump fixtures (a Linux guest under QEMU's intel-iommu, legacy and scalable mode) read
 * through the ELF memory source agree with what QEMU reported (info tlb) and with what the guest
 * programmed (its devices, IOMMU groups, DMA rings).
 */
class RealDumpFixtureTest {
  private static final long MASK = ReferenceWalks.ADDRESS_MASK;

  /** A device's translation as its context (and, in scalable mode, PASID 0 entry) sets it. */
  record Domain(int did, long secondStageTable, int levels, int translationType) {}

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable", "la57"})
  void theCoreHoldsExactlyTheTrimmedPagesAndTheRestIsAbsent(String mode) {
    RealFixture fx = new RealFixture(mode);
    try (MemoryDump m = fx.open()) {
      assertThat(m.format()).isEqualTo(DumpFormat.ELF_CORE);
      assertThat(m.bytesHeld()).isEqualTo(fx.keptPages() * 4096L);
      // Real-mode vector table and kernel text (nokaslr: 16 MiB) were data pages: left out.
      assertThat(m.isReadable(0, 8)).isFalse();
      assertThat(m.isReadable(0x100_0000, 8)).isFalse();
      assertThatThrownBy(() -> m.read64(0x100_0000))
          .isInstanceOf(MemoryAccessException.class)
          .hasMessageContaining("is not in ELF core dump.elf.gz");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable", "la57"})
  void cpuPageTablesFromCr3GiveExactlyTheMappingsInfoTlbLists(String mode) {
    RealFixture fx = new RealFixture(mode);
    long cr4 = fx.cpuRegister("CR4");
    int levels = (cr4 & (1 << 12)) != 0 ? 5 : 4;
    List<RealFixture.TlbLine> expected = fx.infoTlb();
    try (MemoryDump m = fx.open()) {
      assertThat(levels).as("CR4.LA57").isEqualTo(mode.equals("la57") ? 5 : 4);
      List<RealFixture.TlbLine> walked = ReferenceWalks.cpuLeaves(m, fx.cpuRegister("CR3"), levels);
      assertThat(expected).hasSizeGreaterThan(10_000);
      assertThat(walked).hasSameSizeAs(expected);
      assertThat(walked).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable", "la57"})
  void everyDeviceTheGuestListedHasAContextAndEachIommuGroupItsOwnDomain(String mode) {
    RealFixture fx = new RealFixture(mode);
    List<RealFixture.PciDevice> devices = fx.pciDevices();
    assertThat(devices).extracting(RealFixture.PciDevice::bdf).contains("00:02.0", "00:03.0");
    assertThat(fx.groupTypes().values()).containsOnly("DMA-FQ");
    try (MemoryDump m = fx.open()) {
      Map<String, Domain> domains = domains(fx, m);
      assertThat(domains.keySet())
          .containsExactlyInAnyOrderElementsOf(
              devices.stream().map(RealFixture.PciDevice::bdf).collect(Collectors.toList()));
      boolean scalable = mode.equals("scalable");
      int expectedLevels = scalable ? 4 : 3; // aw-bits=48 / aw-bits=39
      Map<Integer, Domain> byGroup = new HashMap<>();
      Set<Integer> dids = new HashSet<>();
      for (RealFixture.PciDevice d : devices) {
        Domain dom = domains.get(d.bdf());
        assertThat(dom.levels()).as(d.bdf()).isEqualTo(expectedLevels);
        assertThat(dom.translationType())
            .as("%s: %s", d.bdf(), scalable ? "PGTT second stage" : "TT untranslated only")
            .isEqualTo(scalable ? 2 : 0);
        Domain first = byGroup.putIfAbsent(d.group(), dom);
        if (first != null) {
          assertThat(dom).as("group %d shares one domain", d.group()).isEqualTo(first);
        } else {
          assertThat(dids.add(dom.did())).as("DID %d of group %d", dom.did(), d.group()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable", "la57"})
  void theDmaRingsTheGuestProgrammedAreMappedInTheDevicesDomains(String mode) {
    RealFixture fx = new RealFixture(mode);
    try (MemoryDump m = fx.open()) {
      Map<String, Domain> domains = domains(fx, m);
      Domain nic = domains.get("00:02.0");
      Domain disk = domains.get("00:03.0");
      long rdba =
          fx.deviceRegister("00:02.0", "RDBAH") << 32 | fx.deviceRegister("00:02.0", "RDBAL");
      long tdba =
          fx.deviceRegister("00:02.0", "TDBAH") << 32 | fx.deviceRegister("00:02.0", "TDBAL");
      long asq = fx.deviceRegister("00:03.0", "ASQ");
      long acq = fx.deviceRegister("00:03.0", "ACQ");
      ReferenceWalks.Leaf rx = leaf(m, nic, rdba);
      assertThat(rx).as("RX ring IOVA 0x%x", rdba).isNotNull();
      assertThat(rx.writable()).isTrue();
      assertThat(leaf(m, nic, tdba)).as("TX ring IOVA 0x%x", tdba).isNotNull();
      assertThat(leaf(m, disk, asq)).as("admin SQ IOVA 0x%x", asq).isNotNull();
      ReferenceWalks.Leaf cq = leaf(m, disk, acq);
      assertThat(cq).as("admin CQ IOVA 0x%x", acq).isNotNull();
      assertThat(cq.writable()).as("the disk writes completions").isTrue();
      assertThat(m.isReadable(rx.output(rdba), 4096)).as("RX ring page kept").isTrue();

      // Legacy RX descriptors (16 bytes, buffer address first): those handed to the NIC (up to
      // RDT) hold receive buffers the NIC may write, each mapped writable in the NIC's domain.
      long rdt = fx.deviceRegister("00:02.0", "RDT");
      long ringGpa = rx.output(rdba);
      Set<Long> buffers = new HashSet<>();
      for (int i = 0; i < rdt; i++) {
        long buffer = m.read64(ringGpa + 16L * i);
        assertThat(buffer).as("descriptor %d", i).isNotZero();
        ReferenceWalks.Leaf b = leaf(m, nic, buffer);
        assertThat(b).as("descriptor %d buffer IOVA 0x%x", i, buffer).isNotNull();
        assertThat(b.writable()).as("descriptor %d buffer IOVA 0x%x", i, buffer).isTrue();
        buffers.add(buffer);
      }
      assertThat(buffers).hasSize((int) rdt);
      // The disk's domain is not the NIC's: the NIC's ring IOVA maps elsewhere there.
      assertThat(leaf(m, disk, rdba).output(rdba)).isNotEqualTo(rx.output(rdba));
    }
  }

  private static ReferenceWalks.Leaf leaf(PhysicalMemory m, Domain d, long iova) {
    return ReferenceWalks.secondStageLeaf(m, d.secondStageTable(), d.levels(), iova);
  }

  /**
   * Every present device under RTADDR. Legacy (RTADDR.TTM = 00b): root entry P/CTP, context entry
   * P, TT (bits 3:2), SLPTPTR (63:12), AW (bits 66:64), DID (bits 87:72). Scalable (TTM = 01b):
   * root entry LP/LCTP and UP/UCTP, 32-byte context entries with PASIDDIRPTR, PASID 0's directory
   * and table entries: PGTT (bits 8:6), AW (4:2), SSPTPTR (63:12), DID (bits 79:64).
   */
  static Map<String, Domain> domains(RealFixture fx, PhysicalMemory m) {
    long rtaddr = fx.dmarRegister("RTADDR");
    int ttm = (int) ((rtaddr >>> 10) & 3);
    assertThat(ttm).isEqualTo(fx.mode.equals("scalable") ? 1 : 0);
    long root = rtaddr & MASK;
    Map<String, Domain> out = new HashMap<>();
    for (int bus = 0; bus < 256; bus++) {
      long lo = m.read64(root + 16L * bus);
      long hi = m.read64(root + 16L * bus + 8);
      if (ttm == 0) {
        if ((lo & 1) == 0) {
          continue;
        }
        for (int devfn = 0; devfn < 256; devfn++) {
          long clo = m.read64((lo & MASK) + 16L * devfn);
          long chi = m.read64((lo & MASK) + 16L * devfn + 8);
          if ((clo & 1) != 0) {
            out.put(
                bdf(bus, devfn),
                new Domain(
                    (int) ((chi >>> 8) & 0xffff),
                    clo & MASK,
                    2 + (int) (chi & 7),
                    (int) ((clo >>> 2) & 3)));
          }
        }
        continue;
      }
      for (int half = 0; half < 2; half++) {
        long e = half == 0 ? lo : hi;
        if ((e & 1) == 0) {
          continue;
        }
        for (int i = 0; i < 128; i++) {
          long c0 = m.read64((e & MASK) + 32L * i);
          if ((c0 & 1) == 0) {
            continue;
          }
          long dirEntry = m.read64(c0 & MASK);
          assertThat(dirEntry & 1).as("PASID directory entry 0 present").isEqualTo(1);
          long w0 = m.read64(dirEntry & MASK);
          long w1 = m.read64((dirEntry & MASK) + 8);
          assertThat(w0 & 1).as("PASID entry 0 present").isEqualTo(1);
          out.put(
              bdf(bus, half * 128 + i),
              new Domain(
                  (int) (w1 & 0xffff),
                  w0 & MASK,
                  2 + (int) ((w0 >>> 2) & 7),
                  (int) ((w0 >>> 6) & 7)));
        }
      }
    }
    return out;
  }

  private static String bdf(int bus, int devfn) {
    return String.format("%02x:%02x.%d", bus, devfn >> 3, devfn & 7);
  }
}
