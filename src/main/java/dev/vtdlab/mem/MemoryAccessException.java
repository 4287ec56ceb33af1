package dev.vtdlab.mem;

/**
 * An access to physical memory that cannot be made: beyond the configured address width, beyond a
 * read limit, or (in a memory dump) to an address the dump does not contain. The hardware model
 * turns the corresponding condition into a fault value before it ever reads; this exception reaches
 * callers only on programming errors or bad user input.
 */
public final class MemoryAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long address;

  public MemoryAccessException(long address, String message) {
    super(message);
    this.address = address;
  }

  /** The physical address that could not be accessed. */
  public long address() {
    return address;
  }
}
