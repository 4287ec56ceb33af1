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

  /** An entry: its address, raw words, decoded fields, summary and errors. */
  public static ObjectNode entry(long hpa, Decoded d) {
    ObjectNode o = object();
    o.put("structure", d.structure());
    o.put("hpa", HexNumbers.hex(hpa));
    ArrayNode raw = o.putArray("raw");
    for (long w : d.words()) {
      raw.add(HexNumbers.hex64(w));
    }
    ObjectNode fields = o.putObject("fields");
    for (Decoded.Field f : d.fields()) {
      ObjectNode fo = fields.putObject(f.name());
      fo.put("bits", f.bits());
      fo.put("value", HexNumbers.hex(f.value()));
      fo.put("meaning", f.meaning());
    }
    ObjectNode summary = o.putObject("summary");
    for (Decoded.Field f : d.summary()) {
      summary.put(f.name(), f.meaning());
    }
    ArrayNode errors = o.putArray("errors");
    d.errors().forEach(errors::add);
    return o;
  }
}
