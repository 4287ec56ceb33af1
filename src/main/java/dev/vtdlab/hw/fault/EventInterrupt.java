package dev.vtdlab.hw.fault;

/**
 * One event-interrupt register set (control with IM/IP, data, address, upper address) and the
 * spec's pending/mask protocol (digest 1.6, 9.5): when the owner signals a new interrupt condition,
 * IP is set; if IM = 0 the message is sent at once and IP cleared. While masked, IP stays set and
 * the message is sent when software clears IM. The owner clears IP when software has serviced every
 * status bit. Reset: IM = 1, IP = 0.
 *
 * <p>Not thread-safe; the owner serializes.
 */
public final class EventInterrupt {
  private final InterruptMessage.Source source;
  private final InterruptSink sink;
  private boolean masked = true;
  private boolean pending;
  private long data;
  private long address;
  private long upperAddress;
  private long sent;

  public EventInterrupt(InterruptMessage.Source source, InterruptSink sink) {
    this.source = source;
    this.sink = sink;
  }

  /** The control register value (IM bit 31, IP bit 30). */
  public long control() {
    long v = EventRegisters.IM.set(0, masked);
    return EventRegisters.IP.set(v, pending);
  }

  /**
   * A software write of the control register (IP is read-only): clearing IM with IP set sends the
   * pending message and clears IP.
   */
  public void writeControl(long value) {
    masked = EventRegisters.IM.isSet(value);
    if (!masked && pending) {
      fire();
    }
  }

  public long data() {
    return data;
  }

  public void writeData(long value) {
    data = value & EventRegisters.IMD.mask();
  }

  public long address() {
    return address;
  }

  public void writeAddress(long value) {
    address = value & EventRegisters.MA.mask();
  }

  public long upperAddress() {
    return upperAddress;
  }

  public void writeUpperAddress(long value) {
    upperAddress = value & EventRegisters.MUA.mask();
  }

  /** A new interrupt condition: set IP, and send now unless masked. */
  public void raise() {
    pending = true;
    if (!masked) {
      fire();
    }
  }

  /** Software serviced every status bit: IP is cleared (a masked message is not sent). */
  public void clearPending() {
    pending = false;
  }

  public boolean pending() {
    return pending;
  }

  public boolean masked() {
    return masked;
  }

  /** Messages sent by this event. */
  public long sentCount() {
    return sent;
  }

  private void fire() {
    pending = false;
    sent++;
    sink.send(new InterruptMessage(source, upperAddress << 32 | address, (int) data));
  }
}
