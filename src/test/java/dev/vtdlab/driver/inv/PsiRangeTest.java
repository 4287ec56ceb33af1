package dev.vtdlab.driver.inv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PsiRangeTest {

  @Test
  void onePageNeedsNoMask() {
    assertThat(PsiRange.covering(0x5000, 0x5FFF)).isEqualTo(new PsiRange(0x5000, 0));
  }

  @Test
  void alignedRangesRoundThePageCountUp() {
    assertThat(PsiRange.covering(0x8000, 0xAFFF)).isEqualTo(new PsiRange(0x8000, 2));
  }

  @Test
  void misalignedRangesWidenTheMaskUntilStartAndEndAgree() {
    // pages 3..4: two pages, but 3 and 4 differ in bit 2 -> the 8 pages 0..7
    assertThat(PsiRange.covering(0x3000, 0x4FFF)).isEqualTo(new PsiRange(0, 3));
    // pages 2..5: four pages at an odd pair -> 0..7
    assertThat(PsiRange.covering(0x2000, 0x5FFF)).isEqualTo(new PsiRange(0, 3));
  }

  @Test
  void theResultAlwaysCoversTheRangeAndIsAligned() {
    long seed = Long.getLong("vtdlab.seed", 42);
    Random rnd = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long start = (rnd.nextLong() >>> 20) & ~0xFFFL;
      long last = start + (rnd.nextInt(5000) + 1) * 4096L - 1;
      PsiRange r = PsiRange.covering(start, last);
      assertThat(r.iova() & ((1L << (r.am() + 12)) - 1)).as("seed %d", seed).isZero();
      assertThat(r.iova()).as("seed %d", seed).isLessThanOrEqualTo(start);
      assertThat(r.iovaLast()).as("seed %d", seed).isGreaterThanOrEqualTo(last);
      assertThat(r.am())
          .as("seed %d: the smallest such mask", seed)
          .isEqualTo(smallest(start, last));
    }
  }

  /** Reference: the smallest k >= log2(page count rounded up) with equal page numbers above k. */
  private static int smallest(long start, long last) {
    long first = start >>> 12;
    long end = last >>> 12;
    int k = 0;
    while ((1L << k) < end - first + 1) {
      k++;
    }
    while ((first >>> k) != (end >>> k)) {
      k++;
    }
    return k;
  }
}
