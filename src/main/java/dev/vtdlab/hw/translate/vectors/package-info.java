/**
 * Conformance scenarios in the {@code vtd-scenario/1} format (shared spec vectors-format.md):
 * {@link dev.vtdlab.hw.translate.vectors.ScenarioLoader} reads a file into a {@link
 * dev.vtdlab.hw.translate.vectors.Scenario} (one-line {@link
 * dev.vtdlab.hw.translate.vectors.ScenarioException} for a bad file), {@link
 * dev.vtdlab.hw.translate.vectors.ScenarioRunner} builds the memory image, translates each request
 * with no caches and no accessed/dirty write-back, and compares the fields the expectation lists:
 * always {@code result}; {@code hpa}, {@code page_size}, {@code perm} for ok; {@code code} for
 * faults; {@code reads} when given; and the optional {@code did}, {@code level}, {@code stage},
 * {@code recorded}, {@code frcd} when given. Used by {@code vtdlab vectors} and the conformance
 * test.
 */
package dev.vtdlab.hw.translate.vectors;
