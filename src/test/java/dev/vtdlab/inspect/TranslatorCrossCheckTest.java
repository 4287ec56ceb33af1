package dev.vtdlab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.translate.Access;
import dev.vtdlab.hw.translate.Translated;
import dev.vtdlab.inspect.source.MemoryDump;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the real dumps, every run {@code inspect mappings} lists (the inspector's table traversal) is
 * what the hardware model's translator ({@code hw.translate}) answers for its pages, for every
 * device, and writes are allowed exactly where the run says "w".
 */
class TranslatorCrossCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {"legacy", "scalable"})
  void everyMappedRunTranslatesToItsOutputThroughTheHardwareModel(String mode) throws Exception {
    long seed = Long.getLong("vtdlab.seed", 77L);
    Random rnd = new Random(seed);
    RealFixture fx = new RealFixture(mode);
    RegisterValues regs = RegisterValues.parse(fx.dir.resolve("guest-output.txt"));
    try (MemoryDump m = fx.open()) {
      int checked = 0;
      for (RealFixture.PciDevice d : fx.pciDevices()) {
        SourceId sid = SourceId.parse(d.bdf());
        DomainLookup.Found f = DomainLookup.find(m, regs, sid, -1);
        MappingsReport r = MappingsReport.of(m, sid, -1, f.tables());
        assertThat(r.findings()).isEmpty();
        for (MappingRun run : r.runs()) {
          long offset = (rnd.nextLong() & Long.MAX_VALUE) % run.bytes();
          for (long iova :
              new long[] {run.inputStart(), run.inputLast(), run.inputStart() + offset}) {
            TranslateReport t = TranslateReport.of(m, regs, sid, -1, iova, Access.READ, false);
            assertThat(t.result())
                .as("seed %d %s iova 0x%x: %s", seed, sid, iova, t.resultLine())
                .isInstanceOf(Translated.class);
            Translated ok = (Translated) t.result();
            assertThat(ok.hpa())
                .as("%s iova 0x%x", sid, iova)
                .isEqualTo(run.outputStart() + (iova - run.inputStart()));
            assertThat(ok.did()).isEqualTo(f.tables().did());
            boolean writable = (run.rights() & dev.vtdlab.pagetable.Rights.WRITE) != 0;
            TranslateReport w = TranslateReport.of(m, regs, sid, -1, iova, Access.WRITE, false);
            assertThat(w.result() instanceof Translated)
                .as("%s write 0x%x", sid, iova)
                .isEqualTo(writable);
            checked++;
          }
        }
      }
      assertThat(checked).isGreaterThan(300);
    }
  }
}
