package dev.vtdlab.pagetable;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The configurations every contract test runs for: first stage 4/5-level, second stage 3/4/5. */
final class Configs {
  private Configs() {}

  /** First stage with 1 GiB pages, second stage with 2 MiB and 1 GiB pages and ECAP.SC; HAW 48. */
  static List<FormatConfig> withLargePages() {
    return List.of(
        FormatConfig.firstStage(4, 48).withLeaf1G(true),
        FormatConfig.firstStage(5, 48).withLeaf1G(true),
        FormatConfig.secondStage(3, 48).withLeaf2M(true).withLeaf1G(true).withSnoopControl(true),
        FormatConfig.secondStage(4, 48).withLeaf2M(true).withLeaf1G(true).withSnoopControl(true),
        FormatConfig.secondStage(5, 48).withLeaf2M(true).withLeaf1G(true).withSnoopControl(true));
  }

  /** Every stage and level count with the smallest page-size support (first stage: 2 MiB). */
  static List<FormatConfig> withoutLargePages() {
    return List.of(
        FormatConfig.firstStage(4, 46),
        FormatConfig.firstStage(5, 46),
        FormatConfig.secondStage(3, 46),
        FormatConfig.secondStage(4, 46),
        FormatConfig.secondStage(5, 46));
  }

  static Stream<Arguments> all() {
    return Stream.concat(withLargePages().stream(), withoutLargePages().stream())
        .map(c -> Arguments.of(c.label() + (c.leaf1G() ? " +1G" : ""), c));
  }

  static Stream<Arguments> large() {
    return withLargePages().stream().map(c -> Arguments.of(c.label(), c));
  }
}
