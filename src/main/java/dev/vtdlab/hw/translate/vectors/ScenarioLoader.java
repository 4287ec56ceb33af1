package dev.vtdlab.hw.translate.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code vtd-scenario/1} files (vectors-format.md) into {@link Scenario}s. Every problem is a
 * {@link ScenarioException} naming the file and, for a bad key, its JSON path.
 */
public final class ScenarioLoader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScenarioLoader() {}

  /** Loads one file. */
  public static Scenario load(Path file) throws ScenarioException {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(name, "no such file");
    } catch (IOException e) {
      throw new ScenarioException(name, "cannot read: " + e.getMessage());
    }
    return parse(name, text);
  }

  /** Parses the JSON text of a file named {@code file}. */
  public static Scenario parse(String file, String text) throws ScenarioException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ScenarioException(
          file, "bad JSON" + (line > 0 ? " at line " + line : "") + ": " + firstLine(msg));
    }
    try {
      return new Reader(file).scenario(root);
    } catch (Bad e) {
      throw new ScenarioException(file, e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unparsable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A problem at a JSON path (unchecked inside the reader). */
  private static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(String path, String problem) {
      super(path + ": " + problem);
    }
  }

  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    Scenario scenario(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw new Bad("(top level)", "not a JSON object");
      }
      String format = text(root, "format", "");
      if (!Scenario.FORMAT.equals(format)) {
        throw new Bad("format", "expected \"" + Scenario.FORMAT + "\", found \"" + format + "\"");
      }
      String name = text(root, "name", "");
      UnitConfig unit = unit(need(root, "unit", ""), name);
      long rtaddr = hex(root, "rtaddr", "");
      JsonNode limit = need(root, "mem_limit", "");
      OptionalLong memLimit =
          limit.isNull() ? OptionalLong.empty() : OptionalLong.of(hexValue(limit, "mem_limit"));
      List<MemoryWrite> memory = new ArrayList<>();
      JsonNode mem = array(root, "memory", "");
      for (int i = 0; i < mem.size(); i++) {
        memory.add(memoryWrite(mem.get(i), "memory[" + i + "]"));
      }
      List<ScenarioRequest> requests = new ArrayList<>();
      JsonNode reqs = array(root, "requests", "");
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < reqs.size(); i++) {
        ScenarioRequest r = request(reqs.get(i), "requests[" + i + "]");
        if (!ids.add(r.id())) {
          throw new Bad("requests[" + i + "].id", "duplicate id '" + r.id() + "'");
        }
        requests.add(r);
      }
      return new Scenario(
          file,
          name,
          optionalText(root, "title"),
          optionalText(root, "section"),
          unit,
          rtaddr,
          memLimit,
          memory,
          requests);
    }

    private UnitConfig unit(JsonNode u, String name) {
      long cap = hex(u, "cap", "unit.");
      long ecap = hex(u, "ecap", "unit.");
      long haw = integer(u, "haw", "unit.");
      if (haw < 0 || haw > 64) {
        throw new Bad("unit.haw", "expected an address width in bits, found " + haw);
      }
      boolean xd = false;
      JsonNode options = u.get("options");
      if (options != null && !options.isNull()) {
        JsonNode x = options.get("xd_reserved_without_nxe");
        if (x != null && !x.isNull()) {
          if (!x.isBoolean()) {
            throw new Bad("unit.options.xd_reserved_without_nxe", "expected true or false");
          }
          xd = x.booleanValue();
        }
      }
      try {
        return new UnitConfig(name, new Cap(cap), new Ecap(ecap), (int) haw, xd);
      } catch (IllegalArgumentException e) {
        throw new Bad("unit", e.getMessage());
      }
    }

    private MemoryWrite memoryWrite(JsonNode w, String path) {
      long addr = hex(w, "addr", path + ".");
      if ((addr & 7) != 0 || addr < 0 || addr >= 1L << 52) {
        throw new Bad(path + ".addr", "address must be 8-byte aligned and below 2^52");
      }
      JsonNode q = array(w, "qwords", path + ".");
      List<Long> qwords = new ArrayList<>(q.size());
      for (int i = 0; i < q.size(); i++) {
        qwords.add(hexValue(q.get(i), path + ".qwords[" + i + "]"));
      }
      return new MemoryWrite(addr, qwords);
    }

    private ScenarioRequest request(JsonNode r, String path) {
      String p = path + ".";
      String id = text(r, "id", p);
      long sid = hex(r, "sid", p);
      if (sid < 0 || sid > 0xFFFF) {
        throw new Bad(p + "sid", "not a 16-bit requester id");
      }
      JsonNode pasidNode = need(r, "pasid", p);
      boolean hasPasid = !pasidNode.isNull();
      int pasid = 0;
      if (hasPasid) {
        if (!pasidNode.canConvertToInt()
            || pasidNode.intValue() < 0
            || pasidNode.intValue() > DmaRequest.MAX_PASID) {
          throw new Bad(p + "pasid", "expected null or an integer 0..0xfffff");
        }
        pasid = pasidNode.intValue();
      }
      long addr = hex(r, "addr", p);
      Access access;
      try {
        access = Access.ofLabel(text(r, "access", p));
      } catch (IllegalArgumentException e) {
        throw new Bad(p + "access", e.getMessage());
      }
      JsonNode priv = need(r, "privileged", p);
      if (!priv.isBoolean()) {
        throw new Bad(p + "privileged", "expected true or false");
      }
      DmaRequest request;
      try {
        request =
            ScenarioRequest.request((int) sid, hasPasid, pasid, addr, access, priv.booleanValue());
      } catch (IllegalArgumentException e) {
        throw new Bad(path, e.getMessage());
      }
      List<String> tags = new ArrayList<>();
      JsonNode t = r.get("tags");
      if (t != null && t.isArray()) {
        t.forEach(n -> tags.add(n.asText()));
      }
      Expectation expect = expectation(need(r, "expect", p), p + "expect.");
      return new ScenarioRequest(id, request, optionalText(r, "note"), tags, expect);
    }

    private Expectation expectation(JsonNode e, String p) {
      Map<String, String> f = new LinkedHashMap<>();
      String result = text(e, "result", p);
      f.put("result", result);
      switch (result) {
        case "ok" -> {
          f.put("hpa", Canonical.hex(hex(e, "hpa", p)));
          f.put("page_size", Long.toString(integer(e, "page_size", p)));
          f.put("perm", text(e, "perm", p));
          if (e.has("did")) {
            f.put("did", e.get("did").isNull() ? "null" : Long.toString(integer(e, "did", p)));
          }
        }
        case "fault" -> {
          f.put("code", Canonical.hex(hex(e, "code", p)));
          if (e.has("level")) {
            f.put(
                "level", e.get("level").isNull() ? "null" : Long.toString(integer(e, "level", p)));
          }
          if (e.has("stage")) {
            f.put("stage", e.get("stage").isNull() ? "null" : text(e, "stage", p));
          }
          if (e.has("recorded")) {
            JsonNode rec = e.get("recorded");
            if (!rec.isBoolean()) {
              throw new Bad(p + "recorded", "expected true or false");
            }
            f.put("recorded", Boolean.toString(rec.booleanValue()));
          }
          if (e.has("frcd")) {
            JsonNode fr = array(e, "frcd", p);
            if (fr.size() != 2) {
              throw new Bad(p + "frcd", "expected two qwords");
            }
            f.put(
                "frcd",
                Canonical.frcd(
                    hexValue(fr.get(0), p + "frcd[0]"), hexValue(fr.get(1), p + "frcd[1]")));
          }
        }
        case "interrupt", "blocked" -> {
          // nothing else to compare ("blocked" is still a valid shape of the format; vtdlab gives
          // fault RTA.4 instead, docs/spec-deviations.md row 10)
        }
        default ->
            throw new Bad(
                p + "result", "expected ok, fault, interrupt or blocked, found \"" + result + "\"");
      }
      JsonNode reads = e.get("reads");
      if (reads != null && !reads.isNull()) {
        f.put("reads.structure", Long.toString(integer(reads, "structure", p + "reads.")));
        f.put("reads.walk", Long.toString(integer(reads, "walk", p + "reads.")));
      }
      return new Expectation(f);
    }

    // ---- JSON helpers ----

    private JsonNode need(JsonNode n, String key, String prefix) {
      if (n == null || !n.isObject()) {
        throw new Bad(prefix.isEmpty() ? "(top level)" : prefix, "not a JSON object");
      }
      JsonNode v = n.get(key);
      if (v == null) {
        throw new Bad(prefix.isEmpty() ? "(top level)" : trim(prefix), "missing key '" + key + "'");
      }
      return v;
    }

    private static String trim(String prefix) {
      return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private String text(JsonNode n, String key, String prefix) {
      JsonNode v = need(n, key, prefix);
      if (!v.isTextual()) {
        throw new Bad(prefix + key, "expected a string");
      }
      return v.textValue();
    }

    private static String optionalText(JsonNode n, String key) {
      JsonNode v = n.get(key);
      return v == null || v.isNull() ? "" : v.asText();
    }

    private JsonNode array(JsonNode n, String key, String prefix) {
      JsonNode v = need(n, key, prefix);
      if (!v.isArray()) {
        throw new Bad(prefix + key, "expected a list");
      }
      return v;
    }

    private long integer(JsonNode n, String key, String prefix) {
      JsonNode v = need(n, key, prefix);
      if (!v.canConvertToLong() || !v.isIntegralNumber()) {
        throw new Bad(prefix + key, "expected an integer");
      }
      return v.longValue();
    }

    private long hex(JsonNode n, String key, String prefix) {
      return hexValue(need(n, key, prefix), prefix + key);
    }

    private long hexValue(JsonNode v, String path) {
      if (v == null || !v.isTextual()) {
        throw new Bad(path, "expected a hex string like \"0x1f\"");
      }
      String s = v.textValue();
      if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() < 3 || s.length() > 18) {
        throw new Bad(path, "expected a hex string like \"0x1f\", found \"" + s + "\"");
      }
      try {
        return Long.parseUnsignedLong(s.substring(2), 16);
      } catch (NumberFormatException e) {
        throw new Bad(path, "expected a hex string like \"0x1f\", found \"" + s + "\"");
      }
    }
  }
}
