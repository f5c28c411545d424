package org.octave2vec.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.SliceGeometry;

/**
 * A report's {@code metrics.json}: the run's settings, each task's description, the tasks skipped
 * with why, the probes again on test-split windows only, the provenance and every result. Keys in
 * alphabetical order (as the map this record replaced wrote them); {@code slices} only when a
 * slices table was given.
 *
 * @param windows windows probed
 * @param window the {@code --window} option
 * @param group how windows are grouped into folds ({@link Tasks#grouping})
 * @param slices the slices table's geometry (null without one)
 * @param tasks per task: unit, examples, folds and the headline (with seconds) or why skipped
 * @param skipped the tasks skipped, with why
 */
@JsonPropertyOrder({
  "folds",
  "group",
  "headline_rule",
  "lambda_grid",
  "max_train_rows",
  "provenance",
  "results",
  "seeds",
  "skipped",
  "slices",
  "tasks",
  "test_split",
  "window",
  "windows"
})
public record EvaluationReport(
    int windows,
    String window,
    String group,
    int folds,
    int seeds,
    @JsonProperty("lambda_grid") List<Double> lambdaGrid,
    @JsonProperty("max_train_rows") int maxTrainRows,
    @JsonProperty("headline_rule") String headlineRule,
    @JsonInclude(JsonInclude.Include.NON_NULL) Slices slices,
    Map<String, Map<String, Object>> tasks,
    Map<String, String> skipped,
    @JsonProperty("test_split") TestSplit testSplit,
    Provenance provenance,
    List<TaskResult> results) {

  /** The rule that picks each task's headline metric. */
  static final String HEADLINE_RULE =
      "macro_f1 when the largest class has more than "
          + Metrics.IMBALANCE
          + " × the examples of the smallest, else accuracy";

  /** The slices' bands, width and hop. */
  @JsonPropertyOrder({"bands", "hop", "width"})
  public record Slices(int bands, int width, int hop) {
    static Slices of(SliceGeometry g) {
      return g == null ? null : new Slices(g.bands(), g.width(), g.hop());
    }

    /** As the report lists it. */
    @Override
    public String toString() {
      return "{bands=" + bands + ", width=" + width + ", hop=" + hop + "}";
    }
  }

  /**
   * The probes on the windows of test-split slices only: their number, then the tasks and results,
   * or why they were skipped.
   */
  @JsonPropertyOrder({"results", "skipped", "tasks", "windows"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TestSplit(
      int windows,
      String skipped,
      Map<String, Map<String, Object>> tasks,
      List<TaskResult> results) {
    static TestSplit skipped(int windows, String why) {
      return new TestSplit(windows, why, null, null);
    }
  }

  /** The settings the report lists first, in this order. */
  @JsonIgnore
  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("windows", windows);
    m.put("window", window);
    m.put("group", group);
    m.put("folds", folds);
    m.put("seeds", seeds);
    m.put("lambda_grid", lambdaGrid);
    m.put("max_train_rows", maxTrainRows);
    m.put("headline_rule", headlineRule);
    if (slices != null) {
      m.put("slices", slices);
    }
    return m;
  }
}
