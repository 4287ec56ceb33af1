package dev.vtdlab.driver.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.driver.RegisterHarness;
import dev.vtdlab.driver.domain.Attachment;
import dev.vtdlab.driver.domain.DmaDomain;
import dev.vtdlab.hw.cap.Cap;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.inval.Invalidation;
import dev.vtdlab.hw.inval.InvalidationKind;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.TranslationType;
import org.junit.jupiter.api.Test;

class LegacyAttachTest {
  private static final SourceId NIC = SourceId.of(3, 0, 0);

  private static ContextEntry contextOf(RegisterHarness h, SourceId sid) {
    RootEntry root =
        RootEntry.read(h.memory, RootEntry.address(h.driver.rootTable().hpa(), sid.bus()));
    assertThat(root.present()).as("root entry of bus %d", sid.bus()).isTrue();
    return ContextEntry.read(h.memory, ContextEntry.address(root.ctp(), sid.devfn()));
  }

  @Test
  void attachingADmaDomainWritesAPresentContextEntryWithoutInvalidationWhenCmIsZero() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    DmaDomain d = h.driver.createDmaDomain();
    h.clear();
    h.driver.attach(NIC, d);
    ContextEntry e = contextOf(h, NIC);
    assertThat(e.present()).isTrue();
    assertThat(e.translationType()).isEqualTo(TranslationType.UNTRANSLATED);
    assertThat(e.did()).isEqualTo(d.did());
    assertThat(e.ssptptr()).isEqualTo(d.ops().rootHpa());
    assertThat(e.aw()).isEqualTo(2);
    assertThat(e.fpd()).isFalse();
    assertThat(e.reservedBits(h.unit).any()).isFalse();
    assertThat(h.calls()).as("not-present to present with CM = 0 needs nothing").isEmpty();
    assertThat(d.attachments()).containsExactly(new Attachment(NIC, 0));
  }

  @Test
  void switchingDomainsTearsDownWithTheOldDidFirst() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    DmaDomain a = h.driver.createDmaDomain();
    DmaDomain b = h.driver.createDmaDomain();
    h.driver.attach(NIC, a);
    h.clear();
    h.driver.attach(NIC, b);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.CONTEXT_CACHE_DEVICE, a.did(), NIC.value(), 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.IOTLB_DOMAIN, a.did(), 0, 0, 0, 0, false, 0));
    assertThat(contextOf(h, NIC).did()).isEqualTo(b.did());
    assertThat(a.attachments()).isEmpty();
    assertThat(b.attachments()).containsExactly(new Attachment(NIC, 0));
  }

  @Test
  void detachLeavesTheEntryNotPresentAndInvalidated() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    DmaDomain a = h.driver.createDmaDomain();
    h.driver.attach(NIC, a);
    h.clear();
    h.driver.detach(NIC);
    assertThat(contextOf(h, NIC)).isEqualTo(ContextEntry.ZERO);
    assertThat(h.kinds())
        .containsExactly(InvalidationKind.CONTEXT_CACHE_DEVICE, InvalidationKind.IOTLB_DOMAIN);
    assertThat(h.driver.domainOf(NIC, 0)).isSameAs(h.driver.blockedDomain());
  }

  @Test
  void identityDomainIsPassThroughWithTheLargestAwAndDidOne() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    h.driver.attach(NIC, h.driver.identityDomain());
    ContextEntry e = contextOf(h, NIC);
    assertThat(e.translationType()).isEqualTo(TranslationType.PASS_THROUGH);
    assertThat(e.aw()).as("largest SAGAW value (D9)").isEqualTo(2);
    assertThat(e.did()).isEqualTo(1);
    assertThat(e.invalidProgramming(h.unit).isValid()).isTrue();
  }

  @Test
  void cachingModeInvalidatesDidZeroAfterMakingAnEntryPresent() {
    UnitConfig unit = RegisterHarness.withCap(UnitConfig.legacy(), Cap.CM.mask(), 0);
    RegisterHarness h = new RegisterHarness(unit);
    DmaDomain d = h.driver.createDmaDomain();
    h.clear();
    h.driver.attach(NIC, d);
    assertThat(h.calls())
        .containsExactly(
            new Invalidation(
                InvalidationKind.CONTEXT_CACHE_DEVICE, 0, NIC.value(), 0, 0, 0, false, 0),
            new Invalidation(InvalidationKind.IOTLB_DOMAIN, 0, 0, 0, 0, 0, false, 0));
  }

  @Test
  void writeBufferIsFlushedWhenRwbfAndNoInvalidationIsNeeded() {
    UnitConfig unit = RegisterHarness.withCap(UnitConfig.legacy(), Cap.RWBF.mask(), 0);
    RegisterHarness h = new RegisterHarness(unit);
    long before = h.regs.writeBufferFlushes();
    h.driver.attach(NIC, h.driver.createDmaDomain());
    assertThat(h.regs.writeBufferFlushes()).isEqualTo(before + 1);
  }

  @Test
  void pasidsAreRefusedInLegacyMode() {
    RegisterHarness h = new RegisterHarness(UnitConfig.legacy());
    DmaDomain d = h.driver.createDmaDomain();
    assertThatThrownBy(() -> h.driver.attach(NIC, 5, d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scalable mode");
  }
}
