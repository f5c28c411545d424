package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;

/** Every kind of bad input the ingest issue names, one literal file each, with exact counts. */
class SourceReaderTest {
  private final ParseSettings settings = ParseSettings.defaults();

  private Csv.Collect read(String text) {
    return read(text, settings);
  }

  private static Csv.Collect read(String text, ParseSettings s) {
    Csv.Collect c = new Csv.Collect();
    c.stats(new SourceReader(s).read(Csv.in(text), "f.csv", "p1", c));
    // the invariant, for every source: data lines = frames + row rejections
    SourceStats st = c.stats.get(0);
    long rowRejects = c.rejects.stream().filter(x -> !((Reason) x[4]).fileLevel()).count();
    assertEquals(
        st.dataLines(), st.framesOut() + rowRejects, "data lines = frames + rejected rows");
    assertEquals(st.framesOut(), c.frames.size());
    assertEquals(st.rowsRejected(), rowRejects);
    return c;
  }

  @Test
  void validFileKeepsEveryRowWithValues() {
    Csv.Collect c = read(Csv.file(3));
    assertEquals(3, c.frames.size());
    assertEquals(Csv.T0 + 250, c.frames.get(2)[0]);
    assertEquals(4, c.frames.get(2)[1], "line numbers count the header");
    assertEquals(40.0f, c.bands.get(0)[0]);
    assertEquals(42.8f, c.bands.get(0)[28]);
    assertTrue(c.rejects.isEmpty());
  }

  @Test
  void columnsAreReadByNameInAnyOrderWithKnownExtrasKeptAndUnknownReported() {
    List<String> h = new java.util.ArrayList<>(BandLayout.cense29().headers());
    java.util.Collections.reverse(h);
    String header = "foo,LAeq," + String.join(",", h) + ",epoch";
    StringBuilder row = new StringBuilder("x,55.5");
    for (int b = 28; b >= 0; b--) {
      row.append(',').append(30 + b);
    }
    row.append(',').append(Csv.T0);
    Csv.Collect c = read(header + "\n" + row + "\n");
    assertEquals(1, c.frames.size());
    assertEquals(30f, c.bands.get(0)[0], "Fast_20 read by name");
    assertEquals(58f, c.bands.get(0)[28], "Fast_12500 read by name");
    assertEquals(55.5f, c.extras.get(0)[0], "LAeq kept");
    assertTrue(Float.isNaN(c.extras.get(0)[1]), "LCeq absent");
    assertEquals(List.of("foo"), c.stats.get(0).unknownColumns());
    assertEquals(List.of("LAeq"), c.stats.get(0).extrasFound());
  }

  @Test
  void bomCrlfTrailingSeparatorsAndBlankLinesAreAccepted() {
    String text =
        "\uFEFF"
            + Csv.header()
            + ",\r\n"
            + Csv.row(0, 40)
            + ",\r\n\r\n"
            + Csv.row(1, 40)
            + "\r\n\n";
    Csv.Collect c = read(text);
    assertEquals(2, c.frames.size());
    assertEquals(0, c.rejects.size());
    assertEquals(2, c.stats.get(0).blankLines());
  }

  /** Classic Mac endings (CR only) were one long line: bad_header "missing column Fast_12500". */
  @Test
  void crOnlyLineEndingsAreRead() {
    String text = Csv.header() + "\r" + Csv.row(0, 40) + "\r" + Csv.row(1, 40) + "\r\r";
    Csv.Collect c = read(text);
    assertEquals(2, c.frames.size());
    assertEquals(0, c.rejects.size());
    assertEquals(1, c.stats.get(0).blankLines());
  }

  @Test
  void eachBadRowGetsItsReason() {
    String good = Csv.row(0, 40);
    String[] f = good.split(",");
    String text =
        Csv.header()
            + "\n"
            + good
            + "\n" // line 2 ok
            + String.join(",", Arrays.copyOf(f, 29))
            + "\n" // 3 field_count (one short)
            + good.replaceFirst(",40.00,", ",abc,")
            + "\n" // 4 non_numeric
            + good.replaceFirst(",40.00,", ",,")
            + "\n" // 5 empty_field
            + good.replaceFirst(",40.00,", ",NaN,")
            + "\n" // 6 non_finite
            + good.replaceFirst(",40.00,", ",-Infinity,")
            + "\n" // 7 non_finite
            + good.replaceFirst(",40.00,", ",999.0,")
            + "\n" // 8 level_out_of_range
            + good.replaceFirst("^\\d+", "17619x5520")
            + "\n" // 9 bad_epoch
            + good.replaceFirst("^\\d+", "1761955200000.5")
            + "\n" // 10 bad_epoch
            + good.replaceFirst("^\\d+", "42")
            + "\n" // 11 epoch_out_of_range
            + good
            + ",1,2\n"; // 12 field_count (too many)
    Csv.Collect c = read(text);
    assertEquals(1, c.frames.size());
    assertEquals(
        Map.of(
            Reason.FIELD_COUNT,
            2L,
            Reason.NON_NUMERIC,
            1L,
            Reason.EMPTY_FIELD,
            1L,
            Reason.NON_FINITE,
            2L,
            Reason.LEVEL_OUT_OF_RANGE,
            1L,
            Reason.BAD_EPOCH,
            2L,
            Reason.EPOCH_OUT_OF_RANGE,
            1L),
        c.counts());
    Object[] nn = c.only(Reason.NON_NUMERIC);
    assertEquals(4L, nn[2], "line number");
    assertTrue(((String) nn[5]).contains("Fast_20"), "message names the column: " + nn[5]);
    assertEquals(good.replaceFirst(",40.00,", ",abc,"), nn[3], "raw text kept");
  }

  @Test
  void numbersAsCsvWritersWriteThemAreKeptHexFloatsAndUnderflowAreNot() {
    String good = Csv.row(0, 40);
    String text =
        Csv.header()
            + "\n"
            + good.replaceFirst(",40.00,", ",4.0e1,")
            + "\n" // 2 kept: a decimal exponent
            + good.replaceFirst(",40.00,", ",+40,")
            + "\n" // 3 kept
            + good.replaceFirst(",40.00,", ",0x1p5,")
            + "\n" // 4 non_numeric: a Java hex float, not a CSV number
            + good.replaceFirst(",40.00,", ",1e-400,")
            + "\n" // 5 level_out_of_range: float32 would read it as 0
            + good.replaceFirst(",40.00,", ",0e0,")
            + "\n"; // 6 kept: a true zero
    Csv.Collect c = read(text);
    assertEquals(3, c.frames.size());
    assertEquals(40f, c.bands.get(0)[0], 1e-6f);
    assertEquals(Map.of(Reason.NON_NUMERIC, 1L, Reason.LEVEL_OUT_OF_RANGE, 1L), c.counts());
    assertEquals(4L, c.only(Reason.NON_NUMERIC)[2]);
    Object[] under = c.only(Reason.LEVEL_OUT_OF_RANGE);
    assertEquals(5L, under[2]);
    assertTrue(((String) under[5]).contains("too small for a 32-bit float"), (String) under[5]);
  }

  @Test
  void missingBandRejectsTheFileNamingTheColumns() {
    String text =
        Csv.header().replace(",Fast_31.5", "").replace(",Fast_8000", "") + "\n1,2,3\n4,5,6\n";
    Csv.Collect c = read(text);
    Object[] r = c.only(Reason.BAD_HEADER);
    assertTrue(((String) r[5]).contains("Fast_31.5, Fast_8000"), (String) r[5]);
    assertEquals(0, c.frames.size());
    assertTrue(c.stats.get(0).fileRejected());
  }

  @Test
  void emptyAndHeaderOnlyFilesAreRejectedWhole() {
    assertEquals(1, read("").count(Reason.EMPTY_FILE));
    assertEquals(1, read("\n \n").count(Reason.EMPTY_FILE));
    assertEquals(1, read(Csv.header() + "\n").count(Reason.HEADER_ONLY));
  }

  @Test
  void midFileHeaderIsQuarantinedAndTheNewHeaderFollowed() {
    List<String> h = new java.util.ArrayList<>(BandLayout.cense29().headers());
    String swapped = "epoch,LAeq," + String.join(",", h);
    String text =
        Csv.header()
            + "\n"
            + Csv.row(0, 40)
            + "\n"
            + swapped
            + "\n"
            + Csv.row(1, 40).replaceFirst(",", ",61.0,")
            + "\n"
            + "epoch,Fast_20\n"
            + Csv.row(2, 40)
            + "\n";
    Csv.Collect c = read(text);
    assertEquals(2, c.frames.size(), "rows under a usable header are read with it");
    assertEquals(61.0f, c.extras.get(1)[0]);
    assertEquals(2, c.count(Reason.MIXED_HEADER));
    assertEquals(1, c.count(Reason.UNUSABLE_HEADER));
  }

  @Test
  void hugeLineIsQuarantinedWithBoundedMemory() {
    String huge = "1".repeat(300_000);
    Csv.Collect c =
        read(
            Csv.header() + "\n" + huge + "\n" + Csv.row(1, 40) + "\n",
            settings.withBounds(1024, 1L << 30));
    assertEquals(1, c.frames.size());
    Object[] r = c.only(Reason.LINE_TOO_LONG);
    assertTrue(((String) r[3]).length() <= ParseSettings.RAW_MAX_CHARS + 1, "raw is clipped");
  }

  @Test
  void calibrationOffsetIsAddedAndRangeCheckedAfter() {
    ParseSettings s =
        settings.withCalibration(Map.of("p1", 3.5)).withRanges(-10, 45, 0, Long.MAX_VALUE);
    Csv.Collect c = read(Csv.header() + "\n" + Csv.row(0, 10) + "\n" + Csv.row(1, 40) + "\n", s);
    assertEquals(1, c.frames.size());
    assertEquals(13.5f, c.bands.get(0)[0]);
    assertEquals(1, c.count(Reason.LEVEL_OUT_OF_RANGE), "40 + 3.5 + band offset exceeds 45");
  }

  @Test
  void outOfOrderRowsAreCountedAndClockJumpsSeparated() {
    SourceStats s = read(Csv.rows(2, 1, 100, 3)).stats.get(0);
    assertEquals(2, s.outOfOrder());
    assertEquals(1, s.clockJumps(), "a 12 s step back is a clock jump");
  }

  @Test
  void otherLayoutsAreReadByTheirColumns() {
    BandLayout tob = BandLayout.parse("tob20");
    String text =
        "epoch,"
            + String.join(",", tob.headers())
            + "\n"
            + Csv.T0
            + ",1,2,3,4,5,6,7,8,9,10,11,"
            + "12,13,14,15,16,17,18,19,20\n";
    Csv.Collect c = read(text, settings.withLayout(tob));
    assertEquals(1, c.frames.size());
    assertEquals(20, c.bands.get(0).length);
    assertEquals(20f, c.bands.get(0)[19]);
    // a 29-band file read with it is fine too: the extra bands are simply unknown columns
    Csv.Collect d = read(Csv.file(1), settings.withLayout(tob));
    assertEquals(1, d.frames.size());
    assertEquals(9, d.stats.get(0).unknownColumns().size());
  }

  @Test
  void fastNumberPathAgreesWithTheJdk() {
    String[] values = {
      "0",
      "-0.5",
      "12.34",
      "99.99",
      "100",
      "+7.25",
      "1234567",
      "1.234567",
      "3.1e1",
      "0.000001",
      "  45.6 ",
      "\"33.3\""
    };
    for (String v : values) {
      String text =
          Csv.header() + "\n" + Csv.row(0, 40).replaceFirst(",40.00,", "," + v + ",") + "\n";
      Csv.Collect c = read(text, settings.withRanges(-1e9, 1e9, 0, Long.MAX_VALUE));
      assertEquals(1, c.frames.size(), v);
      assertEquals(Float.parseFloat(v.trim().replace("\"", "")), c.bands.get(0)[0], v);
    }
  }

  @Test
  void lineReaderKeepsPartialLineOnError() throws Exception {
    BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream("ab\ncd".getBytes()), 100);
    assertTrue(r.next());
    assertEquals("ab", r.text());
    assertTrue(r.next());
    assertEquals("cd", r.text());
    assertEquals(2, r.lineNumber());
    assertFalse(r.next());
    assertArrayEquals(new byte[0], new byte[0]);
  }
}
