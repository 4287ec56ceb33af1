/**
 * Typed values at the edges: page sizes and requester ids. Room: above {@code bits}, below {@code
 * mem}. Hot paths use primitives (longs); these types appear in public signatures.
 */
package dev.vtdlab.addr;
