package dev.vtdlab.driver.device;

import dev.vtdlab.driver.dma.DmaApi;
import dev.vtdlab.driver.dma.DmaDirection;
import dev.vtdlab.mem.FrameAllocator;
import dev.vtdlab.mem.WritableMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver side of {@link NicDevice}, as a Linux NIC driver uses the DMA API: both rings in one
 * frame each, mapped bidirectional; one RX buffer per RX descriptor (a frame each), mapped from the
 * device; received buffers are unmapped and replaced by freshly mapped ones; a TX packet is copied
 * into a buffer mapped to the device and unmapped once the device reports it done. Buffers and
 * rings come from a frame allocator standing for kernel memory; the CPU reads and writes them
 * directly. Not thread-safe (one driver thread per NIC).
 */
public final class NicDriver {
  private static final int RING_BYTES = 4096;

  private final DmaApi dma;
  private final NicDevice nic;
  private final FrameAllocator kernel;
  private final WritableMemory memory;
  private final int entries;
  private final int bufferBytes;
  private long rxRingHpa;
  private long rxRingDma;
  private long txRingHpa;
  private long txRingDma;
  private long[] rxBufferHpa;
  private long[] rxBufferDma;
  private long[] txBufferHpa;
  private long[] txBufferDma;
  private int rxNext;
  private int rxTail;
  private int txTail;
  private int txClean;

  /**
   * @param dma the NIC's DMA API
   * @param nic the device
   * @param kernel where rings and buffers are allocated
   * @param entries descriptors per ring (at most 256)
   * @param bufferBytes RX buffer size (at most 4096)
   */
  public NicDriver(DmaApi dma, NicDevice nic, FrameAllocator kernel, int entries, int bufferBytes) {
    if (entries < 2 || entries > RING_BYTES / NicDescriptor.BYTES) {
      throw new IllegalArgumentException("a ring has 2..256 descriptors, got " + entries);
    }
    if (bufferBytes < 64 || bufferBytes > 4096) {
      throw new IllegalArgumentException("RX buffers are 64..4096 bytes, got " + bufferBytes);
    }
    this.dma = dma;
    this.nic = nic;
    this.kernel = kernel;
    this.memory = kernel.memory();
    this.entries = entries;
    this.bufferBytes = bufferBytes;
  }

  /** Allocates and maps the rings and RX buffers and programs the NIC. */
  public void start() {
    rxRingHpa = kernel.allocate();
    txRingHpa = kernel.allocate();
    rxRingDma = dma.map(rxRingHpa, RING_BYTES, DmaDirection.BIDIRECTIONAL);
    txRingDma = dma.map(txRingHpa, RING_BYTES, DmaDirection.BIDIRECTIONAL);
    rxBufferHpa = new long[entries];
    rxBufferDma = new long[entries];
    txBufferHpa = new long[entries];
    txBufferDma = new long[entries];
    nic.programRx(rxRingDma, entries, bufferBytes);
    nic.programTx(txRingDma, entries);
    for (int i = 0; i < entries - 1; i++) {
      rxBufferHpa[i] = kernel.allocate();
      refill(i);
    }
    rxTail = entries - 1;
    nic.setRxTail(rxTail);
  }

  private void refill(int i) {
    rxBufferDma[i] = dma.map(rxBufferHpa[i], bufferBytes, DmaDirection.FROM_DEVICE);
    long desc = rxRingHpa + (long) i * NicDescriptor.BYTES;
    memory.write64(desc, rxBufferDma[i]);
    memory.write64(desc + 8, 0);
  }

  /** Takes the received packets off the RX ring, replacing each buffer by a newly mapped one. */
  public List<byte[]> poll() {
    List<byte[]> packets = new ArrayList<>();
    while (true) {
      long desc = rxRingHpa + (long) rxNext * NicDescriptor.BYTES;
      long status = memory.read64(desc + 8);
      if (!NicDescriptor.DD.isSet(status)) {
        return packets;
      }
      int length = (int) NicDescriptor.LENGTH.get(status);
      byte[] p = new byte[length];
      memory.readBytes(rxBufferHpa[rxNext], p, 0, length);
      packets.add(p);
      dma.unmap(rxBufferDma[rxNext], bufferBytes, DmaDirection.FROM_DEVICE);
      int slot = rxTail;
      rxBufferHpa[slot] = rxBufferHpa[rxNext];
      if (slot != rxNext) {
        rxBufferHpa[rxNext] = 0;
        rxBufferDma[rxNext] = 0;
      }
      refill(slot);
      rxTail = (rxTail + 1) % entries;
      nic.setRxTail(rxTail);
      rxNext = (rxNext + 1) % entries;
    }
  }

  /** Queues one packet for transmission and rings the doorbell; reaps finished descriptors. */
  public DmaResult send(byte[] packet) {
    if ((txTail + 1) % entries == txClean) {
      reap();
    }
    int slot = txTail;
    if (txBufferHpa[slot] == 0) {
      txBufferHpa[slot] = kernel.allocate();
    }
    memory.writeBytes(txBufferHpa[slot], packet, 0, packet.length);
    txBufferDma[slot] = dma.map(txBufferHpa[slot], packet.length, DmaDirection.TO_DEVICE);
    long desc = txRingHpa + (long) slot * NicDescriptor.BYTES;
    memory.write64(desc, txBufferDma[slot]);
    memory.write64(desc + 8, NicDescriptor.LENGTH.set(0, packet.length));
    txTail = (txTail + 1) % entries;
    DmaResult r = nic.setTxTail(txTail);
    reap();
    return r;
  }

  /** Unmaps the TX buffers the device has finished with. */
  public void reap() {
    while (txClean != txTail) {
      long desc = txRingHpa + (long) txClean * NicDescriptor.BYTES;
      long status = memory.read64(desc + 8);
      if (!NicDescriptor.DD.isSet(status)) {
        return;
      }
      int length = (int) NicDescriptor.LENGTH.get(status);
      dma.unmap(txBufferDma[txClean], length, DmaDirection.TO_DEVICE);
      txClean = (txClean + 1) % entries;
    }
  }

  /** The DMA address of the RX buffer in descriptor {@code i} (0 when none). */
  public long rxBufferDma(int i) {
    return rxBufferDma[i];
  }

  /** The host address of the RX buffer in descriptor {@code i}. */
  public long rxBufferHpa(int i) {
    return rxBufferHpa[i];
  }

  /** The RX descriptor the next packet will use (the device's head, as the driver tracks it). */
  public int rxNext() {
    return rxNext;
  }

  /** RX ring DMA address. */
  public long rxRingDma() {
    return rxRingDma;
  }

  /** TX ring DMA address. */
  public long txRingDma() {
    return txRingDma;
  }
}
