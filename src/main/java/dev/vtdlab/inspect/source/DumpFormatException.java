package dev.vtdlab.inspect.source;

import java.nio.file.Path;

/**
 * A memory file the inspector cannot use: missing, truncated, of an unknown or unsupported format.
 * The message is one line: the file name, a colon, the problem.
 */
public final class DumpFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file at fault
   * @param problem what is wrong with it, in a few words
   */
  public DumpFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * @param file the file at fault
   * @param problem what is wrong with it, in a few words
   * @param cause the I/O error behind it
   */
  public DumpFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
