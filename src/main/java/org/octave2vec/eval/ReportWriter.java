package org.octave2vec.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.Json;
import org.octave2vec.common.LinePlot;
import org.octave2vec.common.Redact;
import org.octave2vec.common.TableRoot;

/**
 * Writes a report directory on any Hadoop file system: {@code metrics.json} (every {@link
 * TaskResult} with the run's settings: an {@link EvaluationReport}), {@code report.md} (the tasks,
 * then task × feature set, mean ± std, with chance and majority: headline metric, accuracy or r,
 * macro-F1), {@code metrics.png} (each task's headline metric, bars with error bars), {@code
 * confusion_<task>_<set>.png}, {@code pca_<name>.png} and, given a {@code loss_history.csv}, {@code
 * loss.png}.
 */
public final class ReportWriter {
  public static final String METRICS = "metrics.json";
  public static final String REPORT = "report.md";
  public static final String BARS = "metrics.png";
  public static final String LOSS = "loss.png";

  /**
   * Metadata key of the probes on test-split windows only: {@code windows}, then {@code tasks} and
   * {@code results}, or {@code skipped} with why.
   */
  public static final String TEST_SPLIT = "test_split";

  private ReportWriter() {}

  /** A 2-D projection (e.g. {@link Pca#projection()}) and a label per point, for a scatter plot. */
  public record Scatter(String name, double[][] xy, String[] labels) {}

  /** Writes everything; returns the paths written. {@code lossHistory} may be null. */
  public static List<String> write(
      Configuration conf,
      String dir,
      EvaluationReport report,
      List<Scatter> scatters,
      String lossHistory)
      throws IOException {
    List<String> written = new ArrayList<>();
    List<TaskResult> results = report.results();
    Json.write(conf, TableRoot.join(dir, METRICS), report);
    written.add(TableRoot.join(dir, METRICS));
    int reportAt = written.size();
    if (!results.isEmpty()) {
      Charts.bars(conf, TableRoot.join(dir, BARS), results);
      written.add(TableRoot.join(dir, BARS));
    }
    for (TaskResult r : results) {
      if (r.confusion() != null && !r.featureSet().equals("majority")) {
        String p = dir + "/confusion_" + safe(r.task()) + "_" + safe(r.featureSet()) + ".png";
        Charts.confusion(conf, p, r);
        written.add(p);
      }
    }
    for (Scatter s : scatters) {
      String p = dir + "/pca_" + safe(s.name()) + ".png";
      Charts.scatter(conf, p, "PCA: " + s.name(), s.xy(), s.labels());
      written.add(p);
    }
    if (lossHistory != null) {
      LinePlot.write(
          conf,
          TableRoot.join(dir, LOSS),
          "Pre-training loss",
          "epoch",
          "loss",
          lossSeries(conf, lossHistory));
      written.add(TableRoot.join(dir, LOSS));
    }
    // written last so that it links every figure beside it
    text(conf, TableRoot.join(dir, REPORT), markdown(report) + figures(written));
    written.add(reportAt, TableRoot.join(dir, REPORT));
    return written;
  }

  /** A section linking each figure by its name in the report's directory. */
  static String figures(List<String> paths) {
    StringBuilder md = new StringBuilder();
    for (String p : paths) {
      if (p.endsWith(".png")) {
        String name = p.substring(p.lastIndexOf('/') + 1);
        md.append(md.length() == 0 ? "\n# Figures\n\n" : "")
            .append("![")
            .append(name.replace(".png", "").replace('_', ' '))
            .append("](")
            .append(name)
            .append(")\n\n");
      }
    }
    return md.toString();
  }

  /**
   * The report: run facts, the tasks (unit, examples, folds, headline, or why skipped), then tables
   * of task × feature set: the headline metric, accuracy (or Pearson r) and macro-F1, mean ± std,
   * with chance. Provenance stays in metrics.json.
   */
  static String markdown(EvaluationReport report) {
    List<TaskResult> results = report.results();
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> sets = new LinkedHashSet<>();
    for (TaskResult r : results) {
      tasks.add(r.task());
      sets.add(r.featureSet());
    }
    StringBuilder md = new StringBuilder("# octave2vec evaluation\n\n");
    report
        .settings()
        .forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append(
        "\nLinear probes (softmax or ridge) on standardized features; λ chosen per outer fold on an "
            + "inner split of the training folds; mean ± sample std over folds × seeds. `NAME+stats` is the "
            + "embedding concatenated with raw_stats (per-band mean and std); raw_stats, rich_stats and "
            + "shape_stats are hand-crafted baselines; `majority` predicts the training folds' most frequent "
            + "class. The headline metric is macro-F1 where classes are imbalanced, else accuracy; chance is "
            + "that of a uniform random guess.\n\n");
    appendTasks(md, report.tasks(), report.skipped());
    md.append("# All splits\n\n");
    for (Table what : Table.values()) {
      appendTable(md, what, results, tasks, sets);
    }
    if (report.testSplit() != null) {
      appendTestSplit(md, report.testSplit());
    }
    return md.toString();
  }

  /** The probes again on test-split windows only (slices pre-training never saw). */
  private static void appendTestSplit(StringBuilder md, EvaluationReport.TestSplit test) {
    md.append("# Test split only\n\n")
        .append(
            "The same probes on the windows whose slices are all in the pre-training `test` split "
                + "(")
        .append(test.windows())
        .append(" windows): the encoder never trained on them.\n\n");
    if (test.skipped() != null) {
      md.append("Skipped: ").append(test.skipped()).append("\n\n");
      return;
    }
    appendTasks(md, test.tasks(), null);
    List<TaskResult> results = test.results();
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> sets = new LinkedHashSet<>();
    for (TaskResult r : results) {
      tasks.add(r.task());
      sets.add(r.featureSet());
    }
    appendTable(md, Table.HEADLINE, results, tasks, sets);
  }

  /** The tasks section from meta's {@code tasks} (one row each), else its {@code skipped} list. */
  private static void appendTasks(
      StringBuilder md, Map<String, Map<String, Object>> about, Map<String, String> skipped) {
    if (about != null && !about.isEmpty()) {
      md.append(
          "## Tasks\n\n| task | unit | examples | folds | headline |\n|---|---|---|---|---|\n");
      about.forEach(
          (t, a) ->
              md.append("| ")
                  .append(t)
                  .append(" | ")
                  .append(a.get("unit"))
                  .append(" | ")
                  .append(a.get("examples"))
                  .append(" | ")
                  .append(a.get("folds"))
                  .append(" | ")
                  .append(
                      a.containsKey("skipped") ? "skipped: " + a.get("skipped") : a.get("headline"))
                  .append(" |\n"));
      md.append('\n');
    } else if (skipped != null && !skipped.isEmpty()) {
      md.append("## Skipped tasks\n\n");
      skipped.forEach((t, why) -> md.append("- ").append(t).append(": ").append(why).append('\n'));
      md.append('\n');
    }
  }

  /** The tables of task × feature set that the report holds, in this order. */
  private enum Table {
    HEADLINE("Headline metric"),
    METRIC("Accuracy / Pearson r"),
    MACRO_F1("Macro-F1");

    final String title;

    Table(String title) {
      this.title = title;
    }
  }

  /** One table of task × feature set for {@code what}. */
  private static void appendTable(
      StringBuilder md, Table what, List<TaskResult> results, Set<String> tasks, Set<String> sets) {
    md.append("## ").append(what.title).append("\n\n");
    md.append("| task | metric | n | classes | chance |");
    sets.forEach(s -> md.append(' ').append(s).append(" |"));
    md.append("\n|---|---|---|---|---|");
    sets.forEach(s -> md.append("---|"));
    md.append('\n');
    for (String t : tasks) {
      TaskResult any = results.stream().filter(r -> r.task().equals(t)).findFirst().orElseThrow();
      String metric =
          switch (what) {
            case HEADLINE -> any.headline();
            case METRIC -> any.metric();
            case MACRO_F1 -> TaskResult.MACRO_F1;
          };
      double chance =
          switch (what) {
            case HEADLINE -> any.headlineChance();
            case METRIC -> any.chance();
            case MACRO_F1 -> any.chanceMacroF1();
          };
      md.append("| ")
          .append(t)
          .append(" | ")
          .append(metric)
          .append(" | ")
          .append(any.n())
          .append(" | ")
          .append(any.classes().size())
          .append(" | ")
          .append(fmt(chance))
          .append(" |");
      for (String s : sets) {
        TaskResult r =
            results.stream()
                .filter(x -> x.task().equals(t) && x.featureSet().equals(s))
                .findFirst()
                .orElse(null);
        md.append(' ').append(cell(r, what)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String cell(TaskResult r, Table what) {
    if (r == null) {
      return "–";
    }
    return switch (what) {
      case HEADLINE -> fmt(r.headlineMean()) + " ± " + fmt(r.headlineStd());
      case METRIC -> fmt(r.mean()) + " ± " + fmt(r.std());
      case MACRO_F1 ->
          r.macroF1Mean() == null ? "–" : fmt(r.macroF1Mean()) + " ± " + fmt(r.macroF1Std());
    };
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** File-name-safe form of a task or feature-set name. */
  static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** {@code epoch,train_loss,val_loss,…} → the two loss series (NaN for empty cells). */
  static Map<String, List<Double>> lossSeries(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    Map<String, List<Double>> series = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null) {
        return series;
      }
      String[] cols = header.split(",");
      for (int c = 1; c < cols.length; c++) {
        if (cols[c].endsWith("loss")) {
          series.put(cols[c], new ArrayList<>());
        }
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        for (int c = 1; c < cols.length; c++) {
          if (series.containsKey(cols[c])) {
            series
                .get(cols[c])
                .add(c < f.length && !f[c].isBlank() ? Double.parseDouble(f[c]) : Double.NaN);
          }
        }
      }
    }
    return series;
  }

  private static void text(Configuration conf, String path, String s) throws IOException {
    Path p = new Path(path);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      out.write(Redact.text(s).getBytes(StandardCharsets.UTF_8));
    }
  }
}
