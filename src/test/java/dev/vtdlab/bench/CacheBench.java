package dev.vtdlab.bench;

import dev.vtdlab.addr.PageSize;
import dev.vtdlab.hw.Platform;
import dev.vtdlab.hw.cache.CacheConfig;
import dev.vtdlab.hw.cache.CacheSpec;
import dev.vtdlab.hw.cap.UnitConfig;
import dev.vtdlab.hw.struct.Pgtt;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.DmaRequest;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.hw.translate.Translation;
import dev.vtdlab.hw.translate.TranslatorOptions;
import dev.vtdlab.pagetable.PageTableFormat;
import java.util.Random;

/**
 * A unit set up for cache benchmarks: one device translating {@code pages} 4 KiB pages in one mode
 * (legacy second stage 4-level, first stage 4-level, nested 4-over-4), requests in a seeded random
 * order, hardware options without entry recording.
 */
final class CacheBench {
  static final long VA = 0x4000_0000L;
  static final long HPA = 0x10_0000_0000L;
  static final long GPA = 0x1_0000_0000L;

  final Platform platform;
  final DmaRequest[] requests;

  CacheBench(String mode, CacheConfig caches, int pages, long seed) {
    boolean legacy = mode.equals("LEGACY");
    UnitConfig unit = legacy ? UnitConfig.legacy() : UnitConfig.server();
    platform = new Platform(unit, caches, TranslatorOptions.HARDWARE.withRecordEntries(false));
    Platform p = platform;
    PageTableFormat fs = p.fs(4);
    PageTableFormat ss = p.ss(4);
    requests = new DmaRequest[pages];
    switch (mode) {
      case "LEGACY" -> {
        long root = p.legacyDevice(Platform.DEV, 1);
        for (int i = 0; i < pages; i++) {
          p.map(ss, root, VA + i * 0x1000L, HPA + i * 0x1000L, PageSize.SIZE_4K);
        }
        p.bringUp(0);
      }
      case "FIRST_STAGE" -> {
        long dir = p.scalableDevice(Platform.DEV);
        long root = p.frame();
        p.pasidEntry(dir, 1, Platform.pasidEntryOf(Pgtt.FIRST_STAGE, 1).withFsptptr(root));
        for (int i = 0; i < pages; i++) {
          p.map(fs, root, VA + i * 0x1000L, HPA + i * 0x1000L, PageSize.SIZE_4K);
        }
        p.bringUp(1);
      }
      case "NESTED" -> {
        long dir = p.scalableDevice(Platform.DEV);
        long ssRoot = p.frame();
        long fsRoot = p.nestedTable(ss, ssRoot);
        p.pasidEntry(
            dir, 1, Platform.pasidEntryOf(Pgtt.NESTED, 1).withSsptptr(ssRoot).withFsptptr(fsRoot));
        for (int i = 0; i < pages; i++) {
          p.mapNested(
              fs, fsRoot, VA + i * 0x1000L, GPA + i * 0x1000L, PageSize.SIZE_4K, ss, ssRoot);
          p.map(ss, ssRoot, GPA + i * 0x1000L, HPA + i * 0x1000L, PageSize.SIZE_4K);
        }
        p.bringUp(1);
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    Random rnd = new Random(seed);
    for (int i = 0; i < pages; i++) {
      long va = VA + i * 0x1000L + 0x40;
      requests[i] =
          legacy
              ? DmaRequest.withoutPasid(Platform.DEV, va, Access.READ)
              : DmaRequest.withPasid(Platform.DEV, 1, va, Access.READ, false);
    }
    for (int i = pages - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      DmaRequest t = requests[i];
      requests[i] = requests[j];
      requests[j] = t;
    }
    for (DmaRequest r : requests) {
      Translation t = p.unit.translate(r);
      if (!(t instanceof Translated)) {
        throw new IllegalStateException("benchmark setup does not translate: " + t);
      }
    }
  }

  /** The cache configurations compared. */
  static CacheConfig caches(String name) {
    return switch (name) {
      case "ALL" -> CacheConfig.DEFAULT;
      case "NO_PSC" -> CacheConfig.DEFAULT.withPagingStructure(CacheSpec.OFF);
      case "PSC_ONLY" -> CacheConfig.DEFAULT.withIotlb(CacheSpec.OFF);
      case "NONE" -> CacheConfig.NONE;
      default -> throw new IllegalArgumentException("unknown cache config " + name);
    };
  }
}
