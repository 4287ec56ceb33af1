package dev.vtdlab.hw.inval;

/** IQERCD_REG.IQEI values: why FSTS.IQE was set (VT-d spec 11.4.29; digest 9.7). */
public enum QueueError {
  /** 0: information not available. */
  NONE(0, "information not available"),
  /** 1: IQT beyond the queue size. */
  TAIL_BEYOND_QUEUE(1, "invalid tail pointer (beyond the queue)"),
  /** 2: the descriptor could not be read from memory. */
  FETCH_ERROR(2, "descriptor fetch error"),
  /** 3: unknown type, or a type the unit or the current mode does not allow. */
  INVALID_TYPE(3, "invalid descriptor type"),
  /** 4: a reserved field (or a reserved encoding of a field) is set. */
  RESERVED_FIELD(4, "reserved field set in a descriptor"),
  /** 5: descriptor width not allowed (128-bit descriptors with TTM = scalable). */
  INVALID_WIDTH(5, "invalid descriptor width"),
  /** 6: 256-bit descriptors and IQT bit 4 set. */
  TAIL_MISALIGNED(6, "queue tail misaligned"),
  /** 7: the latched RTADDR.TTM is the reserved value 10b. */
  INVALID_TTM(7, "invalid TTM in the latched root-table address");

  private final int code;
  private final String description;

  QueueError(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The IQEI value. */
  public int code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** The error with this IQEI value. */
  public static QueueError ofCode(int code) {
    for (QueueError e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    throw new IllegalArgumentException("IQEI " + code + " is not defined (0..7)");
  }
}
