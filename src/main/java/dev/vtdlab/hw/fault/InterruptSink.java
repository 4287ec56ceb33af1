package dev.vtdlab.hw.fault;

/** Receives the MSIs the unit sends (the interrupt controller, or a test log). */
@FunctionalInterface
public interface InterruptSink {
  /** Called once per message sent. */
  void send(InterruptMessage message);
}
