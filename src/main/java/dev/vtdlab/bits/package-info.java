/**
 * Bit fields and structure-word layouts. Room: lowest (no dependencies). Every VT-d structure word
 * lists its fields here-style, with spec mnemonics; reserved masks are derived from the defined
 * fields.
 */
package dev.vtdlab.bits;
