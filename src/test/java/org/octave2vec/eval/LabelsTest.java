package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.UserException;

class LabelsTest {
  private static final String HEADER = "sensor,start_epoch,end_epoch,label";

  @Test
  void windowTakesTheLabelItOverlapsMostElseNone() {
    Map<String, List<Labels.Event>> ev =
        Labels.parseEvents(
            "labels.csv",
            List.of(
                HEADER,
                "p0001,2500,6000,bird",
                "p0001,1000,3000,traffic",
                "",
                "# comment",
                "p0002,0,100,rain"));
    List<Labels.Event> p1 = ev.get("p0001");
    assertEquals(1000, p1.get(0).start(), "sorted by start");
    assertEquals("traffic", Labels.eventLabel(p1, 1000, 2000), "inside traffic only");
    assertEquals("traffic", Labels.eventLabel(p1, 2000, 3000), "1000 ms traffic vs 500 ms bird");
    assertEquals("bird", Labels.eventLabel(p1, 2500, 4000), "500 ms traffic vs 1500 ms bird");
    assertEquals("bird", Labels.eventLabel(p1, 2000, 3500), "1000 vs 1000: the first name wins");
    assertEquals(
        Labels.NONE, Labels.eventLabel(p1, 0, 1000), "touching the start: end is exclusive");
    assertEquals(Labels.NONE, Labels.eventLabel(p1, 6000, 7000), "touching the end");
    assertEquals(Labels.NONE, Labels.eventLabel(ev.get("p0003"), 0, 1000), "sensor without events");
  }

  @Test
  void sameLabelOverlapsAdd() {
    List<Labels.Event> ev =
        Labels.parseEvents(
                "l.csv", List.of(HEADER, "s,0,400,wind", "s,500,900,wind", "s,300,1000,voice"))
            .get("s");
    assertEquals(
        "wind", Labels.eventLabel(ev, 0, 1000), "800 ms wind in two events vs 700 ms voice");
  }

  @Test
  void errorsNameFileAndLine() {
    assertError(
        "labels.csv:3: end_epoch 100 is not after start_epoch 200",
        () -> Labels.parseEvents("labels.csv", List.of(HEADER, "a,0,10,bird", "a,200,100,bird")));
    assertError(
        "labels.csv:2: start_epoch is not an integer: 'x'",
        () -> Labels.parseEvents("labels.csv", List.of(HEADER, "a,x,10,bird")));
    assertError(
        "labels.csv:4: expected 4 fields",
        () -> Labels.parseEvents("labels.csv", List.of(HEADER, "", "# c", "a,0,10")));
    assertError(
        "labels.csv:1: expected the header",
        () -> Labels.parseEvents("labels.csv", List.of("a,0,10,bird")));
    assertError(
        "l.csv:2: label 'none' is reserved",
        () -> Labels.parseEvents("l.csv", List.of(HEADER, "a,0,10,none")));
    assertError(
        "clips.csv:3: sensor 'a' already labelled 'park'",
        () -> Labels.parseClips("clips.csv", List.of("sensor,label", "a,park", "a,street")));
    assertError(
        "c.csv:3: expected 3 fields sensor,label,fold, got 2",
        () -> Labels.parseClips("c.csv", List.of("sensor,label,fold", "a,dog,1", "b,rain")));
    assertError(
        "c.csv:2: fold is empty",
        () -> Labels.parseClips("c.csv", List.of("sensor,label,fold", "a,dog,")));
    assertError(
        "t.csv:3: pm10 is not a finite number: 'NaN'",
        () -> Labels.parseTargets("t.csv", List.of("sensor,lden,pm10", "a,55,12", "b,60,NaN")));
  }

  @Test
  void clipsAndTargetsParse() {
    assertEquals(
        Map.of("a", new Labels.Clip("park", null), "b", new Labels.Clip("street", null)),
        Labels.parseClips("c.csv", List.of("sensor,label", "a,park", "b , street")));
    assertEquals(
        Map.of("a", new Labels.Clip("dog", "1"), "b", new Labels.Clip("rain", "4")),
        Labels.parseClips("c.csv", List.of("# esc", "sensor,label,fold", "a,dog,1", "b,rain,4")));
    Labels.Targets t =
        Labels.parseTargets("t.csv", List.of("# targets", "sensor,lden,pm10", "a,55,12.5"));
    assertEquals(List.of("lden", "pm10"), t.columns());
    assertArrayEquals(new double[] {55, 12.5}, t.bySensor().get("a"));
  }

  @Test
  void kindComesFromTheHeaderOrThePrefix() {
    assertEquals(
        Labels.Kind.EVENTS,
        Labels.detect("l.csv", List.of("# generator", "", HEADER, "a,0,10,bird")));
    assertEquals(
        Labels.Kind.EVENTS,
        Labels.detect("l.csv", List.of("sensor, start_epoch, end_epoch, label")));
    assertEquals(Labels.Kind.CLIP, Labels.detect("c.csv", List.of("sensor,label", "a,park")));
    assertEquals(
        Labels.Kind.CLIP, Labels.detect("c.csv", List.of("sensor,label,fold", "a,park,1")));
    assertEquals(
        Labels.Kind.TARGETS, Labels.detect("t.csv", List.of("sensor,lden,pm10", "a,55,12")));
    assertEquals(Labels.Kind.TARGETS, Labels.detect("t.csv", List.of("sensor,lden")));
    assertError(
        "x.csv:2: cannot tell the label file's kind",
        () -> Labels.detect("x.csv", List.of("#", "id,label")));
    assertError("e.csv:1: empty label file", () -> Labels.detect("e.csv", List.of("", "# only")));

    assertEquals(new Labels.Spec(null, "work/labels.csv"), Labels.spec("work/labels.csv"));
    assertEquals(new Labels.Spec(Labels.Kind.CLIP, "c.csv"), Labels.spec("clip=c.csv"));
    assertEquals(
        new Labels.Spec(Labels.Kind.TARGETS, "s3a://b/t.csv"),
        Labels.spec("targets=s3a://b/t.csv"));
    assertEquals(new Labels.Spec(Labels.Kind.EVENTS, "l.csv"), Labels.spec("events=l.csv"));
    assertEquals(new Labels.Spec(null, "s3a://b/day=1/l.csv"), Labels.spec("s3a://b/day=1/l.csv"));
    assertError("no path in label file argument", () -> Labels.spec("clip="));
  }

  @Test
  void hourOfDayIsTheUtcHour() {
    assertEquals("00", Labels.hourOfDay(1761955200000L)); // 2025-11-01T00:00:00Z
    assertEquals("13", Labels.hourOfDay(1761955200000L + 13 * 3_600_000L + 59 * 60_000L));
  }

  private static void assertError(String prefix, Runnable r) {
    UserException e = assertThrows(UserException.class, r::run);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }

  /** A spreadsheet's export: byte-order mark, CRLF, quoted fields with commas and quotes. */
  @Test
  void quotedFieldsByteOrderMarkAndCrlfAreRead(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f =
        java.nio.file.Files.writeString(
            dir.resolve("clips.csv"),
            "\uFEFFsensor,label,fold\r\n"
                + "\"clip, one\",\"car \"\"horn\"\"\",1\r\n"
                + "clip2, dog ,2\r\n");
    Map<String, Labels.Clip> c =
        Labels.readClips(new org.apache.hadoop.conf.Configuration(), f.toString());
    assertEquals(new Labels.Clip("car \"horn\"", "1"), c.get("clip, one"));
    assertEquals(new Labels.Clip("dog", "2"), c.get("clip2"));
    assertEquals(
        Labels.Kind.CLIP,
        Labels.resolve(new org.apache.hadoop.conf.Configuration(), Labels.spec(f.toString()))
            .kind());
    java.nio.file.Path bad =
        java.nio.file.Files.writeString(dir.resolve("bad.csv"), "sensor,label\n\"open,x\n");
    UserException e =
        assertThrows(
            UserException.class,
            () -> Labels.readClips(new org.apache.hadoop.conf.Configuration(), bad.toString()));
    assertTrue(e.getMessage().startsWith(bad + ":2: "), e.getMessage());
  }

  @Test
  void calibrationReadsQuotedSensorNames() throws Exception {
    Map<String, Double> cal =
        org.octave2vec.ingest.CalibrationAccess.parse(
            "\uFEFFsensor,offset_db\r\n\"p1\", -2.5\r\np2,1\r\n", "cal.csv");
    assertEquals(Map.of("p1", -2.5, "p2", 1.0), cal);
  }
}
