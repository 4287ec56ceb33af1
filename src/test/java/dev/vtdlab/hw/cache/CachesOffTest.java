package dev.vtdlab.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.CacheHooks;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.DmaTranslator;
import dev.vtdlab.hw.translate.Rtaddr;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Caches off (CacheConfig.NONE or every size 0) translate exactly like the uncached translator. */
class CachesOffTest {

  @Test
  void zeroSizedCachesAreNoCachesAtAll() {
    TranslationCaches c =
        new TranslationCaches(UnitConfig.server(), CacheConfig.uniform(0, Replacement.FIFO));

    assertThat(c.hooks()).isSameAs(CacheHooks.NONE);
    assertThat(c.counters()).allSatisfy(k -> assertThat(k.capacity()).isZero());
  }

  @Test
  void aUnitWithoutCachesGivesTheUncachedTranslatorsResultsReadForRead() {
    Platform p = new Platform(UnitConfig.server(), CacheConfig.NONE, TranslatorOptions.READ_ONLY);
    long dir = p.scalableDevice(Platform.DEV);
    long fsRoot = p.frame();
    long ssRoot = p.frame();
    long nestedSs = p.frame();
    long nestedFs = p.nestedTable(p.ss(4), nestedSs);
    p.pasidEntry(dir, 1, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 1).withFsptptr(fsRoot));
    p.pasidEntry(dir, 2, Platform.pasidEntryOf(Pgtt.SECOND_STAGE, 2).withSsptptr(ssRoot));
    p.pasidEntry(
        dir, 3, Platform.pasidEntryOf(Pgtt.NESTED, 3).withSsptptr(nestedSs).withFsptptr(nestedFs));
    for (int i = 0; i < 8; i++) {
      long va = 0x4000_0000L + i * 0x1000L;
      p.map(p.fs(4), fsRoot, va, 0x10_0000_0000L + i * 0x1000L, PageSize.SIZE_4K);
      p.map(p.ss(4), ssRoot, va, 0x11_0000_0000L + i * 0x1000L, PageSize.SIZE_4K);
      p.mapNested(
          p.fs(4), nestedFs, va, 0x1_0000_0000L + i * 0x1000L, PageSize.SIZE_4K, p.ss(4), nestedSs);
      p.map(
          p.ss(4),
          nestedSs,
          0x1_0000_0000L + i * 0x1000L,
          0x12_0000_0000L + i * 0x1000L,
          PageSize.SIZE_4K);
    }
    p.bringUp(1);
    DmaTranslator reference =
        DmaTranslator.uncached(
            p.config,
            p.memory,
            TranslatorOptions.READ_ONLY,
            Rtaddr.of(Platform.ROOT_TABLE, Rtaddr.TTM_SCALABLE));

    List<DmaRequest> requests = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (int pasid = 0; pasid <= 4; pasid++) {
        for (int i = 0; i < 10; i++) {
          long va = 0x4000_0000L + i * 0x1000L + 0x18;
          requests.add(DmaRequest.withPasid(Platform.DEV, pasid, va, Access.WRITE, false));
        }
      }
    }
    for (DmaRequest r : requests) {
      Translation unit = p.unit.translate(r);
      Translation uncached = reference.translate(r);
      assertThat(unit.toString()).as("%s", r).isEqualTo(uncached.toString());
      assertThat(unit.reads()).as("%s", r).isEqualTo(uncached.reads());
    }
  }
}
