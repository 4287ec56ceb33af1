package dev.vtdlab.inspect.source;

/** The format of a memory file, as detected by {@link MemorySources}. */
public enum DumpFormat {
  /** An ELF64 little-endian core file ({@code ET_CORE}): {@code PT_LOAD} segments by p_paddr. */
  ELF_CORE("ELF core"),
  /** A raw flat image: file offset 0 is the physical base address given by the user. */
  RAW("raw image");

  private final String description;

  DumpFormat(String description) {
    this.description = description;
  }

  /** Human-readable name ("ELF core", "raw image"). */
  public String description() {
    return description;
  }
}
