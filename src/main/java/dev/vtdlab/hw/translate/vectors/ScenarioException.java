package dev.vtdlab.hw.translate.vectors;

/**
 * A scenario file that cannot be used: missing, not JSON, wrong format string, a missing key or a
 * bad value. The message names the file and the problem in one line.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;

  /**
   * @param file the file as given
   * @param problem what is wrong, e.g. "requests[3].expect: missing key 'code'"
   */
  public ScenarioException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.problem = problem;
  }

  /** The file as given. */
  public String file() {
    return file;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }
}
