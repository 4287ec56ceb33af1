package dev.vtdlab.driver.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A NIC-like device with RX and TX descriptor rings in memory, all of whose memory accesses are DMA
 * through a {@link DmaPort} with its requester id. Its driver programs the ring addresses (DMA
 * addresses), sizes and tail pointers, as MMIO writes to the NIC would.
 *
 * <ul>
 *   <li>RX: a packet from the wire is written into the buffer of the descriptor at the RX head (DMA
 *       read of the descriptor, DMA write of the packet, DMA write of the status: length, DD, EOP);
 *       no descriptor available (head = tail) drops the packet.
 *   <li>TX: writing the TX tail (doorbell) makes the device read each descriptor from head to tail,
 *       read its buffer, put the packet on the wire and write DD back.
 * </ul>
 *
 * A DMA that faults stops the operation and is returned; the unit has recorded the fault. Methods
 * are synchronized (one DMA engine).
 */
public final class NicDevice {
  private final DmaPort port;
  private final Requester requester;
  private final List<byte[]> wire = new ArrayList<>();
  private long rxRing;
  private int rxEntries;
  private int rxBufferBytes;
  private int rxHead;
  private int rxTail;
  private long txRing;
  private int txEntries;
  private int txHead;
  private int txTail;
  private long dropped;
  private long received;

  public NicDevice(DmaPort port, Requester requester) {
    this.port = port;
    this.requester = requester;
  }

  public Requester requester() {
    return requester;
  }

  /** RX ring base (DMA address), number of descriptors and buffer size; head and tail reset. */
  public synchronized void programRx(long ringDmaAddress, int entries, int bufferBytes) {
    rxRing = ringDmaAddress;
    rxEntries = entries;
    rxBufferBytes = bufferBytes;
    rxHead = 0;
    rxTail = 0;
  }

  /** TX ring base (DMA address) and number of descriptors; head and tail reset. */
  public synchronized void programTx(long ringDmaAddress, int entries) {
    txRing = ringDmaAddress;
    txEntries = entries;
    txHead = 0;
    txTail = 0;
  }

  /** RX tail: descriptors before it (from the head) belong to the device. */
  public synchronized void setRxTail(int tail) {
    rxTail = tail % rxEntries;
  }

  /** TX tail doorbell: transmits every descriptor up to it. */
  public synchronized DmaResult setTxTail(int tail) {
    txTail = tail % txEntries;
    return transmit();
  }

  /** A packet arrives from the wire. */
  public synchronized DmaResult receive(byte[] packet) {
    if (rxEntries == 0 || rxHead == rxTail || packet.length > rxBufferBytes) {
      dropped++;
      return new DmaResult.Completed(0);
    }
    long desc = rxRing + (long) rxHead * NicDescriptor.BYTES;
    byte[] d = new byte[NicDescriptor.BYTES];
    DmaResult r = port.read(requester, desc, d, 0, d.length);
    if (!r.completed()) {
      return r;
    }
    long buffer = le(d).getLong(0);
    r = port.write(requester, buffer, packet, 0, packet.length);
    if (!r.completed()) {
      return r;
    }
    byte[] status = new byte[8];
    le(status).putLong(0, NicDescriptor.done(packet.length));
    r = port.write(requester, desc + 8, status, 0, 8);
    if (!r.completed()) {
      return r;
    }
    rxHead = (rxHead + 1) % rxEntries;
    received++;
    return new DmaResult.Completed(packet.length);
  }

  private DmaResult transmit() {
    int bytes = 0;
    while (txHead != txTail) {
      long desc = txRing + (long) txHead * NicDescriptor.BYTES;
      byte[] d = new byte[NicDescriptor.BYTES];
      DmaResult r = port.read(requester, desc, d, 0, d.length);
      if (!r.completed()) {
        return r;
      }
      ByteBuffer b = le(d);
      long buffer = b.getLong(0);
      int length = (int) NicDescriptor.LENGTH.get(b.getLong(8));
      byte[] packet = new byte[length];
      r = port.read(requester, buffer, packet, 0, length);
      if (!r.completed()) {
        return r;
      }
      byte[] status = new byte[8];
      le(status).putLong(0, NicDescriptor.done(length));
      r = port.write(requester, desc + 8, status, 0, 8);
      if (!r.completed()) {
        return r;
      }
      wire.add(packet);
      bytes += length;
      txHead = (txHead + 1) % txEntries;
    }
    return new DmaResult.Completed(bytes);
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Packets transmitted, in order. */
  public synchronized List<byte[]> wire() {
    return List.copyOf(wire);
  }

  /** Packets dropped for lack of a descriptor (or too large). */
  public synchronized long dropped() {
    return dropped;
  }

  /** Packets received into memory. */
  public synchronized long received() {
    return received;
  }
}
