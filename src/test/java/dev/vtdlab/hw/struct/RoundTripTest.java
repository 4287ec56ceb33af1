package dev.vtdlab.hw.struct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtdlab.mem.SparseMemory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encode/decode round trips: with-methods, memory write/read, byte order. */
class RoundTripTest {

  private static final long SEED = Long.getLong("vtdlab.seed", 0x5EED_57C7L);

  static {
    System.out.println("RoundTripTest seed " + SEED + " (override with -Dvtdlab.seed=N)");
  }

  @Test
  void entriesAreWrittenAsLittleEndianQwordsLowestFirst() {
    SparseMemory mem = new SparseMemory(48);
    ContextEntry e = new ContextEntry(0x0000_0001_2345_6001L, 0x0000_0000_0000_2A02L);
    e.write(mem, 0x1000);
    assertThat(mem.read8(0x1000)).isEqualTo((byte) 0x01);
    assertThat(mem.read8(0x1001)).isEqualTo((byte) 0x60);
    assertThat(mem.read8(0x1004)).isEqualTo((byte) 0x01);
    assertThat(mem.read8(0x1008)).isEqualTo((byte) 0x02);
    assertThat(mem.read8(0x1009)).isEqualTo((byte) 0x2A);
    assertThat(mem.read64(0x1008)).isEqualTo(0x2A02L);
    assertThat(mem.writeCount()).as("one 64-bit write per qword").isEqualTo(2);
  }

  @Test
  void readingAnEntryIsOneMemoryAccess() {
    SparseMemory mem = new SparseMemory(48);
    PasidEntry e = PasidEntry.of(1, 2, 3, 4, 5, 6, 7, 8);
    e.write(mem, 0x2040);
    long before = mem.readCount();
    assertThat(PasidEntry.read(mem, 0x2040)).isEqualTo(e);
    assertThat(mem.readCount() - before).as("D2: one read per entry fetched").isEqualTo(1);
    assertThat(mem.read64(0x2040 + 7 * 8)).isEqualTo(8);
  }

  @Test
  void randomEntriesSurviveWriteAndRead() {
    Random rnd = new Random(SEED);
    SparseMemory mem = new SparseMemory(48);
    for (int i = 0; i < 500; i++) {
      long hpa = (rnd.nextInt(1 << 20) & ~63L) + 0x10_0000L;
      long[] w = new long[8];
      for (int j = 0; j < 8; j++) {
        w[j] = rnd.nextLong();
      }
      String seed = "seed " + SEED + " step " + i;

      new RootEntry(w[0], w[1]).write(mem, hpa);
      assertThat(RootEntry.read(mem, hpa)).as(seed).isEqualTo(new RootEntry(w[0], w[1]));
      new ScalableRootEntry(w[0], w[1]).write(mem, hpa);
      assertThat(ScalableRootEntry.read(mem, hpa))
          .as(seed)
          .isEqualTo(new ScalableRootEntry(w[0], w[1]));
      new ContextEntry(w[0], w[1]).write(mem, hpa);
      assertThat(ContextEntry.read(mem, hpa)).as(seed).isEqualTo(new ContextEntry(w[0], w[1]));
      ScalableContextEntry sc = new ScalableContextEntry(w[0], w[1], w[2], w[3]);
      sc.write(mem, hpa);
      assertThat(ScalableContextEntry.read(mem, hpa)).as(seed).isEqualTo(sc);
      new PasidDirEntry(w[0]).write(mem, hpa);
      assertThat(PasidDirEntry.read(mem, hpa)).as(seed).isEqualTo(new PasidDirEntry(w[0]));
      PasidEntry pe = PasidEntry.of(w);
      pe.write(mem, hpa);
      assertThat(PasidEntry.read(mem, hpa)).as(seed).isEqualTo(pe);
    }
  }

  @Test
  void randomPasidEntriesComposedWithWithMethodsReadBackTheSameFields() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 500; i++) {
      String seed = "seed " + SEED + " step " + i;
      Pgtt pgtt = Pgtt.values()[rnd.nextInt(8)];
      long ss = (rnd.nextLong() & ((1L << 52) - 1)) & ~0xFFFL;
      long fs = (rnd.nextLong() & ((1L << 52) - 1)) & ~0xFFFL;
      int did = rnd.nextInt(1 << 16);
      int aw = rnd.nextInt(8);
      int fspm = rnd.nextInt(4);
      boolean b = rnd.nextBoolean();
      PasidEntry e =
          PasidEntry.ZERO
              .withPresent(true)
              .withFpd(b)
              .withPgtt(pgtt)
              .withAw(aw)
              .withSsee(!b)
              .withSsade(b)
              .withSsptptr(ss)
              .withDid(did)
              .withPwsnp(b)
              .withPgsnp(!b)
              .withSre(b)
              .withEre(!b)
              .withFspm(fspm)
              .withWpe(b)
              .withNxe(!b)
              .withSmep(b)
              .withEafe(!b)
              .withFsptptr(fs);
      assertThat(e.present()).as(seed).isTrue();
      assertThat(e.fpd()).as(seed).isEqualTo(b);
      assertThat(e.pgtt()).as(seed).isEqualTo(pgtt);
      assertThat(e.aw()).as(seed).isEqualTo(aw);
      assertThat(e.ssee()).as(seed).isEqualTo(!b);
      assertThat(e.ssade()).as(seed).isEqualTo(b);
      assertThat(e.ssptptr()).as(seed).isEqualTo(ss);
      assertThat(e.did()).as(seed).isEqualTo(did);
      assertThat(e.pwsnp()).as(seed).isEqualTo(b);
      assertThat(e.pgsnp()).as(seed).isEqualTo(!b);
      assertThat(e.sre()).as(seed).isEqualTo(b);
      assertThat(e.ere()).as(seed).isEqualTo(!b);
      assertThat(e.fspm()).as(seed).isEqualTo(fspm);
      assertThat(e.wpe()).as(seed).isEqualTo(b);
      assertThat(e.nxe()).as(seed).isEqualTo(!b);
      assertThat(e.smep()).as(seed).isEqualTo(b);
      assertThat(e.eafe()).as(seed).isEqualTo(!b);
      assertThat(e.fsptptr()).as(seed).isEqualTo(fs);
      for (int q = 3; q < 8; q++) {
        assertThat(e.word(q)).as(seed).isZero();
      }
    }
  }

  @Test
  void memoryTypeFieldsRoundTrip() {
    PasidEntry e =
        PasidEntry.ZERO
            .withCd(true)
            .withEmte(true)
            .withEmt(5)
            .withPwt(true)
            .withPcd(true)
            .withPat(0x0706_0504L);
    assertThat(e.cd()).isTrue();
    assertThat(e.emte()).isTrue();
    assertThat(e.emt()).isEqualTo(5);
    assertThat(e.pwt()).isTrue();
    assertThat(e.pcd()).isTrue();
    assertThat(e.pat()).isEqualTo(0x0706_0504L);
    assertThat(e.w1())
        .isEqualTo(0x0706_0504_0000_0000L | 1L << 25 | 1L << 26 | 5L << 27 | 1L << 30 | 1L << 31);
  }

  @Test
  void contextEntriesComposedWithWithMethodsMatchTheDigestExample() {
    ContextEntry e =
        ContextEntry.ZERO
            .withPresent(true)
            .withTranslationType(TranslationType.UNTRANSLATED)
            .withSsptptr(0x1_2345_6000L)
            .withAw(2)
            .withDid(0x2A);
    assertThat(e).isEqualTo(new ContextEntry(0x0000_0001_2345_6001L, 0x2A02L));

    ScalableContextEntry sc =
        ScalableContextEntry.ZERO
            .withPresent(true)
            .withDte(true)
            .withPasidEnable(true)
            .withPdts(4)
            .withPasiddirptr(0x1_2345_6000L);
    assertThat(sc.w0()).isEqualTo(0x0000_0001_2345_680DL);
    assertThat(sc.withRidPasid(0xFFFFF).withRidPriv(true).w1()).isEqualTo(0x1F_FFFFL);

    assertThat(PasidDirEntry.ZERO.withPresent(true).withFpd(true).withSmptblptr(0x7000).value())
        .isEqualTo(0x7003);
    assertThat(RootEntry.ZERO.withPresent(true).withCtp(0xABC000).lo()).isEqualTo(0xABC001);
  }

  @Test
  void aMisalignedPointerIsRefusedWithItsName() {
    assertThatThrownBy(() -> RootEntry.ZERO.withCtp(0x1234))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CTP 63:12")
        .hasMessageContaining("4096-byte aligned");
    assertThatThrownBy(() -> ContextEntry.ZERO.withDid(0x10000))
        .hasMessageContaining("does not fit field DID");
  }

  @Test
  void toStringShowsNamedFieldsAndRawHex() {
    ContextEntry e = new ContextEntry(0x0000_0001_2345_6001L, 0x2A02L);
    assertThat(e.toString())
        .isEqualTo(
            "ContextEntry[P=0x1 FPD=0x0 TT=0x0 SSPTPTR=0x123456 AW=0x2 AVAIL=0x0 DID=0x2a"
                + " | raw 0x0000000123456001 0x0000000000002a02]");
    assertThat(PasidEntry.ZERO.toString()).contains("PGTT=0x0").contains("FSPTPTR=0x0");
    assertThat(new PasidDirEntry(0x7003).toString())
        .isEqualTo("PasidDirEntry[P=0x1 FPD=0x1 SMPTBLPTR=0x7 | raw 0x0000000000007003]");
  }
}
