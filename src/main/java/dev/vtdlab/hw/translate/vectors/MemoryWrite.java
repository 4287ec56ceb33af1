package dev.vtdlab.hw.translate.vectors;

import java.util.List;

/**
 * One write of a scenario's memory image: qword {@code i} goes little-endian to {@code hpa + 8i}.
 *
 * @param hpa the first qword's address
 * @param qwords the values
 */
public record MemoryWrite(long hpa, List<Long> qwords) {
  public MemoryWrite {
    qwords = List.copyOf(qwords);
  }
}
