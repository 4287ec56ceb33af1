package dev.vtdlab.driver.iova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IovaAllocatorTest {
  private static final long PAGE = IovaRange.PAGE_BYTES;
  private static final IovaRange ONE_GIB = new IovaRange(PAGE, 0x3FFF_FFFFL);
  private static final IovaAllocator.Options NO_CACHE = new IovaAllocator.Options(1, false);

  @Test
  void alignmentIsTheNextPowerOfTwoOfTheSize() {
    assertThat(IovaAllocator.alignmentPages(1)).isEqualTo(1);
    assertThat(IovaAllocator.alignmentPages(2)).isEqualTo(2);
    assertThat(IovaAllocator.alignmentPages(3)).isEqualTo(4);
    assertThat(IovaAllocator.alignmentPages(5)).isEqualTo(8);
    assertThat(IovaAllocator.alignmentPages(32)).isEqualTo(32);
    assertThat(IovaAllocator.alignmentPages(33)).isEqualTo(64);
    assertThat(IovaAllocator.alignmentPages(513)).isEqualTo(1024);
  }

  @Test
  void requestsBelow32PagesAreRoundedToAPowerOfTwoAndLargerOnesAreNot() {
    assertThat(IovaAllocator.allocatedPagesFor(3)).isEqualTo(4);
    assertThat(IovaAllocator.allocatedPagesFor(17)).isEqualTo(32);
    assertThat(IovaAllocator.allocatedPagesFor(32)).isEqualTo(32);
    assertThat(IovaAllocator.allocatedPagesFor(33)).isEqualTo(33);
    assertThat(IovaAllocator.allocatedPagesFor(100)).isEqualTo(100);
  }

  @Test
  void everyAllocationStartsAtAMultipleOfItsAlignment() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    long[] sizes = {1, 3, 1, 7, 2, 33, 1, 100, 5, 600, 1};
    for (long n : sizes) {
      IovaRange r = a.allocate(n, ONE_GIB.last());
      long align = IovaAllocator.alignmentPages(IovaAllocator.allocatedPagesFor(n)) * PAGE;
      assertThat(r.start() % align).as("start of %d-page range %s", n, r).isZero();
      assertThat(r.pages()).isEqualTo(IovaAllocator.allocatedPagesFor(n));
    }
  }

  @Test
  void allocationIsTopDownFromTheLimit() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    long limit = 0x0FFF_FFFFL;
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0x0FFF_F000L, 0x0FFF_FFFFL));
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0x0FFF_E000L, 0x0FFF_EFFFL));
    // 2 pages aligned to 2 pages: 0xFFFD000 is taken by nothing but is not aligned, so 0xFFFC000
    // 2 pages aligned to 2 pages: page 0xFFFD is free but not 2-aligned, so 0xFFFC-0xFFFD
    assertThat(a.allocate(2, limit)).isEqualTo(new IovaRange(0x0FFF_C000L, 0x0FFF_DFFFL));
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0x0FFF_B000L, 0x0FFF_BFFFL));
    // a limit inside a page: the range ends at the last whole page below it
    assertThat(a.allocate(1, 0x0800_0800L)).isEqualTo(new IovaRange(0x07FF_F000L, 0x07FF_FFFFL));
    // a limit above the aperture is clipped to it
    assertThat(a.allocate(1, -1L)).isEqualTo(new IovaRange(0x3FFF_F000L, 0x3FFF_FFFFL));
  }

  @Test
  void aHoleLeftByAlignmentIsUsedByALaterSmallRequest() {
    IovaAllocator a = new IovaAllocator(ONE_GIB, NO_CACHE);
    long limit = 0xFFFFL; // pages 1-15 (page 0 is outside the aperture)
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0xF000L, 0xFFFFL));
    // 4 pages aligned to 4: pages 0xC-0xF are not all free, so 0x8-0xB; 0xC-0xE stay a hole
    assertThat(a.allocate(4, limit)).isEqualTo(new IovaRange(0x8000L, 0xBFFFL));
    assertThat(a.allocate(2, limit)).isEqualTo(new IovaRange(0xC000L, 0xDFFFL));
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0xE000L, 0xEFFFL));
    assertThat(a.allocate(1, limit)).isEqualTo(new IovaRange(0x7000L, 0x7FFFL));
  }

  @Test
  void theMostRecentlyFreedSmallRangeIsReusedFromTheCache() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    IovaRange r1 = a.allocate(1, ONE_GIB.last());
    IovaRange r2 = a.allocate(1, ONE_GIB.last());
    IovaRange r3 = a.allocate(1, ONE_GIB.last());
    a.free(r2);
    a.free(r3); // r3 is the lowest; without a cache the tree would hand out r2 (the highest)
    assertThat(a.allocate(1, ONE_GIB.last())).isEqualTo(r3);
    assertThat(a.allocate(1, ONE_GIB.last())).isEqualTo(r2);
    assertThat(a.stats().cacheHits()).isEqualTo(2);
    assertThat(r1).isNotEqualTo(r2);
  }

  @Test
  void withoutTheCacheTheHighestFreeRangeIsReusedFirst() {
    IovaAllocator a = new IovaAllocator(ONE_GIB, NO_CACHE);
    a.allocate(1, ONE_GIB.last());
    IovaRange r2 = a.allocate(1, ONE_GIB.last());
    IovaRange r3 = a.allocate(1, ONE_GIB.last());
    a.free(r2);
    a.free(r3);
    assertThat(a.allocate(1, ONE_GIB.last())).isEqualTo(r2);
    assertThat(a.stats().cacheHits()).isZero();
  }

  @Test
  void aCachedRangeAboveTheLimitIsNotHandedOut() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    IovaRange high = a.allocate(1, ONE_GIB.last());
    a.free(high);
    IovaRange low = a.allocate(1, 0x00FF_FFFFL);
    assertThat(low.last()).isLessThanOrEqualTo(0x00FF_FFFFL);
    assertThat(a.stats().cacheHits()).isZero();
  }

  @Test
  void theInterruptRangeIsNeverHandedOut() {
    IovaRange aperture = new IovaRange(0xFE00_0000L, 0xFFFF_FFFFL); // 8192 pages
    IovaAllocator a = new IovaAllocator(aperture);
    assertThat(a.reservedRanges()).containsExactly(IovaAllocator.INTERRUPT_RANGE);
    List<IovaRange> got = new ArrayList<>();
    while (true) {
      try {
        got.add(a.allocate(1, aperture.last()));
      } catch (IovaExhaustedException e) {
        break;
      }
    }
    assertThat(got).hasSize(8192 - 256);
    assertThat(got).noneMatch(r -> r.overlaps(IovaAllocator.INTERRUPT_RANGE));
    assertThat(a.stats().reservedPages()).isEqualTo(256);
  }

  @Test
  void userReservedRangesAreNeverHandedOutAndMerge() {
    IovaRange aperture = new IovaRange(PAGE, 0xF_FFFFL); // 255 pages
    IovaAllocator a = new IovaAllocator(aperture, NO_CACHE);
    a.reserve(new IovaRange(0x10_0000L, 0x1F_FFFFL)); // outside: ignored
    a.reserve(new IovaRange(0x8_0000L, 0x8_FFFFL));
    a.reserve(new IovaRange(0x9_0000L, 0x9_FFFFL)); // adjacent: merges
    a.reserve(new IovaRange(0x0_0000L, 0x1_FFFFL)); // clipped to the aperture start
    assertThat(a.reservedRanges())
        .containsExactly(new IovaRange(PAGE, 0x1_FFFFL), new IovaRange(0x8_0000L, 0x9_FFFFL));
    List<IovaRange> got = new ArrayList<>();
    while (true) {
      try {
        got.add(a.allocate(1 + got.size() % 3, aperture.last()));
      } catch (IovaExhaustedException e) {
        break;
      }
    }
    for (IovaRange r : got) {
      assertThat(a.isReserved(r)).as("%s", r).isFalse();
    }
  }

  @Test
  void reservingAnAllocatedRangeIsRefused() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    IovaRange r = a.allocate(4, ONE_GIB.last());
    assertThatThrownBy(() -> a.reserve(new IovaRange(r.start() + PAGE, r.start() + 2 * PAGE - 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("overlaps the allocated range " + r);
  }

  @Test
  void anAlignedBlockThatDoesNotFitIsReportedAsExhaustion() {
    IovaRange aperture = new IovaRange(PAGE, 0x8FFFL); // pages 1-8: no 8-aligned 8-page block
    IovaAllocator a = new IovaAllocator(aperture);
    assertThatThrownBy(() -> a.allocate(5, aperture.last()))
        .isInstanceOfSatisfying(
            IovaExhaustedException.class,
            e -> {
              assertThat(e.pages()).isEqualTo(8);
              assertThat(e.limitIova()).isEqualTo(aperture.last());
            })
        .hasMessageContaining("8-page range aligned to 8 pages")
        .hasMessageContaining("at or below 0x8fff")
        .hasMessageContaining("aperture " + aperture);
    assertThat(a.stats().exhaustions()).isEqualTo(1);
  }

  @Test
  void aRequestLargerThanTheApertureIsExhaustion() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    assertThatThrownBy(() -> a.allocate(Long.MAX_VALUE / 2, -1L))
        .isInstanceOf(IovaExhaustedException.class);
    assertThatThrownBy(() -> a.allocateDma(1L << 40, -1L, true))
        .isInstanceOf(IovaExhaustedException.class);
    assertThatThrownBy(() -> a.allocate(0, -1L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLimitBelowTheApertureIsExhaustion() {
    IovaAllocator a = new IovaAllocator(new IovaRange(0x10_0000L, 0x1F_FFFFL));
    assertThatThrownBy(() -> a.allocate(1, 0xF_FFFFL)).isInstanceOf(IovaExhaustedException.class);
  }

  @Test
  void freeingTwiceOrFreeingWhatWasNotAllocatedIsRefused() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    IovaRange r = a.allocate(3, ONE_GIB.last()); // 4 pages
    assertThatThrownBy(() -> a.free(IovaRange.ofPages(r.start(), 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps the allocated range " + r);
    assertThatThrownBy(() -> a.free(IovaRange.ofPages(0x100_0000L, 1)))
        .hasMessageContaining("not allocated");
    assertThatThrownBy(() -> a.free(IovaRange.ofPages(0xFEE0_0000L, 1)))
        .hasMessageContaining("outside");
    a.free(r);
    assertThatThrownBy(() -> a.free(r)).hasMessageContaining("already freed");
    assertThat(a.stats().frees()).isEqualTo(1);
  }

  @Test
  void freeingInsideAReservedRangeIsRefused() {
    IovaAllocator a = new IovaAllocator(IovaRange.ofPages(0xFE00_0000L, 8192));
    assertThatThrownBy(() -> a.free(IovaRange.ofPages(0xFEE0_0000L, 1)))
        .hasMessageContaining("reserved");
  }

  @Test
  void whenTheTreeIsFullTheCachesAreEmptiedAndTheSearchRetried() {
    IovaRange aperture = IovaRange.ofPages(PAGE, 272);
    IovaAllocator a = new IovaAllocator(aperture);
    List<IovaRange> ones = new ArrayList<>();
    for (int i = 0; i < 272; i++) {
      ones.add(a.allocate(1, aperture.last()));
    }
    ones.forEach(a::free);
    assertThat(a.stats().cachedPages()).isEqualTo(272);
    IovaRange two = a.allocate(2, aperture.last());
    assertThat(two).isEqualTo(new IovaRange(0x10_E000L, 0x10_FFFFL));
    IovaStats s = a.stats();
    assertThat(s.cachedPages()).isZero();
    assertThat(s.freePages()).isEqualTo(270);
  }

  @Test
  void theCacheHoldsAtMost34MagazinesOfASizeAndReturnsTheRestToTheTree() {
    IovaAllocator a = new IovaAllocator(ONE_GIB, new IovaAllocator.Options(1, true));
    List<IovaRange> ones = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ones.add(a.allocate(1, ONE_GIB.last()));
    }
    int max = (2 + RangeCache.MAX_DEPOT_MAGAZINES) * RangeCache.MAGAZINE_SIZE;
    for (int i = 0; i < max; i++) {
      a.free(ones.get(i));
    }
    assertThat(a.stats().cachedPages()).isEqualTo(max);
    a.free(ones.get(max)); // loaded and prev full, depot full: the loaded magazine goes to the tree
    assertThat(a.stats().cachedPages()).isEqualTo(max - RangeCache.MAGAZINE_SIZE + 1);
    assertSpaceAddsUp(a);
  }

  @Test
  void pciDevicesTryBelow4GiBFirst() {
    IovaAllocator a = IovaAllocator.forAddressWidth(48);
    assertThat(a.allocateDma(1, -1L, true)).isEqualTo(new IovaRange(0xFFFF_F000L, 0xFFFF_FFFFL));
    assertThat(a.allocateDma(1, -1L, false))
        .isEqualTo(new IovaRange((1L << 48) - PAGE, (1L << 48) - 1));
    assertThat(a.allocateDma(1, 0x7FFF_FFFFL, true).last()).isLessThanOrEqualTo(0x7FFF_FFFFL);
  }

  @Test
  void whenBelow4GiBIsFullPciDevicesGetAddressesUpToTheirMask() {
    IovaAllocator a = new IovaAllocator(new IovaRange(0xFFFF_0000L, 0x1_FFFF_FFFFL));
    for (int i = 0; i < 16; i++) {
      assertThat(a.allocateDma(1, -1L, true).last()).isLessThanOrEqualTo(0xFFFF_FFFFL);
    }
    assertThat(a.allocateDma(1, -1L, true))
        .isEqualTo(new IovaRange(0x1_FFFF_F000L, 0x1_FFFF_FFFFL));
  }

  @Test
  void statisticsCountAllocationsFreesAndPages() {
    IovaAllocator a = new IovaAllocator(ONE_GIB);
    IovaRange r1 = a.allocate(3, ONE_GIB.last());
    IovaRange r2 = a.allocate(40, ONE_GIB.last());
    a.free(r1);
    IovaStats s = a.stats();
    assertThat(s.allocations()).isEqualTo(2);
    assertThat(s.frees()).isEqualTo(1);
    assertThat(s.liveRanges()).isEqualTo(1);
    assertThat(s.allocatedPages()).isEqualTo(40);
    assertThat(s.cachedPages()).isEqualTo(4);
    assertThat(s.freeRuns()).isEqualTo(2); // below r2's aligned start, and the gap above it
    assertThat(s.fragmentation()).isGreaterThan(0.0).isLessThan(1.0);
    assertThat(r2.start() % (64 * PAGE)).isZero();
    assertSpaceAddsUp(a);
  }

  static void assertSpaceAddsUp(IovaAllocator a) {
    IovaStats s = a.stats();
    assertThat(s.allocatedPages() + s.cachedPages() + s.reservedPages() + s.freePages())
        .as("allocated + cached + reserved + free pages of %s", a)
        .isEqualTo(a.aperture().pages());
  }
}
