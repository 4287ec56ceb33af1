/**
 * The picocli command line: one class per sub-command. Room: top (may use every other room).
 *
 * <p>{@code decode}: {@link dev.vtdlab.cli.DecodeCommand} looks structures up in {@link
 * dev.vtdlab.cli.StructureRegistry} (one registration line per structure; a decoder is a {@link
 * dev.vtdlab.cli.StructureDecoder}, {@code (words, options) -> Decoded}). JSON output goes through
 * {@link dev.vtdlab.cli.Json}. Bad input is an {@link IllegalArgumentException} whose message
 * {@link dev.vtdlab.cli.Main#run} prints on one line, exit code 2.
 *
 * <p>{@code vectors}: {@link dev.vtdlab.cli.VectorsCommand} loads {@code vtd-scenario/1} files with
 * {@code dev.vtdlab.hw.translate.vectors.ScenarioLoader} (all files first; any bad file: one line
 * each on stderr, exit 2), runs them with {@code ScenarioRunner} and prints one line per request
 * plus a summary (exit 0 all pass, 1 any fails), or {@code --json}.
 */
package dev.vtdlab.cli;
