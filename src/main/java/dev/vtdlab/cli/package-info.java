/** The picocli command line: one class per sub-command. Room: top (may use every other room). */
package dev.vtdlab.cli;
