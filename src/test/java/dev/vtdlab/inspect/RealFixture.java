package dev.vtdlab.inspect;

import dev.vtdlab.inspect.source.MemoryDump;
import dev.vtdlab.inspect.source.MemorySources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One real-dump fixture under src/test/resources/fixtures/MODE (made by
 * tools/fixture/make-fixture.sh): the trimmed ELF core, what the guest printed, and what QEMU's
 * monitor reported at the dump.
 */
final class RealFixture {
  /** A PCI device the guest listed: bus:dev.fn, ids, driver ("-" for none), IOMMU group. */
  record PciDevice(int bus, int devfn, String vendor, String device, String driver, int group) {
    String bdf() {
      return String.format("%02x:%02x.%d", bus, devfn >> 3, devfn & 7);
    }
  }

  /** One line of QEMU's {@code info tlb}: a leaf mapping with its flag letters. */
  record TlbLine(long va, long pa, String flags) {}

  final String mode;
  final Path dir;
  final String guestOutput;
  final String infoRegisters;

  RealFixture(String mode) {
    this.mode = mode;
    try {
      dir =
          Path.of(RealFixture.class.getResource("/fixtures/" + mode + "/README.md").toURI())
              .getParent();
      guestOutput = Files.readString(dir.resolve("guest-output.txt"));
      infoRegisters = Files.readString(dir.resolve("info-registers.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  MemoryDump open() {
    return MemorySources.open(dir.resolve("dump.elf.gz"));
  }

  /** A DMAR register as the guest read it ("RTADDR", "CAP", "ECAP", ...). */
  long dmarRegister(String name) {
    Matcher m =
        Pattern.compile("^" + name + " 0x[0-9a-f]+ 0x([0-9A-Fa-f]+)$", Pattern.MULTILINE)
            .matcher(guestOutput);
    if (!m.find()) {
      throw new IllegalStateException(name + " not in guest output of " + mode);
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  /** A device DMA register the guest read (e.g. "00:02.0", "RDBAL"). */
  long deviceRegister(String bdf, String name) {
    Matcher m =
        Pattern.compile(
                "^0000:" + Pattern.quote(bdf) + " " + name + " 0x([0-9A-Fa-f]+)$",
                Pattern.MULTILINE)
            .matcher(guestOutput);
    if (!m.find()) {
      throw new IllegalStateException(bdf + " " + name + " not in guest output of " + mode);
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  /** A CPU register from {@code info registers} (e.g. "CR3"). */
  long cpuRegister(String name) {
    Matcher m = Pattern.compile("\\b" + name + "=([0-9a-f]+)").matcher(infoRegisters);
    if (!m.find()) {
      throw new IllegalStateException(name + " not in info registers of " + mode);
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  List<PciDevice> pciDevices() {
    List<PciDevice> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "^0000:([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7]) (0x[0-9a-f]{4}) (0x[0-9a-f]{4})"
                    + " 0x[0-9a-f]{6} (\\S+) (\\d+)$",
                Pattern.MULTILINE)
            .matcher(guestOutput);
    while (m.find()) {
      out.add(
          new PciDevice(
              Integer.parseInt(m.group(1), 16),
              Integer.parseInt(m.group(2), 16) << 3 | Integer.parseInt(m.group(3)),
              m.group(4),
              m.group(5),
              m.group(6),
              Integer.parseInt(m.group(7))));
    }
    return out;
  }

  /** IOMMU group number to its domain type as the guest printed it ("DMA-FQ", "identity"...). */
  Map<Integer, String> groupTypes() {
    Map<Integer, String> out = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("^(\\d+) (DMA-FQ|DMA|identity|blocked|unmanaged) ", Pattern.MULTILINE)
            .matcher(guestOutput);
    while (m.find()) {
      out.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    return out;
  }

  /** The page count the trim report gives ("kept N pages"). */
  int keptPages() {
    try {
      Matcher m =
          Pattern.compile("^kept (\\d+) pages", Pattern.MULTILINE)
              .matcher(Files.readString(dir.resolve("trim-report.txt")));
      if (!m.find()) {
        throw new IllegalStateException("no page count in trim report of " + mode);
      }
      return Integer.parseInt(m.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<TlbLine> infoTlb() {
    List<TlbLine> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("info-tlb.txt.gz"))),
                StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.split("[: ]+");
        out.add(
            new TlbLine(Long.parseUnsignedLong(p[0], 16), Long.parseUnsignedLong(p[1], 16), p[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
