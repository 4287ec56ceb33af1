package dev.vtdlab.inspect;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The remapping unit's register values the inspector works from: RTADDR at least, CAP, ECAP and HAW
 * when known. From {@code --rtaddr} alone, or from a file of register values in any of these line
 * forms (one unit per file; other lines are ignored):
 *
 * <ul>
 *   <li>{@code NAME VALUE} or {@code NAME OFFSET VALUE}, as this project, Linux's debugfs {@code
 *       iommu_regset} and the fixture guest print them ({@code RTADDR 0x20 0x61a3000});
 *   <li>{@code NAME=VALUE} or {@code NAME: VALUE} pairs, several per line, as sysfs and monitor
 *       captures print them ({@code cap=d2008c22260206 ecap=f00f4a});
 * </ul>
 *
 * <p>Names are case-insensitive, with or without {@code _REG}. Values are hex (0x optional); HAW
 * (the host address width from the ACPI DMAR table, not a register) is decimal. Without HAW, HAW is
 * taken as CAP.MGAW + 1 (what QEMU reports; a real platform may have a smaller HAW).
 *
 * @param values register name (upper case, without _REG) to value, in the order found
 * @param source where the values came from, for messages ("--rtaddr", or the file)
 */
public record RegisterValues(Map<String, Long> values, String source) {
  /** The register names recognised. */
  public static final Set<String> NAMES =
      Set.of(
          "VER", "CAP", "ECAP", "GCMD", "GSTS", "RTADDR", "CCMD", "FSTS", "FECTL", "PMEN", "IQH",
          "IQT", "IQA", "ICS", "IRTA", "PQH", "PQT", "PQA", "HAW");

  /** Copies the map. */
  public RegisterValues {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    if (!values.containsKey("RTADDR")) {
      throw new IllegalArgumentException(source + ": no RTADDR value");
    }
  }

  /** Only an RTADDR value, as given on the command line. */
  public static RegisterValues ofRtaddr(long rtaddr) {
    return new RegisterValues(Map.of("RTADDR", rtaddr), "--rtaddr");
  }

  /**
   * Reads a register file.
   *
   * @throws IllegalArgumentException (one line, naming the file) when the file is missing, holds no
   *     RTADDR, holds two different values for one register, or a value is not a number
   */
  public static RegisterValues parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    Map<String, Long> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String where = file + " line " + (i + 1);
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.contains("=") || line.matches("^\\w+:\\s.*")) {
        for (String pair : line.split("\\s+(?=\\w+\\s*[=:])")) {
          String[] kv = pair.split("\\s*[=:]\\s*", 2);
          if (kv.length == 2) {
            put(values, where, kv[0], kv[1].split("\\s+")[0]);
          }
        }
        continue;
      }
      String[] t = line.split("\\s+");
      if (t.length == 2 || (t.length == 3 && t[1].toLowerCase(Locale.ROOT).startsWith("0x"))) {
        put(values, where, t[0], t[t.length - 1]);
      }
    }
    if (!values.containsKey("RTADDR")) {
      throw new IllegalArgumentException(file + ": no RTADDR value");
    }
    return new RegisterValues(values, file.toString());
  }

  private static void put(Map<String, Long> values, String where, String rawName, String text) {
    String name = rawName.toUpperCase(Locale.ROOT);
    if (name.endsWith("_REG")) {
      name = name.substring(0, name.length() - 4);
    }
    if (!NAMES.contains(name)) {
      return;
    }
    long v;
    try {
      v = name.equals("HAW") ? Long.parseLong(text) : HexNumbers.parse(name, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": " + name + " value '" + text + "' is not a number", e);
    }
    Long old = values.putIfAbsent(name, v);
    if (old != null && old != v) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s given twice (0x%x, then 0x%x): one unit per file", where, name, old, v));
    }
  }

  /** RTADDR. */
  public RootTablePointer rtaddr() {
    return new RootTablePointer(values.get("RTADDR"));
  }

  /** True when CAP and ECAP are both known. */
  public boolean capabilitiesKnown() {
    return values.containsKey("CAP") && values.containsKey("ECAP");
  }

  /**
   * The unit to check against: CAP, ECAP and HAW from the values; when CAP or ECAP is missing, the
   * permissive {@code server} preset (every check that needs a capability then assumes the widest
   * unit), with HAW if given.
   */
  public UnitConfig unit() {
    if (!capabilitiesKnown()) {
      UnitConfig server = UnitConfig.server();
      return values.containsKey("HAW") ? server.withHaw(haw(server.haw())) : server;
    }
    Cap cap = new Cap(values.get("CAP"));
    int mgawPlusOne = cap.mgaw();
    int haw = haw(Math.max(32, Math.min(52, mgawPlusOne)));
    return new UnitConfig("registers", cap, new Ecap(values.get("ECAP")), haw, false);
  }

  private int haw(int otherwise) {
    Long h = values.get("HAW");
    if (h == null) {
      return otherwise;
    }
    if (h < 32 || h > 52) {
      throw new IllegalArgumentException(source + ": HAW " + h + " out of range (32..52 bits)");
    }
    return h.intValue();
  }
}
