package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.UserException;

class TasksTest {
  private static final long HOUR = 3_600_000L;

  /**
   * Sensor a: windows at 00:00 and 01:00; sensor b: one at 00:00; one feature set "e" of one value.
   */
  private static final List<Windows.Window> WINDOWS =
      List.of(
          new Windows.Window("a", 0, 0, 1000, new float[][] {{1}}, null),
          new Windows.Window("a", 0, HOUR, HOUR + 1000, new float[][] {{2}}, null),
          new Windows.Window("b", 0, 0, 1000, new float[][] {{3}}, null));

  @Test
  void everyTaskTheInputsAllowUnlessTasksAreNamed() {
    List<Tasks.Task> all =
        Tasks.of(WINDOWS, List.of(), Labels.Inputs.NONE, List.of("e"), 600_000L, 5, List.of());
    assertEquals(List.of("sensor", "hour"), all.stream().map(Tasks.Task::name).toList());
    assertArrayEquals(new String[] {"a", "a", "b"}, all.get(0).labels());
    assertArrayEquals(
        new String[] {"a@0", "a@6", "b@0"}, all.get(0).groups(), "sensor × 10-minute block");
    assertArrayEquals(new String[] {"00", "01", "00"}, all.get(1).labels());
    assertNull(all.get(0).folds());
    List<Tasks.Task> hour =
        Tasks.of(
            WINDOWS, List.of(), Labels.Inputs.NONE, List.of("e"), 600_000L, 5, List.of("hour"));
    assertEquals(List.of("hour"), hour.stream().map(Tasks.Task::name).toList());
  }

  @Test
  void windowsOfOneRunNeverLandInDifferentFolds() {
    // 6 runs of 2 hours (1-minute windows), 3 per sensor: 10-minute blocks cut each run in 12
    List<Windows.Window> windows = new java.util.ArrayList<>();
    for (int run = 0; run < 6; run++) {
      for (int m = 0; m < 120; m++) {
        long t = run * 3 * HOUR + m * 60_000L;
        windows.add(
            new Windows.Window(run % 2 == 0 ? "a" : "b", run / 2, t, t + 60_000L, null, null));
      }
    }
    int[] strata = windows.stream().mapToInt(w -> w.sensor().equals("a") ? 0 : 1).toArray();
    String[] byRun = Tasks.groups(windows, 0);
    assertEquals("a#0", byRun[0]);
    int[] fold = Folds.assign(strata, byRun, 5, 42);
    for (int i = 1; i < windows.size(); i++) {
      if (windows.get(i).run() == windows.get(i - 1).run()
          && windows.get(i).sensor().equals(windows.get(i - 1).sensor())) {
        assertEquals(fold[i - 1], fold[i], "window " + i + " left its run's fold");
      }
    }
    assertEquals(5, java.util.Arrays.stream(fold).distinct().count());
    // the old grouping: neighbouring blocks of one run sit in different folds
    int[] byBlock = Folds.assign(strata, Tasks.groups(windows, 600_000L), 5, 42);
    assertTrue(
        java.util.stream.IntStream.range(0, 120).map(i -> byBlock[i]).distinct().count() > 1);
  }

  @Test
  void runsAreTheDefaultGroups() {
    List<Tasks.Task> all =
        Tasks.of(
            WINDOWS,
            List.of(),
            Labels.Inputs.NONE,
            List.of("e"),
            EvaluateOptions.of(Map.of(), "r").groupMinutes() * 60_000L,
            5,
            List.of());
    assertArrayEquals(new String[] {"a#0", "a#0", "b#0"}, all.get(0).groups());
    assertEquals("5 folds grouped by run (sensor × run)", all.get(0).about().get("folds"));
  }

  @Test
  void aTaskWhoseInputIsMissingIsAnError() {
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                Tasks.of(
                    WINDOWS,
                    List.of(),
                    Labels.Inputs.NONE,
                    List.of("e"),
                    600_000L,
                    5,
                    List.of("clip")));
    assertTrue(e.getMessage().startsWith("task 'clip' needs a clip label file"), e.getMessage());
    e =
        assertThrows(
            UserException.class,
            () ->
                EvaluateOptions.of(Map.of("e", "t"), "r")
                    .withTasks(List.of("clip", "weather"))
                    .validate());
    assertTrue(e.getMessage().startsWith("unknown task 'weather'"), e.getMessage());
  }

  @Test
  void theClipTaskHasOneExamplePerClipAndItsGivenFolds() {
    Labels.Inputs labels =
        new Labels.Inputs(
            Map.of(),
            Map.of("a", new Labels.Clip("dog", "2"), "b", new Labels.Clip("rain", "1")),
            Labels.Inputs.NONE.targets());
    List<Windows.Window> clips =
        Clips.of(
            List.of(
                new Windows.Slice("a", 0, 0, 0, 1000, new float[][] {{1}}, null),
                new Windows.Slice("a", 0, 1, 1000, 2000, new float[][] {{3}}, null),
                new Windows.Slice("b", 0, 0, 0, 1000, new float[][] {{5}}, null)),
            labels.clips().keySet(),
            null);
    Tasks.Task clip =
        Tasks.of(WINDOWS, clips, labels, List.of("e"), 600_000L, 5, List.of("clip")).get(0);
    assertEquals("clip", clip.name());
    assertArrayEquals(new String[] {"dog", "rain"}, clip.labels());
    assertArrayEquals(new String[] {"2", "1"}, clip.folds());
    assertArrayEquals(new float[][] {{2, 3}, {5, 5}}, clip.features().get("e"), "mean then max");
    assertEquals("2 given by the clip file's fold column", clip.about().get("folds"));
  }

  @Test
  void theEventClipTaskHasOneExamplePerLabelledEventHoldingAWholeSlice() {
    Map<String, List<Labels.Event>> events =
        Map.of(
            "a",
            List.of(
                new Labels.Event("a", 0, 2000, "dog"),
                new Labels.Event("a", 1500, 1900, "bird"), // no whole slice inside: left out
                new Labels.Event("a", 1000, 3000, "siren")));
    List<Windows.Slice> slices =
        List.of(
            new Windows.Slice("a", 0, 0, 0, 1000, new float[][] {{1}}, null),
            new Windows.Slice("a", 0, 1, 1000, 2000, new float[][] {{3}}, null),
            new Windows.Slice("a", 0, 2, 2000, 3000, new float[][] {{7}}, null),
            new Windows.Slice("b", 0, 0, 0, 1000, new float[][] {{5}}, null));
    EventClips.Examples e = EventClips.of(slices, events, null);
    assertEquals(1, e.tooShort());
    assertArrayEquals(new String[] {"dog", "siren"}, e.labels());
    // mean then max of the slices inside each event: dog [0, 2 s) holds slices 0 and 1
    assertArrayEquals(new float[] {2, 3}, e.windows().get(0).sets()[0]);
    assertArrayEquals(new float[] {5, 7}, e.windows().get(1).sets()[0]);
  }

  @Test
  void theEventClipTaskLeavesOutClassesOfAHandfulOfEvents() {
    List<Labels.Event> list = new java.util.ArrayList<>();
    List<Windows.Slice> slices = new java.util.ArrayList<>();
    for (int k = 0; k < 12; k++) {
      long t = k * 700_000L; // one event per 10-minute block, in its own group
      list.add(new Labels.Event("a", t, t + 1000, k < 10 ? "dog" : "rain"));
      slices.add(new Windows.Slice("a", 0, k, t, t + 1000, new float[][] {{k}}, null));
    }
    Map<String, List<Labels.Event>> events = Map.of("a", list);
    Tasks.Task t =
        Tasks.of(
                WINDOWS,
                List.of(),
                EventClips.of(slices, events, null),
                new Labels.Inputs(events, Map.of(), Labels.Inputs.NONE.targets()),
                List.of("e"),
                0,
                5,
                List.of("event_clips"))
            .get(0);
    assertEquals("event_clips", t.name());
    assertEquals(10, t.labels().length);
    assertEquals(List.of("rain (2 events)"), t.about().get("classes_left_out"));
    // grouped by sensor × 10-minute block of the event's start
    assertEquals("a@0", t.groups()[0]);
    assertEquals("a@1", t.groups()[1]);
  }
}
