package dev.vtdlab.cli;

import dev.vtdlab.driver.DriverOptions;
import dev.vtdlab.driver.DriverOptions.FlushMode;
import dev.vtdlab.driver.DriverOptions.StageChoice;
import dev.vtdlab.hw.cap.UnitConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtdlab demo}: brings a unit and the Linux-like driver up, attaches a NIC and a disk, runs
 * some traffic, provokes one DMA after unmap and prints what happened: bring-up choices, domains,
 * mappings, translations, the fault (decoded record), invalidations and counters. Deterministic for
 * a seed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Bring up a unit and the driver, attach a NIC and a disk, run traffic, provoke a DMA after "
          + "unmap, and print what happened.",
      "Exit code: 0 ok, 2 bad usage or a choice the unit does not support."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--unit",
      defaultValue = "server",
      description = "unit preset: legacy, qemu or server (default: ${DEFAULT-VALUE})")
  String unit;

  @Option(
      names = "--stage",
      description = "stage of DMA domains: first or second (default: the driver's choice)")
  String stage;

  @ArgGroup(exclusive = true)
  FlushChoice flush = new FlushChoice();

  static final class FlushChoice {
    @Option(names = "--strict", description = "invalidate on every unmap")
    boolean strict;

    @Option(names = "--lazy", description = "flush queues (the default)")
    boolean lazy;
  }

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    UnitConfig config = UnitConfig.preset(unit);
    DriverOptions options =
        DriverOptions.defaults()
            .withStage(stage(stage))
            .withFlush(flush.strict ? FlushMode.STRICT : FlushMode.LAZY);
    DemoResult result = DemoScenario.run(config, options, seed);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.write(DemoJson.render(result)) : DemoText.render(result));
    out.flush();
    return 0;
  }

  private static StageChoice stage(String text) {
    if (text == null) {
      return StageChoice.AUTO;
    }
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "first" -> StageChoice.FIRST;
      case "second" -> StageChoice.SECOND;
      default ->
          throw new IllegalArgumentException("unknown stage '" + text + "' (known: first, second)");
    };
  }
}
