package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.UserException;

/** {@code --bands auto}: which layout a header names, and files of another layout. */
class LayoutDetectionTest {
  /**
   * A real 20-band CENSE export kept beside the repository, not in it (docs/data.md says what it
   * is, where it comes from and where to put it: 500 frames from a public repository whose licence
   * is not stated, so it is not copied into ours). Tests that need it are skipped without it;
   * .ci/run fails if they were skipped there.
   */
  static final java.nio.file.Path SAMPLE =
      java.nio.file.Path.of("../shared/data/cense-tob20-sample/cense-tob20-sample.csv");

  static String sampleText() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(SAMPLE), "needs " + SAMPLE + " (the real tob20 sample)");
    return java.nio.file.Files.readString(SAMPLE, StandardCharsets.UTF_8);
  }

  @Test
  void headersNameCense29Tob20OrABandList() throws IOException {
    assertEquals(BandLayout.cense29(), BandLayout.ofHeader(CsvHeader.namesOf(Csv.header())));
    String realHeader = sampleText().lines().findFirst().orElseThrow();
    BandLayout tob = BandLayout.ofHeader(CsvHeader.namesOf(realHeader));
    assertEquals(BandLayout.parse("tob20"), tob);
    assertEquals("tob20: 20 bands, 125 Hz – 10 kHz", tob.toString());
    // bands in any order and case, quoted, with extras: still the preset
    List<String> shuffled = new java.util.ArrayList<>(BandLayout.cense29().headers());
    java.util.Collections.reverse(shuffled);
    String odd = "\"LAeq\",epoch," + String.join(",", shuffled).replace("Fast_20,", "FAST_20,");
    assertEquals(BandLayout.cense29(), BandLayout.ofHeader(CsvHeader.namesOf(odd)));
    BandLayout list = BandLayout.ofHeader(List.of("epoch", "Fast_100", "Fast_125", "LAeq"));
    assertEquals("custom", list.name());
    assertEquals(List.of("Fast_100", "Fast_125"), list.headers());
    assertEquals("Fast_100,Fast_125", list.spec());
    assertNull(BandLayout.ofHeader(List.of("epoch", "LAeq", "Fast_x")), "no band column");
  }

  @Test
  void probeFindsTheRealSampleLayoutPlainAndInAnArchive() throws IOException {
    byte[] text = sampleText().getBytes(StandardCharsets.UTF_8);
    LayoutProbe.Found f = LayoutProbe.ofFile(new ByteArrayInputStream(text), "/d/x.csv", 65536);
    assertEquals(BandLayout.TOB20, f.layout().name());
    byte[] zip = SourceOpenerTest.zip("notes.txt", "hello", "p1/day.csv", sampleText());
    LayoutProbe.Found z = LayoutProbe.ofFile(new ByteArrayInputStream(zip), "/d/a.zip", 65536);
    assertEquals(BandLayout.TOB20, z.layout().name());
    assertEquals("/d/a.zip!/p1/day.csv", z.source());
    // blank lines first are skipped; a first line that is data names nothing
    assertEquals(
        BandLayout.cense29(), LayoutProbe.headerLayout(Csv.in("\n \n" + Csv.file(1)), 65536));
    assertNull(LayoutProbe.headerLayout(Csv.in(Csv.row(0, 40) + "\n"), 65536));
  }

  private static Csv.Collect read(String text, ParseSettings s) {
    Csv.Collect c = new Csv.Collect();
    c.stats(new SourceReader(s).read(Csv.in(text), "f.csv", "p1", c));
    return c;
  }

  @Test
  void autoRejectsAFileOfAnotherLayoutWholeNamingBoth() throws IOException {
    ParseSettings auto =
        ParseSettings.defaults().withLayout(BandLayout.parse("tob20")).withLayoutFromHeaders(true);
    Csv.Collect c = read(Csv.file(5), auto);
    Object[] r = c.only(Reason.LAYOUT_MISMATCH);
    assertEquals(
        "header has cense29: 29 bands, 20 Hz – 12.5 kHz; table has tob20: 20 bands, 125 Hz – 10"
            + " kHz; the file's rows are skipped",
        r[5]);
    assertEquals(1L, r[2], "the header line");
    assertEquals(0, c.frames.size());
    assertTrue(c.stats.get(0).fileRejected());
    assertEquals(0, c.stats.get(0).dataLines(), "rows not read, as for bad_header");
    assertEquals(1, c.rejects.size());
    // the table's own layout reads every row
    assertEquals(500, read(sampleText(), auto).frames.size());
  }

  @Test
  void anExplicitLayoutStillReadsASubsetAndNamesAnotherPreset() throws IOException {
    ParseSettings tob = ParseSettings.defaults().withLayout(BandLayout.parse("tob20"));
    Csv.Collect subset = read(Csv.file(5), tob);
    assertEquals(5, subset.frames.size(), "--bands tob20 takes its bands from a cense29 file");
    assertTrue(subset.rejects.isEmpty());
    Csv.Collect other = read(sampleText(), ParseSettings.defaults());
    String m = (String) other.only(Reason.LAYOUT_MISMATCH)[5];
    assertTrue(m.startsWith("header has tob20: 20 bands, 125 Hz – 10 kHz; table has cense29"), m);
    // a header missing one band is no other layout: bad_header names the column
    Csv.Collect broken = read(Csv.file(2).replace(",Fast_8000", ""), ParseSettings.defaults());
    assertTrue(((String) broken.only(Reason.BAD_HEADER)[5]).contains("Fast_8000"));
  }

  @Test
  void bandsAutoIsAnOptionWithNoFixedLayout() {
    IngestOptions o = IngestOptions.of(List.of("x"), "y").withBands("auto").validate();
    assertTrue(o.autoLayout());
    assertThrows(IllegalStateException.class, o::layout);
    UserException e =
        assertThrows(
            UserException.class,
            () -> IngestOptions.of(List.of("x"), "y").withBands("tob21").validate());
    assertTrue(e.getMessage().startsWith("--bands: unknown band layout 'tob21'"), e.getMessage());
  }
}
