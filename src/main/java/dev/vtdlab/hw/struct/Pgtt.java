package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.hw.cap.Ecap;

/**
 * The PGTT field of a PASID entry (PASID-granular translation type, bits 8:6; VT-d spec 9.6, digest
 * 4.3, 4.4). Every three-bit encoding has a constant; the reserved ones fault SPT.4 (D19).
 */
public enum Pgtt {
  /** 000b: reserved. */
  RESERVED_000(0b000, "reserved encoding", null),
  /** 001b: first-stage translation only (needs ECAP.FSTS). */
  FIRST_STAGE(0b001, "first stage only", Ecap.FSTS),
  /** 010b: second-stage translation only (needs ECAP.SSTS). */
  SECOND_STAGE(0b010, "second stage only", Ecap.SSTS),
  /** 011b: nested, first stage then second stage (needs ECAP.NEST). */
  NESTED(0b011, "nested (first stage over second stage)", Ecap.NEST),
  /** 100b: pass-through, output = input (needs ECAP.PT). */
  PASS_THROUGH(0b100, "pass-through", Ecap.PT),
  /** 101b: reserved. */
  RESERVED_101(0b101, "reserved encoding", null),
  /** 110b: reserved. */
  RESERVED_110(0b110, "reserved encoding", null),
  /** 111b: reserved. */
  RESERVED_111(0b111, "reserved encoding", null);

  private static final Pgtt[] VALUES = values();

  private final int encoding;
  private final String meaning;
  private final BitField capability;

  Pgtt(int encoding, String meaning, BitField capability) {
    this.encoding = encoding;
    this.meaning = meaning;
    this.capability = capability;
  }

  /** The three-bit PGTT value. */
  public int encoding() {
    return encoding;
  }

  /** A short reading. */
  public String meaning() {
    return meaning;
  }

  /** True for 000b and 101b-111b. */
  public boolean reserved() {
    return capability == null;
  }

  /** True for the types that walk a first-stage table: 001b and 011b (FSPTPTR, FSPM, WPE...). */
  public boolean usesFirstStage() {
    return this == FIRST_STAGE || this == NESTED;
  }

  /** True for the types that walk a second-stage table: 010b and 011b (SSPTPTR, AW, SSEE...). */
  public boolean usesSecondStage() {
    return this == SECOND_STAGE || this == NESTED;
  }

  /**
   * The ECAP bit this type needs (FSTS, SSTS, NEST or PT).
   *
   * @throws IllegalStateException for a reserved encoding
   */
  public BitField capability() {
    if (capability == null) {
      throw new IllegalStateException("PGTT " + Words.binary(encoding, 3) + " is reserved");
    }
    return capability;
  }

  /** True when the type is not reserved and the unit has its capability. */
  public boolean supportedBy(Ecap ecap) {
    return capability != null && ecap.has(capability);
  }

  /** The type with this three-bit encoding. */
  public static Pgtt of(long encoding) {
    for (Pgtt p : VALUES) {
      if (p.encoding == encoding) {
        return p;
      }
    }
    throw new IllegalArgumentException("PGTT encoding " + encoding + " is not three bits");
  }
}
