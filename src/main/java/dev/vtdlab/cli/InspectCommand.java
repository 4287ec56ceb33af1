package dev.vtdlab.cli;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.inspect.CheckReport;
import dev.vtdlab.inspect.CpuReport;
import dev.vtdlab.inspect.DeviceScan;
import dev.vtdlab.inspect.DevicesReport;
import dev.vtdlab.inspect.DomainLookup;
import dev.vtdlab.inspect.HexNumbers;
import dev.vtdlab.inspect.MappingsReport;
import dev.vtdlab.inspect.RegisterValues;
import dev.vtdlab.inspect.TranslateReport;
import dev.vtdlab.inspect.source.MemoryDump;
import dev.vtdlab.inspect.source.MemorySources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vtdlab inspect --memory FILE [--base ADDR] (--rtaddr VALUE | --registers FILE) [--json]
 * COMMAND}: reads the remapping structures and page tables in a memory dump. Exit code: 0 done, 1
 * {@code check} found problems, 2 bad input (missing or malformed file, address outside the dump,
 * unknown device...), each with a one-line message.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect the VT-d remapping structures and the page tables in a memory dump: an ELF core "
          + "(QEMU dump-guest-memory; gzip accepted) or a raw image with --base.",
      "Exit code: 0 done, 1 'check' found problems, 2 bad input."
    },
    subcommands = {
      InspectCommand.Devices.class,
      InspectCommand.Translate.class,
      InspectCommand.Mappings.class,
      InspectCommand.Check.class,
      InspectCommand.Cpu.class
    })
public final class InspectCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--memory",
      required = true,
      paramLabel = "FILE",
      description = "The memory dump: ELF core, or raw image with --base.")
  Path memory;

  @Option(
      names = "--base",
      paramLabel = "ADDR",
      description = "Physical address of a raw image's first byte (0x hex or decimal).")
  String base;

  /** Where the register values come from: exactly one of the two. */
  static final class RegisterSource {
    @Option(
        names = "--rtaddr",
        paramLabel = "VALUE",
        description = "RTADDR_REG value with its TTM bits (0x hex or decimal).")
    String rtaddr;

    @Option(
        names = "--registers",
        paramLabel = "FILE",
        description =
            "File of register values (RTADDR, CAP, ECAP, HAW...): 'NAME [OFFSET] VALUE' lines as"
                + " the project, debugfs or a guest print them, or NAME=VALUE pairs.")
    Path registers;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  RegisterSource registerSource;

  @Option(names = "--json", description = "Print JSON instead of aligned text.")
  boolean json;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  MemoryDump open() {
    if (base == null) {
      return MemorySources.open(memory);
    }
    return MemorySources.openRaw(memory, HexNumbers.parseNumber("--base", base));
  }

  RegisterValues registers(String command) {
    if (registerSource == null) {
      throw new IllegalArgumentException(
          "inspect " + command + " needs the root table: give --rtaddr VALUE or --registers FILE");
    }
    if (registerSource.registers != null) {
      return RegisterValues.parse(registerSource.registers);
    }
    return RegisterValues.ofRtaddr(HexNumbers.parseNumber("--rtaddr", registerSource.rtaddr));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** {@code inspect devices}. */
  @Command(
      name = "devices",
      mixinStandardHelpOptions = true,
      description =
          "Every present root/context entry as a device (bus:dev.fn): mode, DID, translation type,"
              + " address width, table pointers; in scalable mode the PASID directory and each"
              + " present PASID entry.")
  static final class Devices implements Callable<Integer> {
    @ParentCommand InspectCommand parent;

    @Override
    public Integer call() {
      RegisterValues regs = parent.registers("devices");
      try (MemoryDump m = parent.open()) {
        DeviceScan.Result scan = DeviceScan.scan(m, regs.rtaddr());
        parent
            .out()
            .print(parent.json ? DevicesReport.json(scan, regs) : DevicesReport.text(scan, regs));
      }
      parent.out().flush();
      return 0;
    }
  }

  /** {@code inspect translate}. */
  @Command(
      name = "translate",
      mixinStandardHelpOptions = true,
      description = {
        "Translate one DMA request as the remapping hardware would: every entry read (address,"
            + " raw value, decoded fields), then the HPA, or the fault reason with the entry and"
            + " bits at fault.",
        "Exit code 1 when the request faults (abort-DMA mode faults RTA.4)."
      })
  static final class Translate implements Callable<Integer> {
    @ParentCommand InspectCommand parent;

    @Option(
        names = "--device",
        required = true,
        paramLabel = "BB:DD.F",
        description = "The device.")
    String device;

    @Option(
        names = "--pasid",
        paramLabel = "N",
        description = "A request with this PASID (default: a request without PASID).")
    Integer pasid;

    @Option(
        names = "--iova",
        required = true,
        paramLabel = "VALUE",
        description = "Input address (0x hex or decimal).")
    String iova;

    @Option(names = "--write", description = "A write request (default: read).")
    boolean write;

    @Option(names = "--exec", description = "An execute request (needs --pasid).")
    boolean exec;

    @Option(names = "--privileged", description = "Supervisor request (needs --pasid).")
    boolean privileged;

    @Override
    public Integer call() {
      RegisterValues regs = parent.registers("translate");
      SourceId sid = SourceId.parse(device);
      long address = HexNumbers.parseNumber("--iova", iova);
      if (write && exec) {
        throw new IllegalArgumentException("--write and --exec cannot be combined");
      }
      if ((exec || privileged) && pasid == null) {
        throw new IllegalArgumentException(
            (exec ? "--exec" : "--privileged")
                + " needs --pasid: only requests with PASID carry it (D3)");
      }
      Access access = exec ? Access.EXECUTE : write ? Access.WRITE : Access.READ;
      TranslateReport r;
      try (MemoryDump m = parent.open()) {
        r =
            TranslateReport.of(
                m, regs, sid, pasid == null ? -1 : pasid, address, access, privileged);
      }
      parent.out().print(parent.json ? r.json() : r.text());
      parent.out().flush();
      return r.exitCode();
    }
  }

  /** {@code inspect mappings}. */
  @Command(
      name = "mappings",
      mixinStandardHelpOptions = true,
      description =
          "Every mapped range of a device's domain, merged into compact runs: IOVA range ->"
              + " physical range, page size, rights.")
  static final class Mappings implements Callable<Integer> {
    @ParentCommand InspectCommand parent;

    @Option(
        names = "--device",
        required = true,
        paramLabel = "BB:DD.F",
        description = "The device.")
    String device;

    @Option(
        names = "--pasid",
        paramLabel = "N",
        description = "PASID (scalable mode; default: requests without PASID, i.e. RID_PASID).")
    Integer pasid;

    @Override
    public Integer call() {
      RegisterValues regs = parent.registers("mappings");
      SourceId sid = SourceId.parse(device);
      try (MemoryDump m = parent.open()) {
        DomainLookup.Found f = DomainLookup.find(m, regs, sid, pasid == null ? -1 : pasid);
        MappingsReport r = MappingsReport.of(m, sid, f.pasid(), f.tables());
        parent.out().print(parent.json ? r.json() : r.text());
      }
      parent.out().flush();
      return 0;
    }
  }

  /** {@code inspect check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Structural problems, each with its location: reserved bits set, pointers outside the"
            + " dump, loops, widths inconsistent with CAP/ECAP, DIDs shared by different tables.",
        "Exit code 1 when there is a problem."
      })
  static final class Check implements Callable<Integer> {
    @ParentCommand InspectCommand parent;

    @Override
    public Integer call() {
      RegisterValues regs = parent.registers("check");
      CheckReport r;
      try (MemoryDump m = parent.open()) {
        r = CheckReport.of(m, regs);
      }
      parent.out().print(parent.json ? r.json(regs) : r.text(regs));
      parent.out().flush();
      return r.clean() ? 0 : 1;
    }
  }

  /** {@code inspect cpu}. */
  @Command(
      name = "cpu",
      mixinStandardHelpOptions = true,
      description =
          "Walk the CPU's page tables from CR3 with the first-stage walker: without --va, every"
              + " mapping merged into runs (or page by page with --pages, as QEMU's 'info tlb');"
              + " with --va, that address entry by entry.")
  static final class Cpu implements Callable<Integer> {
    @ParentCommand InspectCommand parent;

    @Option(names = "--cr3", required = true, paramLabel = "VALUE", description = "CR3 value.")
    String cr3;

    @Option(names = "--la57", description = "5-level paging (CR4.LA57 = 1).")
    boolean la57;

    @Option(names = "--va", paramLabel = "VALUE", description = "Translate this virtual address.")
    String va;

    @Option(names = "--pages", description = "List every page instead of merged runs.")
    boolean pages;

    @Override
    public Integer call() {
      long cr3Value = HexNumbers.parseNumber("--cr3", cr3);
      Long vaValue = va == null ? null : HexNumbers.parseNumber("--va", va);
      if (vaValue != null && pages) {
        throw new CommandLine.ParameterException(
            parent.spec.commandLine().getSubcommands().get("cpu"),
            "--va and --pages cannot be combined");
      }
      try (MemoryDump m = parent.open()) {
        CpuReport r = new CpuReport(m, cr3Value, la57);
        String text;
        if (parent.json) {
          text = r.json(pages, vaValue);
        } else if (vaValue != null) {
          text = r.walkText(vaValue);
        } else {
          text = pages ? r.pagesText() : r.runsText();
        }
        parent.out().print(text);
      }
      parent.out().flush();
      return 0;
    }
  }
}
