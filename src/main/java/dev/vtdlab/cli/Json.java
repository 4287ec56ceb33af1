package dev.vtdlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.inspect.JsonOut;

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
    JsonOut.putDecoded(root, d);
    return root;
  }
}
