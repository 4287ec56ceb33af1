package dev.vtdlab.hw.regs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.FaultRecord;
import dev.vtdlab.hw.inval.*;
import dev.vtdlab.hw.inval.InvalidationTarget;
import dev.vtdlab.mem.SparseMemory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed input never escapes as an exception: random register traffic over random memory. */
class RegisterFuzzTest {
  private static final long SEED = Long.getLong("vtdlab.seed", 0x5EED_0003L);

  @Test
  void randomRegisterTrafficNeverThrows() {
    System.out.println("RegisterFuzzTest seed " + SEED);
    Random rnd = new Random(SEED);
    for (UnitConfig c :
        List.of(UnitConfig.legacy(), UnitConfig.qemu(), UnitConfig.server(), Units.everything())) {
      SparseMemory memory = new SparseMemory(40);
      memory.setReadLimit(1L << 30);
      RemappingRegisters u = new RemappingRegisters(c, memory, InvalidationTarget.none());
      DeviceTlbResponder.Response[] answers = DeviceTlbResponder.Response.values();
      u.queue().setDeviceTlbResponder(sid -> answers[sid % answers.length]);
      // page 0: 128-bit descriptors, page 1: 256-bit descriptors, mostly valid, some garbage
      for (int i = 0; i < 256; i++) {
        InvDescriptor d = randomDescriptor(rnd);
        memory.write64(16L * i, d.qw0());
        memory.write64(16L * i + 8, d.qw1());
      }
      for (int i = 0; i < 128; i++) {
        InvDescriptor d = randomDescriptor(rnd);
        memory.write64(0x1000 + 32L * i, d.qw0());
        memory.write64(0x1000 + 32L * i + 8, d.qw1());
      }
      int[] hot = {0x18, 0x20, 0x28, 0x34, 0x38, 0x80, 0x88, 0x90, 0x9C, 0xA0, 0xF0, 0xF8, 0x228};
      for (int step = 0; step < 20_000; step++) {
        int offset = rnd.nextInt(4) == 0 ? hot[rnd.nextInt(hot.length)] : rnd.nextInt(0x400) & ~3;
        long value = rnd.nextLong();
        if (rnd.nextInt(3) == 0) {
          // keep queue registers small enough to be plausible now and then
          value &= 0x1FFFL | (rnd.nextBoolean() ? 1L << 11 : 0);
        }
        String where = String.format("seed %d step %d offset 0x%x", SEED, step, offset);
        try {
          switch (rnd.nextInt(9)) {
            case 0 -> u.write32(offset, (int) value);
            case 1 -> u.write64(offset & ~7, value);
            case 2 -> u.read32(offset);
            case 3 -> u.read64(offset & ~7);
            case 4 ->
                u.recordFault(
                    new FaultRecord(value & FaultRecord.FI.mask(), rnd.nextLong()),
                    rnd.nextBoolean());
            case 5 -> {
              // a plausible queue set-up: page 0 holds 128-bit, page 1 256-bit descriptors
              boolean wide = rnd.nextBoolean();
              u.write64(RegisterTable.IQA_REG, wide ? 0x1000 | 1L << 11 : 0);
              int sts = u.read32(RegisterTable.GSTS_REG) & 0x96FF_FFFF;
              u.write32(RegisterTable.GCMD_REG, sts | (int) GlobalCommand.QIE.mask());
            }
            case 6 -> u.write64(RegisterTable.IQT_REG, (long) rnd.nextInt(128) << 5);
            case 7 -> u.write32(RegisterTable.FSTS_REG, -1);
            default -> {
              u.write64(RegisterTable.RTADDR_REG, (long) rnd.nextInt(4) << 10);
              int sts = u.read32(RegisterTable.GSTS_REG) & 0x96FF_FFFF;
              u.write32(RegisterTable.GCMD_REG, sts | (int) GlobalCommand.SRTP.mask());
            }
          }
        } catch (RuntimeException e) {
          throw new AssertionError(where + ": " + e, e);
        }
      }
      long errors = 0;
      for (dev.vtdlab.hw.inval.QueueError e : dev.vtdlab.hw.inval.QueueError.values()) {
        errors += u.queue().counters().errors(e);
      }
      System.out.printf(
          "%s: %d descriptors, %d queue errors, %d faults recorded, %d invalidations%n",
          c.name(),
          u.queue().counters().processedTotal(),
          errors,
          u.faults().recordedCount(),
          u.invalidations().total());
      assertThat(u.faults().recordedCount()).as("seed %d", SEED).isPositive();
      assertThat(u.queue().counters().processedTotal()).as("seed %d", SEED).isPositive();
      assertThat(u.read32(0x004)).as("seed %d", SEED).isZero();
      assertThat(u.read64(RegisterTable.CAP_REG)).as("seed %d", SEED).isEqualTo(c.cap().value());
    }
  }

  private static InvDescriptor randomDescriptor(Random rnd) {
    int did = rnd.nextInt(1 << 16);
    int pasid = rnd.nextInt(1 << 20);
    int sid = rnd.nextInt(1 << 16);
    return switch (rnd.nextInt(12)) {
      case 0 -> ContextCacheInvDescriptor.device(did, sid, rnd.nextInt(4));
      case 1 ->
          IotlbInvDescriptor.page(
              did, (rnd.nextLong() & 0xFFFF_FFFFL) << 20, rnd.nextInt(8), rnd.nextBoolean());
      case 2 -> DeviceTlbInvDescriptor.of(sid, 0, 0, DeviceTlbRange.of(0, 12 + rnd.nextInt(53)));
      case 3 -> InterruptEntryCacheInvDescriptor.index(rnd.nextInt(1 << 16), rnd.nextInt(32));
      case 4 ->
          InvWaitDescriptor.of(
              rnd.nextBoolean(),
              rnd.nextBoolean(),
              rnd.nextBoolean(),
              rnd.nextInt(),
              rnd.nextLong() & 0xFFF_FFFCL);
      case 5 -> PasidIotlbInvDescriptor.page(did, pasid, 0x4000, 2, rnd.nextBoolean());
      case 6 -> PasidCacheInvDescriptor.pasid(did, pasid);
      case 7 ->
          PasidDeviceTlbInvDescriptor.of(
              sid, pasid, rnd.nextBoolean(), 0, 0, DeviceTlbRange.entire());
      case 8 -> PageGroupResponseDescriptor.of(sid, true, pasid, 0, 3);
      case 9 -> IotlbInvDescriptor.global();
      case 10 -> ContextCacheInvDescriptor.global();
      default -> InvDescriptor.of(rnd.nextLong(), rnd.nextLong());
    };
  }
}
