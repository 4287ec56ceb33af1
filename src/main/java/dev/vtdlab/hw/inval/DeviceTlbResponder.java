package dev.vtdlab.hw.inval;

/**
 * Fault-injection hook: how endpoints answer the device-TLB invalidation requests the unit sends
 * for descriptors of types 3 and 8. The default answers every request.
 */
@FunctionalInterface
public interface DeviceTlbResponder {

  /** How one device answered. */
  enum Response {
    /** The device invalidated and its completion matched. */
    COMPLETED,
    /** The device never answered: the unit reports an invalidation time-out (FSTS.ITE). */
    TIME_OUT,
    /** The completion could not be matched (bad ITag ...): FSTS.ICE. */
    COMPLETION_ERROR
  }

  /** Every device answers correctly. */
  DeviceTlbResponder ALWAYS_COMPLETES = sid -> Response.COMPLETED;

  /** The answer of endpoint {@code sid} to one invalidation request. */
  Response respond(int sid);
}
