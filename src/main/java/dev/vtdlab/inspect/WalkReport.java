package dev.vtdlab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.pagetable.PageTableFormat;
import dev.vtdlab.pagetable.Rights;
import dev.vtdlab.pagetable.WalkResult;
import dev.vtdlab.pagetable.WalkStep;

/** One page-table walk printed entry by entry: address read, raw value, decoded fields, result. */
final class WalkReport {
  private WalkReport() {}

  /** The walk for people: one block per entry, then the result line. */
  static String text(PageTableFormat format, WalkResult r, String inputName, String outputName) {
    StringBuilder sb = new StringBuilder();
    for (WalkStep s : r.steps()) {
      sb.append(
          String.format(
              "level %d %-8s table 0x%x [%3d] read at 0x%x",
              s.level(),
              format.entryName(s.level()),
              s.tableAddress(),
              s.index(),
              s.entryAddress()));
      if (!s.fetched()) {
        sb.append(": not in the memory dump\n");
        continue;
      }
      sb.append(String.format(" = 0x%016x%n", s.entry()));
      Decoded d = format.describe(s.entry(), s.level());
      for (String line : d.toText().split("\n")) {
        if (!line.isBlank() && !line.startsWith("  raw[") && !line.equals(d.structure())) {
          sb.append("    ").append(line.strip()).append('\n');
        }
      }
    }
    sb.append(result(format, r, inputName, outputName)).append('\n');
    return sb.toString();
  }

  /** The result line. */
  static String result(PageTableFormat format, WalkResult r, String inputName, String outputName) {
    String in = inputName + " " + HexNumbers.hex(r.iova());
    return switch (r.status()) {
      case LEAF ->
          String.format(
              "%s -> %s %s (%s page at %s, rights %s)",
              in,
              outputName,
              HexNumbers.hex(r.outputAddress()),
              r.pageSize().label(),
              HexNumbers.hex(r.pageBase()),
              Rights.toString(r.rights()));
      case INVALID_INPUT ->
          String.format(
              "%s: not a valid input of the %d-bit %s table (beyond its width, or not canonical)",
              in, format.inputWidth(), format.stage().label());
      case NOT_PRESENT ->
          String.format(
              "%s: no present entry at level %d (%s at 0x%x)",
              in, r.level(), format.entryName(r.level()), last(r).entryAddress());
      case RESERVED ->
          String.format(
              "%s: reserved bits 0x%x set at level %d (%s at 0x%x)",
              in, r.reservedBits(), r.level(), format.entryName(r.level()), last(r).entryAddress());
      case FETCH_FAILED ->
          String.format(
              "%s: the level-%d table at 0x%x is not in the memory dump",
              in, r.level(), last(r).tableAddress());
    };
  }

  private static WalkStep last(WalkResult r) {
    return r.steps().get(r.steps().size() - 1);
  }

  /** The walk as JSON. */
  static ObjectNode json(PageTableFormat format, WalkResult r) {
    ObjectNode o = JsonOut.object();
    o.put("input", HexNumbers.hex(r.iova()));
    o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    o.put("level", r.level());
    ArrayNode steps = o.putArray("steps");
    for (WalkStep s : r.steps()) {
      ObjectNode sn = steps.addObject();
      sn.put("level", s.level());
      sn.put("name", format.entryName(s.level()));
      sn.put("table", HexNumbers.hex(s.tableAddress()));
      sn.put("index", s.index());
      sn.put("address", HexNumbers.hex(s.entryAddress()));
      sn.put("fetched", s.fetched());
      if (s.fetched()) {
        sn.set("entry", JsonOut.entry(s.entryAddress(), format.describe(s.entry(), s.level())));
      }
    }
    if (r.isLeaf()) {
      o.put("output", HexNumbers.hex(r.outputAddress()));
      o.put("pageSize", r.pageSize().label());
      o.put("rights", Rights.toString(r.rights()));
    }
    if (r.reservedBits() != 0) {
      o.put("reservedBits", HexNumbers.hex(r.reservedBits()));
    }
    return o;
  }
}
