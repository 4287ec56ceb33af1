package dev.vtdlab.mem;

/** The frame allocator's hard limit was reached. */
public final class FramesExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FramesExhaustedException(String message) {
    super(message);
  }
}
