package dev.vtdlab.mem;

/** Physical memory that can also be written, with an atomic 64-bit compare-and-set. */
public interface WritableMemory extends PhysicalMemory {

  /** Writes 64 bits, little-endian; an aligned write is single-copy atomic. */
  void write64(long hpa, long value);

  /** Writes 32 bits, little-endian. */
  void write32(long hpa, int value);

  /** Writes 16 bits, little-endian. */
  void write16(long hpa, short value);

  /** Writes one byte. */
  void write8(long hpa, byte value);

  /** Writes {@code length} bytes from {@code src} at {@code offset}. */
  void writeBytes(long hpa, byte[] src, int offset, int length);

  /**
   * Atomically replaces the 64-bit value at {@code hpa} (8-byte aligned) with {@code update} if it
   * equals {@code expected}. Used for accessed/dirty updates by a walker racing with software.
   *
   * @return true if the value was replaced
   */
  boolean compareAndSet64(long hpa, long expected, long update);

  /** Makes the 4 KiB frame containing {@code hpa} read as zero again (and release its storage). */
  void zeroFrame(long hpa);

  /** Number of write accesses made so far (one per call, CAS included). */
  long writeCount();
}
