package org.octave2vec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.EmbeddingsMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.eval.EvaluateJob;
import org.octave2vec.eval.EvaluateOptions;
import org.octave2vec.eval.Labels;
import org.octave2vec.eval.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: linear probes on embeddings against baselines → a report with plots. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Linear-probe evaluation of embeddings against hand-crafted baselines, with folds that "
          + "never split a group; writes metrics.json, report.md and PNG plots.",
      "Feature sets: each embedding, each embedding + per-band mean/std (NAME+stats), and with --tables "
          + "the baselines raw_stats (per-band mean, std), rich_stats (+ min, max, p10, p50, p90, mean "
          + "|frame change|) and shape_stats (mean/std after removing each frame's mean level), plus the "
          + "majority class. An untrained encoder is one more --embeddings table (e.g. random=...).",
      "Tasks: events (event labels), clip (clip labels: one example per clip = mean and max embedding, "
          + "statistics over all its frames; a fold column gives the folds), sensor, hour, target_<col>. "
          + "Tasks that cannot be tested (e.g. sensor when each sensor is one group) are skipped with the "
          + "reason. Headline metric: macro-F1 when the largest class is > 1.5x the smallest, else accuracy."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--embeddings",
      required = true,
      split = ",",
      paramLabel = "NAME=PATH",
      description =
          "Feature sets: name=embeddings table, e.g. cbow=T/embeddings,random=T/embeddings_random.")
  List<String> embeddings;

  @Option(
      names = "--tables",
      paramLabel = "DIR",
      description =
          "Table root whose slices table gives the band-statistics baselines and NAME+stats "
              + "(width and hop from its metadata, so overlapping slices count each frame once).")
  String tables;

  @Option(names = "--slices", hidden = true, description = "Old spelling: the slices table itself.")
  String slices;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "[KIND=]CSV",
      description =
          "Label files (repeatable or comma-separated), kind from the header unless given as "
              + "events=, clip= or targets=: sensor,start_epoch,end_epoch,label (task events), "
              + "sensor,label[,fold] (task clip; fold: the outer folds), sensor,<col>,... (ridge regression, "
              + "Pearson r: tasks target_<col>).")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--tasks",
      split = ",",
      paramLabel = "TASK",
      description =
          "Only these tasks (comma list of events, clip, sensor, hour, target_<col>). "
              + "Default: every task the inputs allow.")
  List<String> tasks = new ArrayList<>();

  @Option(
      names = "--report",
      required = true,
      paramLabel = "DIR",
      description = "Where the report goes.")
  String report;

  @Option(
      names = "--folds",
      defaultValue = "5",
      description =
          "Outer folds, unless a clip file's fold column gives them. Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Fold assignments, each drawn with its own seed (--seed, --seed + 1, ...); the report "
              + "gives their mean and spread. Default: ${DEFAULT-VALUE}.")
  int repeats;

  @Option(names = "--seeds", hidden = true, description = "Old spelling of --repeats.")
  Integer seeds;

  @Option(
      names = "--window",
      defaultValue = "slice",
      description =
          "Window tasks: slice, or N: N consecutive slices of a run (mean and max of the "
              + "embeddings). The clip task always pools whole clips. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(
      names = "--group-minutes",
      defaultValue = "0",
      description =
          "0: the windows of one run never straddle folds. N: group by sensor × N-minute block "
              + "instead (1440 = sensor-day; neighbouring blocks of a run may leak). "
              + "Default: ${DEFAULT-VALUE}.")
  long groupMinutes;

  @Option(
      names = "--loss-history",
      paramLabel = "CSV",
      description = "A model's loss_history.csv to plot.")
  String lossHistory;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    Map<String, String> sets = new LinkedHashMap<>();
    for (String e : embeddings) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new UserException("--embeddings takes name=path, got " + e);
      }
      sets.put(e.substring(0, eq), e.substring(eq + 1));
    }
    EvaluateOptions o =
        EvaluateOptions.of(sets, report)
            .withInputs(slicesTable(), labels)
            .withFolds(folds, seeds != null ? seeds : repeats)
            .withWindow(window, groupMinutes)
            .withLossHistory(lossHistory)
            .withTasks(tasks);
    checkPaths(o);
    List<TaskResult> results = EvaluateJob.run(spark.session("evaluate", needs(o)), o);
    System.out.println(summary(report, results.size()));
    return 0;
  }

  /** Every input exists and is of its kind, and the report can be written, before Spark starts. */
  private static void checkPaths(EvaluateOptions o) {
    o.embeddings()
        .values()
        .forEach(p -> Preflight.table("--embeddings", p, EmbeddingsMeta.NAME, "embed"));
    if (o.slices() != null) {
      Preflight.table("--tables", o.slices(), SlicesTable.NAME, "slice");
    }
    o.labels().forEach(l -> Preflight.input("--labels", Labels.spec(l).path()));
    if (o.lossHistory() != null) {
      Preflight.input("--loss-history", o.lossHistory());
    }
    Preflight.outputOutsideTables("--report", o.report());
  }

  /** What the doctor checks on the driver and the executors: every input, the report. */
  static DoctorJob.Needs needs(EvaluateOptions o) {
    List<String> in = new ArrayList<>(o.embeddings().values());
    if (o.slices() != null) {
      in.add(o.slices());
    }
    o.labels().forEach(l -> in.add(Labels.spec(l).path()));
    return DoctorJob.Needs.of(in, List.of(o.report()), false);
  }

  /** The report's tables (report.md without its preamble) for the console. */
  static String summary(String report, int results) throws java.io.IOException {
    Path md = Path.of(report, "report.md");
    List<String> out = new ArrayList<>();
    if (Files.exists(md)) {
      for (String l : Files.readAllLines(md)) {
        // tables, their headings and the split sections (all splits, test split only)
        if (l.startsWith("|")
            || l.startsWith("## ")
            || l.endsWith(" split only")
            || l.equals("# All splits")) {
          out.add(l);
        }
      }
    }
    out.add("evaluate: " + results + " results → " + report + " (metrics.json, report.md, *.png)");
    return String.join("\n", out);
  }

  /** The slices table: under --tables, or as the old --slices gave it. */
  private String slicesTable() {
    return tables != null ? TableRoot.of(tables).slices() : slices;
  }
}
