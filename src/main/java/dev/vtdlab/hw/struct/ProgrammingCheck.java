package dev.vtdlab.hw.struct;

/**
 * The outcome of an invalid-programming check (LCT.4 / SCT.4 / SPT.4, decision D19, spec 5.10):
 * {@link Valid} or {@link Invalid} with the sub-case and a message naming the values. The
 * translator runs it after the present and reserved-bit checks (order: present, reserved (.3),
 * invalid (.4)).
 */
public sealed interface ProgrammingCheck permits ProgrammingCheck.Valid, ProgrammingCheck.Invalid {

  /** The one valid outcome. */
  ProgrammingCheck VALID = new Valid();

  /** True for {@link Valid}. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The entry is programmed in a way the unit can use. */
  record Valid() implements ProgrammingCheck {}

  /**
   * The entry cannot be used.
   *
   * @param reason the sub-case (carries the fault, LCT.4 or SPT.4)
   * @param message a sentence with the values, for example "invalid legacy context entry (LCT.4):
   *     TT = 01b needs ECAP.DT"
   */
  record Invalid(InvalidProgramming reason, String message) implements ProgrammingCheck {}
}
