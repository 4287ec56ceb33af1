/**
 * The picocli command line: one class per sub-command. Room: top (may use every other room).
 *
 * <p>{@code decode}: {@link dev.vtdlab.cli.DecodeCommand} looks structures up in {@link
 * dev.vtdlab.cli.StructureRegistry} (one registration line per structure; a decoder is a {@link
 * dev.vtdlab.cli.StructureDecoder}, {@code (words, options) -> Decoded}). JSON output goes through
 * {@link dev.vtdlab.cli.Json}. Bad input is an {@link IllegalArgumentException} whose message
 * {@link dev.vtdlab.cli.Main#run} prints on one line, exit code 2.
 */
package dev.vtdlab.cli;
