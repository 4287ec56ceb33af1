package dev.vtdlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.bits.Decoded;

/** JSON output of the commands: one shared Jackson mapper, pretty-printed, keys in insert order. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Pretty-printed text of {@code node}, ending with a newline. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** "0x0000000123456001": a 64-bit word as 16 hex digits. */
  public static String hex64(long value) {
    return String.format("0x%016x", value);
  }

  /** "0x2a": a value as short hex. */
  public static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /**
   * A decoded structure as JSON: {@code structure}, {@code raw} (hex words, lowest first), {@code
   * fields} (name, bits, value as hex, meaning), {@code summary} (name, value), {@code errors}.
   */
  public static ObjectNode decoded(Decoded d) {
    ObjectNode root = object();
    root.put("structure", d.structure());
    ArrayNode raw = root.putArray("raw");
    for (long w : d.words()) {
      raw.add(hex64(w));
    }
    ArrayNode fields = root.putArray("fields");
    for (Decoded.Field f : d.fields()) {
      ObjectNode o = fields.addObject();
      o.put("name", f.name());
      o.put("bits", f.bits());
      o.put("value", hex(f.value()));
      o.put("meaning", f.meaning());
    }
    ArrayNode summary = root.putArray("summary");
    for (Decoded.Field f : d.summary()) {
      ObjectNode o = summary.addObject();
      o.put("name", f.name());
      o.put("value", f.meaning());
    }
    ArrayNode errors = root.putArray("errors");
    for (String e : d.errors()) {
      errors.add(e);
    }
    return root;
  }
}
