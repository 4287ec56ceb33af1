package dev.vtdlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vtdlab} command line. Each sub-command is its own class in this package. */
@Command(
    name = "vtdlab",
    mixinStandardHelpOptions = true,
    version = "vtdlab 0.1.0",
    description = "A software model of Intel VT-d DMA remapping.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DecodeCommand.class,
      VectorsCommand.class,
      InspectCommand.class,
      DemoCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and returns the exit code (0 ok, 1 failure found, 2 bad usage or input). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          cmd.getErr().println("vtdlab: " + ex.getMessage());
          cmd.getErr().flush();
          return 2;
        });
    cl.setParameterExceptionHandler(
        (ex, badArgs) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr()
              .println(
                  "vtdlab: "
                      + ex.getMessage()
                      + " (see '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help')");
          cmd.getErr().flush();
          return 2;
        });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
