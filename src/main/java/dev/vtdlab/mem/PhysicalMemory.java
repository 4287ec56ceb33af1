package dev.vtdlab.mem;

/**
 * A read view of a physical address space. Implementations: {@link SparseMemory} (the model's
 * memory) and the inspector's read-only memory dumps. All multi-byte values are little-endian.
 *
 * <p>Callers that must not throw (the hardware walker) ask {@link #isReadable} first; reading an
 * address for which it answers false throws {@link MemoryAccessException}.
 */
public interface PhysicalMemory {

  /** The physical address width in bits (addresses are below 2^width). */
  int addressWidth();

  /** True when {@code length} bytes at {@code hpa} can be read. */
  boolean isReadable(long hpa, int length);

  /** Reads 64 bits, little-endian. */
  long read64(long hpa);

  /** Reads 32 bits, little-endian, as an unsigned value in an int. */
  int read32(long hpa);

  /** Reads 16 bits, little-endian. */
  short read16(long hpa);

  /** Reads one byte. */
  byte read8(long hpa);

  /** Reads {@code length} bytes into {@code dst} at {@code offset}. */
  void readBytes(long hpa, byte[] dst, int offset, int length);

  /** Number of read accesses made so far (one per call, whatever the width). */
  long readCount();
}
