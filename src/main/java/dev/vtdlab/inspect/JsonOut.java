package dev.vtdlab.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtdlab.bits.Decoded;

/**
 * JSON helpers for the inspector's {@code --json} output. Addresses and raw values are strings
 * ({@code "0x..."}): 64-bit values do not survive JSON numbers in every reader.
 */
public final class JsonOut {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOut() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Pretty-printed JSON with a final newline. */
  public static String render(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON tree cannot be written", e);
    }
  }

  /**
   * An entry: its address ({@code hpa}) and, in the shape of the {@code decode} command's JSON,
   * {@code structure}, {@code raw}, {@code fields} (name, bits, value, meaning), {@code summary}
   * (name, value) and {@code errors}.
   */
  public static ObjectNode entry(long hpa, Decoded d) {
    ObjectNode o = object();
    o.put("structure", d.structure());
    o.put("hpa", HexNumbers.hex(hpa));
    ArrayNode raw = o.putArray("raw");
    for (long w : d.words()) {
      raw.add(HexNumbers.hex64(w));
    }
    ArrayNode fields = o.putArray("fields");
    for (Decoded.Field f : d.fields()) {
      ObjectNode fo = fields.addObject();
      fo.put("name", f.name());
      fo.put("bits", f.bits());
      fo.put("value", HexNumbers.hex(f.value()));
      fo.put("meaning", f.meaning());
    }
    ArrayNode summary = o.putArray("summary");
    for (Decoded.Field f : d.summary()) {
      ObjectNode so = summary.addObject();
      so.put("name", f.name());
      so.put("value", f.meaning());
    }
    ArrayNode errors = o.putArray("errors");
    d.errors().forEach(errors::add);
    return o;
  }
}
