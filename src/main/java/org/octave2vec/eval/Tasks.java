package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.octave2vec.common.UserException;

/**
 * The probe tasks of one evaluation and how each is scored.
 *
 * <ul>
 *   <li>window tasks, one example per window, groups = whole runs (sensor × run: neighbouring
 *       windows of one continuous recording are alike, so they must not sit on both sides of a
 *       fold), or with {@code --group-minutes N} sensor × N-minute block: {@code events} (event
 *       label file), {@code sensor}, {@code hour}, {@code target_<col>} (targets file; ridge,
 *       Pearson r);
 *   <li>{@code clip} (clip label file): one example per clip ({@link Clips}), groups = clips; the
 *       file's {@code fold} column, when present, gives the outer folds.
 *   <li>{@code event_clips} (event label file): one example per labelled event that holds a whole
 *       slice ({@link EventClips}), groups = sensor × N-minute block of its start (10 minutes
 *       unless {@code --group-minutes} says otherwise).
 * </ul>
 *
 * Every feature set of a task is scored on the same examples and folds, with the majority class
 * beside them. A task that cannot be tested is skipped with the reason ({@link
 * Evaluator#untestable}).
 */
final class Tasks {
  static final String CLIP = "clip";
  static final String EVENT_CLIPS = "event_clips";

  /** event_clips keeps the classes with at least this many events: two per fold of five. */
  static final int MIN_EVENTS_PER_CLASS = 10;

  private Tasks() {}

  /**
   * One task: the examples' features per feature set, class labels or continuous targets (the other
   * null), groups that never straddle folds, given outer folds (null: grouped folds per seed), and
   * a description of the unit and grouping for the report.
   */
  record Task(
      String name,
      Map<String, float[][]> features,
      String[] labels,
      double[] targets,
      String[] groups,
      String[] folds,
      Map<String, Object> about) {}

  /** Results of one task, or why it was skipped (then no results). */
  record Outcome(List<TaskResult> results, String skipped) {}

  /**
   * The tasks in {@code only} (empty: every task the inputs allow), in the order events, clip,
   * sensor, hour, targets. A task asked for that the inputs cannot give is a {@link UserException}.
   */
  static List<Task> of(
      List<Windows.Window> windows,
      List<Windows.Window> clips,
      Labels.Inputs labels,
      List<String> names,
      long groupMs,
      int folds,
      List<String> only) {
    return of(windows, clips, null, labels, names, groupMs, folds, only);
  }

  /** As above, with the {@code event_clips} task's examples (null: no such task). */
  static List<Task> of(
      List<Windows.Window> windows,
      List<Windows.Window> clips,
      EventClips.Examples eventClips,
      Labels.Inputs labels,
      List<String> names,
      long groupMs,
      int folds,
      List<String> only) {
    Map<String, double[]> targets = targets(windows, labels.targets());
    requireInputs(only, labels, targets);
    java.util.function.Predicate<String> wanted = name -> only.isEmpty() || only.contains(name);
    String[] groups = groups(windows, groupMs);
    String grouping = folds + " folds grouped by " + grouping(groupMs);
    boolean windowTasks =
        only.isEmpty()
            || only.stream().anyMatch(name -> !name.equals(CLIP) && !name.equals(EVENT_CLIPS));
    Map<String, float[][]> features = windowTasks ? Features.of(windows, names) : Map.of();
    List<Task> out = new ArrayList<>();
    if (labels.hasEvents() && wanted.test("events")) {
      out.add(windowTask("events", features, eventLabels(windows, labels), null, groups, grouping));
    }
    if (eventClips != null && wanted.test(EVENT_CLIPS)) {
      out.add(eventClipTask(eventClips, names, groupMs));
    }
    if (labels.hasClips() && wanted.test(CLIP)) {
      out.add(clipTask(clips, labels, names, folds));
    }
    if (wanted.test("sensor")) {
      out.add(
          windowTask(
              "sensor",
              features,
              windows.stream().map(Windows.Window::sensor).toArray(String[]::new),
              null,
              groups,
              grouping));
    }
    if (wanted.test("hour")) {
      out.add(
          windowTask(
              "hour",
              features,
              windows.stream().map(w -> Labels.hourOfDay(w.centre())).toArray(String[]::new),
              null,
              groups,
              grouping));
    }
    targets.forEach(
        (name, y) -> {
          if (wanted.test(name)) {
            out.add(windowTask(name, features, null, y, groups, grouping));
          }
        });
    return out;
  }

  /**
   * Each window's group: its run ({@code sensor#run}) when {@code groupMs} is 0, else its sensor ×
   * UTC block of {@code groupMs} ({@code sensor@block}).
   */
  static String[] groups(List<Windows.Window> windows, long groupMs) {
    return windows.stream()
        .map(
            w ->
                groupMs <= 0
                    ? w.sensor() + "#" + w.run()
                    : w.sensor() + "@" + Math.floorDiv(w.start(), groupMs))
        .toArray(String[]::new);
  }

  /** How {@link #groups} groups, for the report. */
  static String grouping(long groupMs) {
    return groupMs <= 0
        ? "run (sensor × run)"
        : "sensor × " + groupMs / 60_000 + "-minute UTC block";
  }

  /** Per targets column, {@code target_<col>}: each window's sensor's value (NaN: none). */
  private static Map<String, double[]> targets(List<Windows.Window> windows, Labels.Targets t) {
    Map<String, double[]> targets = new LinkedHashMap<>();
    for (int c = 0; c < t.columns().size(); c++) {
      int col = c;
      targets.put(
          "target_" + ReportWriter.safe(t.columns().get(c)),
          windows.stream()
              .mapToDouble(
                  w -> {
                    double[] v = t.bySensor().get(w.sensor());
                    return v == null ? Double.NaN : v[col];
                  })
              .toArray());
    }
    return targets;
  }

  /** Fails on the first task of {@code only} whose input file was not given. */
  private static void requireInputs(
      List<String> only, Labels.Inputs labels, Map<String, double[]> targets) {
    for (String name : only) {
      if (name.equals("events") && !labels.hasEvents()) {
        throw new UserException(
            "task 'events' needs an event label file (sensor,start_epoch,end_epoch,label)");
      }
      if (name.equals(EVENT_CLIPS) && !labels.hasEvents()) {
        throw new UserException(
            "task 'event_clips' needs an event label file (sensor,start_epoch,end_epoch,label)");
      }
      if (name.equals(CLIP) && !labels.hasClips()) {
        throw new UserException("task 'clip' needs a clip label file (sensor,label[,fold])");
      }
      if (name.startsWith("target_") && !targets.containsKey(name)) {
        throw new UserException(
            "task '" + name + "' needs a targets file with the column " + name.substring(7));
      }
    }
  }

  /** Each window's event label: the longest-overlapping event, else {@link Labels#NONE}. */
  private static String[] eventLabels(List<Windows.Window> windows, Labels.Inputs labels) {
    return windows.stream()
        .map(w -> Labels.eventLabel(labels.events().get(w.sensor()), w.start(), w.end()))
        .toArray(String[]::new);
  }

  /** One example per labelled event holding a whole slice; grouped by sensor × time block. */
  private static Task eventClipTask(EventClips.Examples all, List<String> names, long groupMs) {
    long block = groupMs > 0 ? groupMs : 600_000L;
    // a class of a handful of events (rain, wind: a few long ones) cannot be scored over folds
    Map<String, Integer> count = new java.util.TreeMap<>();
    for (String l : all.labels()) {
      count.merge(l, 1, Integer::sum);
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < all.labels().length; i++) {
      if (count.get(all.labels()[i]) >= MIN_EVENTS_PER_CLASS) {
        keep.add(i);
      }
    }
    EventClips.Examples e =
        new EventClips.Examples(
            keep.stream().map(all.windows()::get).toList(),
            keep.stream().map(i -> all.labels()[i]).toArray(String[]::new),
            all.tooShort());
    String[] groups = groups(e.windows(), block);
    Map<String, Object> about = new LinkedHashMap<>();
    about.put(
        "unit",
        "labelled event (the whole slices inside it: mean and max embedding, statistics over "
            + "their frames)");
    about.put("examples", e.windows().size());
    about.put("events_without_a_whole_slice", e.tooShort());
    about.put(
        "classes_left_out",
        count.entrySet().stream()
            .filter(c -> c.getValue() < MIN_EVENTS_PER_CLASS)
            .map(c -> c.getKey() + " (" + c.getValue() + " events)")
            .toList());
    about.put("groups", grouping(block));
    return new Task(
        EVENT_CLIPS, Features.of(e.windows(), names), e.labels(), null, groups, null, about);
  }

  /** One example per clip of the clip file that has slices; folds from its fold column if any. */
  private static Task clipTask(
      List<Windows.Window> clips, Labels.Inputs labels, List<String> names, int k) {
    String[] y =
        clips.stream().map(w -> labels.clips().get(w.sensor()).label()).toArray(String[]::new);
    String[] groups = clips.stream().map(Windows.Window::sensor).toArray(String[]::new);
    boolean given = labels.clips().values().stream().anyMatch(c -> c.fold() != null);
    String[] folds =
        given
            ? clips.stream().map(w -> labels.clips().get(w.sensor()).fold()).toArray(String[]::new)
            : null;
    Map<String, Object> about = new LinkedHashMap<>();
    about.put(
        "unit",
        "clip (all slices of one sensor of the clip file: mean and max embedding, statistics over all "
            + "its frames)");
    about.put("examples", clips.size());
    about.put("clips_in_label_file_without_slices", labels.clips().size() - clips.size());
    about.put(
        "folds",
        given
            ? Arrays.stream(folds).distinct().count() + " given by the clip file's fold column"
            : k + " folds grouped by clip");
    return new Task(CLIP, Features.of(clips, names), y, null, groups, folds, about);
  }

  /** A window task on the windows that have a label (or a finite target). */
  private static Task windowTask(
      String name,
      Map<String, float[][]> features,
      String[] labels,
      double[] y,
      String[] groups,
      String grouping) {
    int n = labels != null ? labels.length : y.length;
    int[] rows =
        IntStream.range(0, n)
            .filter(i -> labels != null ? labels[i] != null : !Double.isNaN(y[i]))
            .toArray();
    Map<String, float[][]> f = new LinkedHashMap<>();
    features.forEach(
        (k, x) ->
            f.put(
                k,
                rows.length == n
                    ? x
                    : Arrays.stream(rows).mapToObj(i -> x[i]).toArray(float[][]::new)));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("unit", "window");
    about.put("examples", rows.length);
    about.put("folds", grouping);
    return new Task(
        name,
        f,
        labels == null ? null : Arrays.stream(rows).mapToObj(i -> labels[i]).toArray(String[]::new),
        y == null ? null : Arrays.stream(rows).mapToDouble(i -> y[i]).toArray(),
        Arrays.stream(rows).mapToObj(i -> groups[i]).toArray(String[]::new),
        null,
        about);
  }

  /** Scores every feature set of {@code t} (and the majority class), or says why it cannot. */
  static Outcome evaluate(Task t, Evaluator.Config c) {
    try {
      return score(t, c);
    } catch (IllegalArgumentException e) { // e.g. an inner split without enough groups
      return new Outcome(List.of(), e.getMessage());
    }
  }

  private static Outcome score(Task t, Evaluator.Config c) {
    int n = t.groups().length;
    if (n == 0) {
      return new Outcome(
          List.of(), "no example has a " + (t.labels() != null ? "label" : "target"));
    }
    List<TaskResult> results = new ArrayList<>();
    if (t.labels() != null) {
      String why = Evaluator.untestable(t.labels(), t.groups(), t.folds(), c.folds());
      if (why != null) {
        return new Outcome(List.of(), why);
      }
      t.features()
          .forEach(
              (set, x) ->
                  results.add(
                      Evaluator.classify(
                          t.name(), set, x, t.labels(), t.groups(), t.folds(), c, split -> {})));
      results.add(Evaluator.majority(t.name(), t.labels(), t.groups(), t.folds(), c));
    } else {
      long groups = Arrays.stream(t.groups()).distinct().count();
      if (Arrays.stream(t.targets()).distinct().count() < 2) {
        return new Outcome(List.of(), "one value only");
      }
      if (groups < c.folds()) {
        return new Outcome(List.of(), "only " + groups + " groups for " + c.folds() + " folds");
      }
      t.features()
          .forEach(
              (set, x) ->
                  results.add(Evaluator.regress(t.name(), set, x, t.targets(), t.groups(), c)));
    }
    return new Outcome(results, null);
  }
}
