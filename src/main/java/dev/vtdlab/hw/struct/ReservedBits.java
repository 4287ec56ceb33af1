package dev.vtdlab.hw.struct;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.WordLayout;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.fault.FaultReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The reserved bits that are set in an entry, per word, each group with the rule that makes it
 * reserved. A translator raises {@link #fault()} (LRT.3, SRT.3, LCT.3, SCT.3, SPD.3 or SPT.3) when
 * {@link #any()} is true; {@link #message()} names the bits.
 *
 * <p>Rules (each named in the messages): bits no field covers (derived from the {@link
 * dev.vtdlab.bits.WordLayout}); pointer bits at or above HAW (D23); fields whose capability the
 * unit lacks (D5); DID bits above the CAP.ND width (D18).
 */
public final class ReservedBits {

  /**
   * One group of set reserved bits.
   *
   * @param word the word index (0 = lowest address)
   * @param mask the offending bits, in place within the word
   * @param rule why these bits are reserved, for example "reserved" or "DTE needs ECAP.DT (D5)"
   */
  public record Violation(int word, long mask, String rule) {}

  private final String structure;
  private final FaultReason fault;
  private final List<Violation> violations;

  private ReservedBits(String structure, FaultReason fault, List<Violation> violations) {
    this.structure = structure;
    this.fault = fault;
    this.violations = violations;
  }

  /** The structure the bits belong to, for example "legacy context entry". */
  public String structure() {
    return structure;
  }

  /** The fault a present entry with these bits set raises. */
  public FaultReason fault() {
    return fault;
  }

  /** True when at least one reserved bit is set. */
  public boolean any() {
    return !violations.isEmpty();
  }

  /** The groups of set reserved bits, in the order the checks found them. */
  public List<Violation> violations() {
    return violations;
  }

  /** The set reserved bits of word {@code word} (0 when none). */
  public long mask(int word) {
    long m = 0;
    for (Violation v : violations) {
      if (v.word() == word) {
        m |= v.mask();
      }
    }
    return m;
  }

  /**
   * A sentence naming the bits in the structure's continuous numbering, for example "reserved bits
   * set in legacy context entry (LCT.3): bits 87:80 (DID above the 8-bit CAP.ND width, D18)". Empty
   * when none is set.
   */
  public String message() {
    if (violations.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("reserved bits set in ");
    sb.append(structure).append(" (").append(fault.specName()).append("): ");
    for (int i = 0; i < violations.size(); i++) {
      Violation v = violations.get(i);
      sb.append(i == 0 ? "" : "; ")
          .append(Words.bitList(v.mask(), v.word()))
          .append(" (")
          .append(v.rule())
          .append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return any() ? message() : "no reserved bits set in " + structure;
  }

  /** Collects violations; allocates a list and the rule text only when one is found. */
  static final class Builder {
    private final String structure;
    private final FaultReason fault;
    private List<Violation> found;

    Builder(String structure, FaultReason fault) {
      this.structure = structure;
      this.fault = fault;
    }

    /** Records {@code setBits} of word {@code word} under {@code rule} when non-zero. */
    Builder check(int word, long setBits, String rule) {
      if (setBits != 0) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(new Violation(word, setBits, rule));
      }
      return this;
    }

    /** The bits of {@code value} that no field of {@code layout} covers. */
    Builder undefined(int word, long value, WordLayout layout) {
      return check(word, value & layout.reservedMask(), "reserved");
    }

    /** The bits of pointer field {@code pointer} at or above HAW (D23). */
    Builder pointer(int word, long value, BitField pointer, int haw) {
      long set = value & Words.bitsAtOrAbove(pointer, haw);
      return set == 0
          ? this
          : check(word, set, pointer.name() + " at or above HAW " + haw + ", D23");
    }

    /** Field {@code field} set while the unit lacks ECAP bit {@code capability} (D5). */
    Builder requires(int word, long value, BitField field, Ecap ecap, BitField capability) {
      long set = ecap.has(capability) ? 0 : value & field.mask();
      return set == 0
          ? this
          : check(word, set, field.name() + " needs ECAP." + capability.name() + ", D5");
    }

    /** Bits of domain-id field {@code did} above the CAP.ND width (D18). */
    Builder domainId(int word, long value, BitField did, Cap cap) {
      int bits = cap.domainIdBits();
      long set = value & Words.bitsAtOrAbove(did, did.lo() + bits);
      return set == 0
          ? this
          : check(word, set, did.name() + " above the " + bits + "-bit CAP.ND width, D18");
    }

    ReservedBits build() {
      return new ReservedBits(structure, fault, found == null ? List.of() : List.copyOf(found));
    }
  }
}
