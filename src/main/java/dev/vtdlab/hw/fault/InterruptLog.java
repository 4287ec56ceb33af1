package dev.vtdlab.hw.fault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link InterruptSink} that keeps the last {@value #CAPACITY} messages and counts all of them
 * by source: the observable "interrupt sent" record of the unit.
 */
public final class InterruptLog implements InterruptSink {
  /** Number of messages kept. */
  public static final int CAPACITY = 4096;

  private final ArrayDeque<InterruptMessage> recent = new ArrayDeque<>();
  private final long[] counts = new long[InterruptMessage.Source.values().length];

  @Override
  public synchronized void send(InterruptMessage message) {
    if (recent.size() == CAPACITY) {
      recent.removeFirst();
    }
    recent.addLast(message);
    counts[message.source().ordinal()]++;
  }

  /** Messages sent by this source since creation. */
  public synchronized long count(InterruptMessage.Source source) {
    return counts[source.ordinal()];
  }

  /** The kept messages, oldest first. */
  public synchronized List<InterruptMessage> messages() {
    return new ArrayList<>(recent);
  }

  /** The most recent message, or null when none was sent. */
  public synchronized InterruptMessage last() {
    return recent.peekLast();
  }
}
