package dev.vtdlab.driver.flush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.driver.iova.IovaAllocator;
import dev.vtdlab.driver.iova.IovaRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictUnmapPolicyTest {

  @Test
  void everyUnmapIsFlushedAtOnceThenItsPagesAndIovaAreReleased() {
    RecordingInvalidator inv = new RecordingInvalidator();
    List<String> order = new ArrayList<>();
    UnmapPolicy p =
        UnmapPolicy.strict(
            new DomainInvalidator() {
              @Override
              public void flushRange(IovaRange iova, boolean invalidationHint) {
                inv.flushRange(iova, invalidationHint);
                order.add("flush " + iova);
              }

              @Override
              public void flushAll() {
                order.add("flushAll");
              }
            },
            r -> order.add("free " + r));
    IovaRange a = IovaRange.ofPages(0x10_0000L, 2);
    IovaRange b = IovaRange.ofPages(0x20_0000L, 1);
    p.unmapped(a, FreedPages.of(1, () -> order.add("pages of a")));
    p.unmapped(b, FreedPages.none());
    assertThat(order)
        .containsExactly("flush " + a, "pages of a", "free " + a, "flush " + b, "free " + b);
    // the invalidation hint is set only when no table page was freed
    assertThat(inv.rangeFlushes).containsExactly(a.toString(), b + " IH");
    assertThat(p.isStrict()).isTrue();
    FlushStats s = p.stats();
    assertThat(s.flushes(FlushReason.STRICT)).isEqualTo(2);
    assertThat(s.totalFlushes()).isEqualTo(2);
    assertThat(s.entriesQueued()).isEqualTo(2);
    assertThat(s.entriesReleased()).isEqualTo(2);
    assertThat(s.tablePagesReleased()).isEqualTo(1);
    assertThat(s.pendingEntries()).isZero();
    p.flush(); // nothing deferred
    assertThat(p.stats().totalFlushes()).isEqualTo(2);
  }

  @Test
  void anIovaIsReusableRightAfterAStrictUnmap() {
    IovaAllocator alloc = new IovaAllocator(IovaRange.ofPages(0x100_0000L, 1));
    UnmapPolicy p = UnmapPolicy.strict(new RecordingInvalidator(), alloc::free);
    IovaRange r = alloc.allocate(1, -1L);
    p.unmapped(r, FreedPages.none());
    assertThat(alloc.allocate(1, -1L)).isEqualTo(r);
  }
}
