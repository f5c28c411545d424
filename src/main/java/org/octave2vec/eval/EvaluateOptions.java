package org.octave2vec.eval;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.octave2vec.common.UserException;

/**
 * Options of the {@code evaluate} job. CLI flags use the kebab-case of these names.
 *
 * @param embeddings feature-set name → embeddings table path (e.g. cbow, gap, random), in report
 *     order
 * @param slices the slices table, for the raw band-statistics baseline; null: no such baseline
 * @param labels label files, each {@code [kind=]path} ({@link Labels#spec}): event level ({@code
 *     sensor,start_epoch,end_epoch,label} → task {@code events}), clip level ({@code sensor,label}
 *     → task {@code clip}) or continuous targets ({@code sensor,<col>,…} → ridge tasks {@code
 *     target_<col>}); the kind comes from the header unless given; empty: label-free tasks only
 * @param report output directory of metrics.json, report.md and the PNGs
 * @param folds outer folds (default 5)
 * @param seeds fold assignments, each a different seed (default 3)
 * @param window {@code slice} (one window per slice) or N: N consecutive slices of a run, mean and
 *     max
 * @param groupMinutes 0 (default): the windows of one run form a group; N: windows of one sensor in
 *     one UTC-aligned block of N minutes do (neighbouring blocks of a run may then leak) that never
 *     straddles folds (1440 = sensor-day; the 2-hour demo needs blocks of minutes)
 * @param splits slices whose pre-training split is one of these (train, val, test, guard); empty:
 *     all
 * @param seed base seed of the fold assignments
 * @param lossHistory a model's loss_history.csv to plot in the report; null: none
 * @param tasks the tasks to run ({@link #TASKS} or {@code target_<col>}); empty: every task the
 *     inputs allow
 */
@RecordBuilder
public record EvaluateOptions(
    Map<String, String> embeddings,
    String slices,
    List<String> labels,
    String report,
    int folds,
    int seeds,
    String window,
    long groupMinutes,
    List<String> splits,
    long seed,
    String lossHistory,
    List<String> tasks)
    implements Serializable, EvaluateOptionsBuilder.With {

  public static final String PER_SLICE = "slice";

  /** Task names besides {@code target_<col>}: events and clip need their label file. */
  public static final List<String> TASKS =
      List.of("events", "event_clips", "clip", "sensor", "hour");

  public EvaluateOptions {
    embeddings = embeddings == null ? Map.of() : new LinkedHashMap<>(embeddings);
    splits = splits == null ? List.of() : List.copyOf(splits);
    labels = labels == null ? List.of() : List.copyOf(labels);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  public static EvaluateOptions of(Map<String, String> embeddings, String report) {
    return new EvaluateOptions(
        embeddings, null, List.of(), report, 5, 3, PER_SLICE, 0, List.of(), 42L, null, List.of());
  }

  /** The slices table and one label file ({@code [kind=]path}; null: none). */
  public EvaluateOptions withInputs(String slicesPath, String labelsPath) {
    return withInputs(slicesPath, labelsPath == null ? List.of() : List.of(labelsPath));
  }

  /** The slices table and any number of label files, each {@code [kind=]path}. */
  public EvaluateOptions withInputs(String slicesPath, List<String> labelFiles) {
    return withSlices(slicesPath).withLabels(labelFiles);
  }

  public EvaluateOptions withFolds(int f, int s) {
    return withFolds(f).withSeeds(s);
  }

  public EvaluateOptions withWindow(String w, long minutesPerGroup) {
    return withWindow(w).withGroupMinutes(minutesPerGroup);
  }

  /** Slices per window: 1 for {@code slice}, else the number N. */
  public int slicesPerWindow() {
    if (PER_SLICE.equals(window)) {
      return 1;
    }
    try {
      return Integer.parseInt(window);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Throws UserException naming the first bad option; returns this for chaining. */
  public EvaluateOptions validate() {
    require(!embeddings.isEmpty(), "give at least one embeddings table as name=path");
    embeddings.forEach(
        (name, path) -> {
          require(
              name != null && name.matches("[A-Za-z0-9_.-]+"),
              "feature-set name '" + name + "' must use letters, digits, _ . - only");
          require(
              !name.equals("majority")
                  && java.util.Arrays.stream(FrameStats.Kind.values())
                      .noneMatch(k -> k.key().equals(name)),
              "'" + name + "' is reserved");
          require(path != null && !path.isBlank(), "no path for feature set '" + name + "'");
        });
    require(report != null && !report.isBlank(), "report directory is required");
    require(folds >= 2, "folds must be >= 2, got " + folds);
    require(seeds >= 1, "seeds must be >= 1, got " + seeds);
    require(
        slicesPerWindow() >= 1,
        "window must be 'slice' or a positive number of slices, got " + window);
    require(groupMinutes >= 0, "groupMinutes must be >= 0 (0: whole runs), got " + groupMinutes);
    for (String t : tasks) {
      require(
          TASKS.contains(t) || t.startsWith("target_") && t.length() > "target_".length(),
          "unknown task '" + t + "': expected " + String.join(", ", TASKS) + " or target_<column>");
    }
    java.util.Set<Labels.Kind> given = new java.util.HashSet<>();
    for (String l : labels) {
      Labels.Spec s = Labels.spec(l);
      if (s.kind() != null) {
        require(given.add(s.kind()), "more than one " + s.kind().key() + " label file");
      }
    }
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new UserException(message);
    }
  }
}
