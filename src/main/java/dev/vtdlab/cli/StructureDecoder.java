package dev.vtdlab.cli;

import dev.vtdlab.bits.Decoded;
import java.util.List;

/**
 * Decodes one kind of structure from its 64-bit words (lowest address first, already padded to the
 * structure's size) for the {@code decode} command. Register one in {@link StructureRegistry}.
 */
@FunctionalInterface
public interface StructureDecoder {
  Decoded decode(List<Long> words, DecodeOptions options);
}
