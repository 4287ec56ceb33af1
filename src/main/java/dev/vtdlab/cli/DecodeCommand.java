package dev.vtdlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.hw.cap.UnitConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtdlab decode STRUCTURE VALUE...}: prints every named field of a VT-d structure, a summary
 * and the errors the unit would report (reserved bits, invalid programming). Exit code 0 when the
 * structure has no error, 1 when it has one, 2 for bad input.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode a VT-d structure or register: every named field, a summary and the errors "
          + "(reserved bits, invalid programming) the chosen unit would report.",
      "Exit code: 0 no error, 1 the structure has an error, 2 bad input."
    })
public final class DecodeCommand implements Callable<Integer> {

  private CommandSpec spec;

  /** Receives the command's model and lists the registered structures in the help footer. */
  @Spec
  void setSpec(CommandSpec commandSpec) {
    this.spec = commandSpec;
    List<String> lines = new ArrayList<>();
    for (StructureRegistry.Structure s : StructureRegistry.structures()) {
      String words =
          s.minWords() == s.maxWords()
              ? Integer.toString(s.maxWords())
              : s.minWords() + "-" + s.maxWords();
      lines.add(
          String.format(
              "  %-12s %s, %s qword%s%s",
              s.name(),
              s.description(),
              words,
              s.maxWords() == 1 ? "" : "s",
              s.needsLevel() ? ", --level required" : ""));
    }
    commandSpec
        .usageMessage()
        .footerHeading("%nStructures:%n")
        .footer(lines.toArray(new String[0]));
  }

  @Parameters(
      index = "0",
      paramLabel = "STRUCTURE",
      completionCandidates = StructureRegistry.Names.class,
      description = "One of: ${COMPLETION-CANDIDATES}.")
  String structure;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "VALUE",
      description = "64-bit words, lowest address first: hex (0x..., '_' allowed) or decimal.")
  List<String> values = new ArrayList<>();

  @Option(
      names = "--level",
      paramLabel = "N",
      description = "Paging level for page-table entries: 1 = leaf table .. 5 = PML5.")
  Integer level;

  @Option(
      names = "--unit",
      paramLabel = "PRESET",
      defaultValue = "server",
      description = "Remapping unit for capability checks: legacy, qemu or server (default).")
  String unit;

  @Option(names = "--haw", paramLabel = "N", description = "Host address width (default: unit's).")
  Integer haw;

  @Option(names = "--json", description = "Print JSON instead of aligned text.")
  boolean json;

  @Override
  public Integer call() {
    UnitConfig u = UnitConfig.preset(unit);
    if (haw != null) {
      u = u.withHaw(haw);
    }
    List<Long> words = new ArrayList<>(values.size());
    for (String v : values) {
      words.add(parseWord(v));
    }
    OptionalInt lvl = level == null ? OptionalInt.empty() : OptionalInt.of(level);
    Decoded d = StructureRegistry.decode(structure, words, new DecodeOptions(u, lvl));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = Json.decoded(d);
      ObjectNode unitNode = node.putObject("unit");
      unitNode.put("name", u.name());
      unitNode.put("haw", u.haw());
      out.print(Json.write(node));
    } else {
      out.print(d.toText());
      out.printf("  (unit %s, HAW %d)%n", u.name(), u.haw());
    }
    out.flush();
    return d.errors().isEmpty() ? 0 : 1;
  }

  /**
   * Parses a 64-bit word: "0x" hex (up to 16 digits, '_' separators allowed) or unsigned decimal.
   *
   * @throws IllegalArgumentException naming the value
   */
  static long parseWord(String text) {
    String t = text.trim().replace("_", "");
    try {
      if (t.toLowerCase(Locale.ROOT).startsWith("0x")) {
        String digits = t.substring(2);
        if (digits.isEmpty() || digits.length() > 16) {
          throw new NumberFormatException();
        }
        return Long.parseUnsignedLong(digits, 16);
      }
      return Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad value '" + text + "': expected a 64-bit number, hex (0x...) or decimal");
    }
  }
}
