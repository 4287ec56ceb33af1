package dev.vtdlab.hw.inval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.Ecap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.fault.EventRegisters;
import dev.vtdlab.hw.fault.Fsts;
import dev.vtdlab.hw.fault.InterruptMessage;
import org.junit.jupiter.api.Test;

class InvalidationQueueTest {
  private static final long STATUS_HPA = 0x20_0000L;

  private static QueueHarness legacy() {
    return new QueueHarness(UnitConfig.legacy(), 0, false);
  }

  private static QueueHarness scalable() {
    QueueHarness h = new QueueHarness(UnitConfig.server(), 0, true);
    h.queue.setTranslationTableMode(1);
    return h;
  }

  @Test
  void writingTheTailProcessesEveryDescriptorInOrder() {
    QueueHarness h = legacy();
    h.submit(
        ContextCacheInvDescriptor.global(),
        IotlbInvDescriptor.global(),
        InvWaitDescriptor.statusWrite(1, STATUS_HPA));
    assertThat(h.target.calls())
        .extracting(Invalidation::kind)
        .containsExactly(InvalidationKind.CONTEXT_CACHE_GLOBAL, InvalidationKind.IOTLB_GLOBAL);
    assertThat(h.memory.read32(STATUS_HPA)).isEqualTo(1);
    assertThat(h.queue.iqh()).isEqualTo(h.queue.iqt()).isEqualTo(0x30);
    assertThat(h.queue.counters().processedOfType(InvWaitDescriptor.TYPE)).isEqualTo(1);
    assertThat(h.queue.counters().processedTotal()).isEqualTo(3);
    assertThat(h.queue.counters().waitsCompleted()).isEqualTo(1);
  }

  @Test
  void nothingIsProcessedWhileTheQueueIsDisabled() {
    QueueHarness h = legacy();
    h.queue.setEnabled(false);
    h.submit(IotlbInvDescriptor.global());
    assertThat(h.target.calls()).isEmpty();
    h.queue.setEnabled(true);
    assertThat(h.target.calls()).hasSize(1);
  }

  @Test
  void disablingTheQueueResetsTheHead() {
    QueueHarness h = legacy();
    h.submit(IotlbInvDescriptor.global());
    assertThat(h.queue.iqh()).isEqualTo(0x10);
    h.queue.setEnabled(false);
    assertThat(h.queue.iqh()).isZero();
  }

  @Test
  void headAndTailWrapAroundTheEndOfTheQueue() {
    QueueHarness h = legacy();
    int n = h.capacity();
    for (int i = 0; i < n - 2; i++) {
      h.put(IotlbInvDescriptor.domain(i));
    }
    h.ringTail();
    assertThat(h.queue.iqh()).isEqualTo((n - 2) * 16L);
    h.target.clear();
    h.submit(
        IotlbInvDescriptor.domain(1000),
        IotlbInvDescriptor.domain(1001),
        IotlbInvDescriptor.domain(1002),
        InvWaitDescriptor.statusWrite(7, STATUS_HPA));
    assertThat(h.target.calls()).extracting(Invalidation::did).containsExactly(1000, 1001, 1002);
    assertThat(h.queue.iqt()).isEqualTo(0x20);
    assertThat(h.queue.iqh()).isEqualTo(0x20);
    assertThat(h.memory.read32(STATUS_HPA)).isEqualTo(7);
  }

  @Test
  void wideDescriptorsUseThirtyTwoByteSlots() {
    QueueHarness h = scalable();
    h.submit(
        PasidCacheInvDescriptor.pasid(0x2A, 0x12345), PasidIotlbInvDescriptor.pasid(0x2A, 0x12345));
    assertThat(h.queue.iqh()).isEqualTo(0x40);
    assertThat(h.target.calls())
        .extracting(Object::toString)
        .containsExactly(
            "PASID_CACHE_PASID did=0x2a pasid=0x12345", "PASID_IOTLB_PASID did=0x2a pasid=0x12345");
  }

  @Test
  void aTailBeyondTheQueueIsErrorOne() {
    QueueHarness h = legacy();
    h.queue.writeIqt(0x1000);
    assertThat(h.iqe()).isTrue();
    assertThat(h.iqeiValue()).isEqualTo(QueueError.TAIL_BEYOND_QUEUE.code());
    assertThat(h.queue.iqh()).isZero();
    assertThat(h.queue.counters().errors(QueueError.TAIL_BEYOND_QUEUE)).isEqualTo(1);
  }

  @Test
  void anUnreadableDescriptorIsErrorTwo() {
    QueueHarness h = legacy();
    h.memory.setReadLimit(QueueHarness.QUEUE_HPA + 0x20);
    h.submit(IotlbInvDescriptor.global(), IotlbInvDescriptor.global(), IotlbInvDescriptor.global());
    assertThat(h.iqeiValue()).isEqualTo(QueueError.FETCH_ERROR.code());
    assertThat(h.queue.iqh()).isEqualTo(0x20);
    assertThat(h.target.calls()).hasSize(2);
  }

  @Test
  void unknownOrUnsupportedTypesAreErrorThree() {
    QueueHarness h = legacy();
    h.put(0xF, 0, 0, 0);
    h.ringTail();
    assertThat(h.iqeiValue()).isEqualTo(QueueError.INVALID_TYPE.code());
    // legacy unit: no device-TLB, no scalable-mode types, no page requests
    for (InvDescriptor d :
        new InvDescriptor[] {
          DeviceTlbInvDescriptor.of(1, 0, 0, DeviceTlbRange.entire()),
          PasidIotlbInvDescriptor.pasid(1, 1),
          PasidCacheInvDescriptor.global(),
          PageGroupResponseDescriptor.of(1, false, 0, 0, 0),
          InterruptEntryCacheInvDescriptor.global()
        }) {
      QueueHarness g = legacy();
      g.submit(d);
      assertThat(g.iqeiValue()).as(d.toString()).isEqualTo(QueueError.INVALID_TYPE.code());
    }
  }

  @Test
  void scalableOnlyTypesNeedTheScalableTtm() {
    QueueHarness h = new QueueHarness(UnitConfig.server(), 0, true);
    h.submit(PasidCacheInvDescriptor.global());
    assertThat(h.iqeiValue()).isEqualTo(QueueError.INVALID_TYPE.code());
    h.queue.setTranslationTableMode(1);
    h.clearErrors();
    assertThat(h.iqe()).isFalse();
    assertThat(h.target.calls())
        .extracting(Invalidation::kind)
        .containsExactly(InvalidationKind.PASID_CACHE_GLOBAL);
  }

  @Test
  void reservedFieldsAreErrorFour() {
    long[][] bad = {
      {IotlbInvDescriptor.global().qw0() | 1L << 40, 0, 0, 0},
      {ContextCacheInvDescriptor.global().qw0(), 1, 0, 0},
      {IotlbInvDescriptor.global().qw0() & ~IotlbInvDescriptor.G.mask(), 0, 0, 0},
      {
        InvWaitDescriptor.statusWrite(1, STATUS_HPA).qw0() | InvWaitDescriptor.PD.mask(),
        STATUS_HPA,
        0,
        0
      },
      {
        DeviceTlbInvDescriptor.of(1, 0x55, 0, DeviceTlbRange.entire()).qw0(),
        DeviceTlbRange.ENTIRE_ADDRESS_FIELD | 1,
        0,
        0
      },
      {IotlbInvDescriptor.global().qw0(), 0, 0, 1},
      {PasidCacheInvDescriptor.G.set(PasidCacheInvDescriptor.global().qw0(), 2), 0, 0, 0}
    };
    // server: PDS = 1 and DIT = 0; use a unit without PDS for the PD case
    UnitConfig server = UnitConfig.server();
    UnitConfig noPds =
        server.with(server.cap(), new Ecap(Ecap.PDS.set(server.ecap().value(), false)));
    for (long[] words : bad) {
      QueueHarness h = new QueueHarness(noPds, 0, true);
      h.queue.setTranslationTableMode(1);
      h.put(words[0], words[1], words[2], words[3]);
      h.ringTail();
      assertThat(h.iqeiValue())
          .as("qw0=0x%x qw1=0x%x", words[0], words[1])
          .isEqualTo(QueueError.RESERVED_FIELD.code());
      assertThat(h.target.calls()).isEmpty();
    }
  }

  @Test
  void narrowDescriptorsInScalableModeAreErrorFive() {
    QueueHarness h = new QueueHarness(UnitConfig.server(), 0, false);
    h.queue.setTranslationTableMode(1);
    h.submit(IotlbInvDescriptor.global());
    assertThat(h.iqeiValue()).isEqualTo(QueueError.INVALID_WIDTH.code());
    assertThat(h.queue.iqh()).isZero();
  }

  @Test
  void aWideQueueIsNotAvailableWithoutScalableModeSupport() {
    QueueHarness h = new QueueHarness(UnitConfig.legacy(), 0, true);
    assertThat(QueueRegisters.DW.isSet(h.queue.iqa())).isFalse();
  }

  @Test
  void aTailWithBitFourInWideModeIsErrorSix() {
    QueueHarness h = scalable();
    h.queue.writeIqt(0x30);
    assertThat(h.iqeiValue()).isEqualTo(QueueError.TAIL_MISALIGNED.code());
  }

  @Test
  void theReservedTtmIsErrorSeven() {
    QueueHarness h = scalable();
    h.queue.setTranslationTableMode(2);
    h.submit(IotlbInvDescriptor.global());
    assertThat(h.iqeiValue()).isEqualTo(QueueError.INVALID_TTM.code());
  }

  @Test
  void processingStopsAtTheBadDescriptorAndResumesWhenIqeIsCleared() {
    QueueHarness h = legacy();
    h.put(IotlbInvDescriptor.domain(1));
    h.put(0xF, 0, 0, 0);
    h.put(IotlbInvDescriptor.domain(3));
    h.ringTail();
    assertThat(h.queue.iqh()).isEqualTo(0x10);
    assertThat(h.target.calls()).extracting(Invalidation::did).containsExactly(1);
    // further tail writes fetch nothing while IQE is set
    h.put(IotlbInvDescriptor.domain(4));
    h.ringTail();
    assertThat(h.target.calls()).hasSize(1);
    // software replaces the bad descriptor (as Linux does with a wait) and clears IQE
    h.memory.write64(
        QueueHarness.QUEUE_HPA + 0x10, InvWaitDescriptor.statusWrite(9, STATUS_HPA).qw0());
    h.memory.write64(QueueHarness.QUEUE_HPA + 0x18, STATUS_HPA);
    h.clearErrors();
    assertThat(h.target.calls()).extracting(Invalidation::did).containsExactly(1, 3, 4);
    assertThat(h.memory.read32(STATUS_HPA)).isEqualTo(9);
    assertThat(h.queue.iqh()).isEqualTo(h.queue.iqt());
  }

  @Test
  void aDeviceTlbTimeOutAbortsLaterWaitsAndSetsIte() {
    QueueHarness h = scalable();
    h.queue.setDeviceTlbResponder(
        sid ->
            sid == 0x3AFD
                ? DeviceTlbResponder.Response.TIME_OUT
                : DeviceTlbResponder.Response.COMPLETED);
    h.submit(
        DeviceTlbInvDescriptor.of(0x3AFD, 0, 0, DeviceTlbRange.entire()),
        IotlbInvDescriptor.domain(5),
        InvWaitDescriptor.statusWrite(1, STATUS_HPA));
    assertThat(h.memory.read32(STATUS_HPA)).isZero();
    assertThat(h.target.calls())
        .extracting(Invalidation::kind)
        .containsExactly(InvalidationKind.IOTLB_DOMAIN);
    assertThat(Fsts.ITE.isSet(h.faults.fsts())).isTrue();
    assertThat(QueueRegisters.ITESID.get(h.queue.iqercd())).isEqualTo(0x3AFD);
    assertThat(h.queue.counters().waitsAborted()).isEqualTo(1);
    assertThat(h.queue.counters().timeOuts()).isEqualTo(1);
    // nothing more is fetched until ITE is cleared
    h.submit(InvWaitDescriptor.statusWrite(2, STATUS_HPA));
    assertThat(h.memory.read32(STATUS_HPA)).isZero();
    h.clearErrors();
    assertThat(h.memory.read32(STATUS_HPA)).isEqualTo(2);
  }

  @Test
  void anAbortedFenceStopsProcessingAfterIt() {
    QueueHarness h = scalable();
    h.queue.setDeviceTlbResponder(sid -> DeviceTlbResponder.Response.TIME_OUT);
    h.submit(
        DeviceTlbInvDescriptor.of(0x10, 0, 0, DeviceTlbRange.entire()),
        InvWaitDescriptor.of(false, true, true, 1, STATUS_HPA),
        IotlbInvDescriptor.global());
    assertThat(h.queue.iqh()).isEqualTo(0x40);
    assertThat(h.target.calls()).isEmpty();
    assertThat(Fsts.ITE.isSet(h.faults.fsts())).isTrue();
    h.queue.setDeviceTlbResponder(DeviceTlbResponder.ALWAYS_COMPLETES);
    h.clearErrors();
    assertThat(h.target.calls())
        .extracting(Invalidation::kind)
        .containsExactly(InvalidationKind.IOTLB_GLOBAL);
  }

  @Test
  void aCompletionErrorSetsIceAndProcessingContinues() {
    QueueHarness h = scalable();
    h.queue.setDeviceTlbResponder(sid -> DeviceTlbResponder.Response.COMPLETION_ERROR);
    h.submit(
        PasidDeviceTlbInvDescriptor.of(0x0123, 7, false, 0, 0, DeviceTlbRange.of(0x4000, 14)),
        InvWaitDescriptor.statusWrite(1, STATUS_HPA));
    assertThat(Fsts.ICE.isSet(h.faults.fsts())).isTrue();
    assertThat(QueueRegisters.ICESID.get(h.queue.iqercd())).isEqualTo(0x0123);
    assertThat(h.memory.read32(STATUS_HPA)).isEqualTo(1);
    assertThat(h.target.calls())
        .extracting(Object::toString)
        .containsExactly("PASID_DEVICE_TLB sid=0x0123 pasid=0x7 0x4000..0x7fff");
  }

  @Test
  void theWaitInterruptSetsIwcOnceAndFollowsTheStatusWrite() {
    QueueHarness h = legacy();
    h.queue.completionEvent().writeData(0x77);
    h.queue.completionEvent().writeAddress(0xFEE0_1000L);
    h.queue.writeIectl(0);
    long[] statusSeenAtInterrupt = {-1};
    // the status write happens before the interrupt
    h.onInterrupt = m -> statusSeenAtInterrupt[0] = h.memory.read32(STATUS_HPA);
    h.submit(InvWaitDescriptor.of(true, true, false, 5, STATUS_HPA));
    assertThat(QueueRegisters.IWC.isSet(h.queue.ics())).isTrue();
    assertThat(h.interrupts.last())
        .isEqualTo(
            new InterruptMessage(
                InterruptMessage.Source.INVALIDATION_COMPLETION, 0xFEE0_1000L, 0x77));
    assertThat(statusSeenAtInterrupt[0]).isEqualTo(5);
    h.submit(InvWaitDescriptor.of(true, false, false, 0, 0));
    assertThat(h.interrupts.count(InterruptMessage.Source.INVALIDATION_COMPLETION)).isEqualTo(1);
    h.queue.writeIcs(0);
    assertThat(QueueRegisters.IWC.isSet(h.queue.ics())).isFalse();
    h.submit(InvWaitDescriptor.of(true, false, false, 0, 0));
    assertThat(h.interrupts.count(InterruptMessage.Source.INVALIDATION_COMPLETION)).isEqualTo(2);
  }

  @Test
  void aMaskedCompletionEventStaysPendingUntilIwcIsCleared() {
    QueueHarness h = legacy();
    h.submit(InvWaitDescriptor.of(true, false, false, 0, 0));
    assertThat(EventRegisters.IP.isSet(h.queue.iectl())).isTrue();
    h.queue.writeIcs(0);
    assertThat(EventRegisters.IP.isSet(h.queue.iectl())).isFalse();
    h.queue.writeIectl(0);
    assertThat(h.interrupts.count(InterruptMessage.Source.INVALIDATION_COMPLETION)).isZero();
  }

  @Test
  void aStatusAddressBeyondMemoryIsNotWrittenAndNothingThrows() {
    QueueHarness h = legacy();
    h.submit(InvWaitDescriptor.statusWrite(1, 1L << 50));
    assertThat(h.queue.counters().statusWritesFailed()).isEqualTo(1);
    assertThat(h.iqe()).isFalse();
  }

  @Test
  void pageInvalidationsTheUnitCannotHonourBecomeCoarser() {
    UnitConfig legacy = UnitConfig.legacy();
    UnitConfig noPsi =
        legacy.with(new Cap(Cap.PSI.set(legacy.cap().value(), false)), legacy.ecap());
    QueueHarness h = new QueueHarness(noPsi, 0, false);
    h.submit(IotlbInvDescriptor.page(3, 0x1000, 0, true));
    QueueHarness m = legacy();
    m.submit(IotlbInvDescriptor.page(3, 0, legacy.cap().mamv() + 1, false));
    m.submit(IotlbInvDescriptor.page(3, 0x4000, 2, true));
    assertThat(h.target.calls())
        .extracting(Object::toString)
        .containsExactly("IOTLB_DOMAIN did=0x3");
    assertThat(m.target.calls())
        .extracting(Object::toString)
        .containsExactly("IOTLB_DOMAIN did=0x3", "IOTLB_PAGES did=0x3 0x4000..0x7fff ih=true");
  }

  @Test
  void everyDescriptorReachesTheMatchingTargetMethod() {
    QueueHarness h = scalable();
    h.submit(
        ContextCacheInvDescriptor.domain(2),
        ContextCacheInvDescriptor.device(2, 0x3AFD, 1),
        PasidCacheInvDescriptor.domain(4),
        PasidIotlbInvDescriptor.page(4, 9, 0x8000, 1, false),
        DeviceTlbInvDescriptor.of(0x3AFD, 0, 0, DeviceTlbRange.of(0, 12)),
        PasidDeviceTlbInvDescriptor.of(0x3AFD, 0, true, 0, 0, DeviceTlbRange.entire()),
        InterruptEntryCacheInvDescriptor.index(0x20, 2),
        InterruptEntryCacheInvDescriptor.index(0x20, 15 + 1),
        PageGroupResponseDescriptor.of(0x3AFD, false, 0, 0, 1));
    assertThat(h.iqe()).isFalse();
    assertThat(h.target.calls())
        .extracting(Object::toString)
        .containsExactly(
            "CONTEXT_CACHE_DOMAIN did=0x2",
            "CONTEXT_CACHE_DEVICE did=0x2 sid=0x3afd fm=1",
            "PASID_CACHE_DOMAIN did=0x4",
            "PASID_IOTLB_PAGES did=0x4 pasid=0x9 0x8000..0x9fff ih=false",
            "DEVICE_TLB sid=0x3afd 0x0..0xfff",
            "PASID_DEVICE_TLB sid=0x3afd all-pasids 0x0..0xffffffffffffffff",
            "INTERRUPT_ENTRY_CACHE_INDEX index=0x20 im=2",
            "INTERRUPT_ENTRY_CACHE_GLOBAL");
    assertThat(h.queue.counters().processedOfType(PageGroupResponseDescriptor.TYPE)).isEqualTo(1);
  }

  @Test
  void queueSizesFollowQs() {
    // digest 12.6: QS = 0 -> 256 x 128-bit or 128 x 256-bit; QS = 7 -> 32768 / 16384
    assertThat(new QueueHarness(UnitConfig.legacy(), 0, false).capacity()).isEqualTo(256);
    assertThat(new QueueHarness(UnitConfig.server(), 0, true).capacity()).isEqualTo(128);
    assertThat(new QueueHarness(UnitConfig.legacy(), 7, false).capacity()).isEqualTo(32768);
    assertThat(new QueueHarness(UnitConfig.server(), 7, true).capacity()).isEqualTo(16384);
    QueueHarness h = new QueueHarness(UnitConfig.server(), 1, true);
    h.queue.setTranslationTableMode(1);
    for (int i = 0; i < 5; i++) {
      h.put(IotlbInvDescriptor.global());
    }
    h.ringTail();
    assertThat(h.queue.iqt()).isEqualTo(0xA0);
    assertThat(h.queue.iqh()).isEqualTo(0xA0);
  }
}
