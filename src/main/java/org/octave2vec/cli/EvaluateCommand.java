package org.octave2vec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.octave2vec.common.UserException;
import org.octave2vec.eval.EvaluateJob;
import org.octave2vec.eval.EvaluateOptions;
import org.octave2vec.eval.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: linear probes on embeddings against baselines → a report with plots. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Linear-probe evaluation of embeddings (event labels if given, sensor identification, "
        + "hour of day) against raw band statistics and majority-class baselines, with grouped "
        + "stratified folds; writes metrics.json, report.md and PNG plots.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--embeddings", required = true, split = ",", paramLabel = "NAME=PATH",
      description = "Feature sets: name=embeddings table, e.g. cbow=T/embeddings,random=T/embeddings_random.")
  List<String> embeddings;

  @Option(names = "--slices", paramLabel = "PATH", description = "The slices table (raw-statistics baseline).")
  String slices;

  @Option(names = "--labels", split = ",", paramLabel = "[KIND=]CSV",
      description = "Label files (repeatable or comma-separated), kind from the header unless given as "
          + "events=, clip= or targets=: sensor,start_epoch,end_epoch,label (task events), sensor,label "
          + "(task clip), sensor,<col>,... (ridge regression, Pearson r: tasks target_<col>).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--report", required = true, paramLabel = "DIR", description = "Where the report goes.")
  String report;

  @Option(names = "--folds", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--seeds", defaultValue = "3", description = "Fold assignments (seeds). Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--window", defaultValue = "slice",
      description = "slice, or N: N consecutive slices of a run (mean and max). Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--group-minutes", defaultValue = "10",
      description = "Windows of one sensor in one block of this many minutes never straddle folds "
          + "(1440 = sensor-day). Default: ${DEFAULT-VALUE}.")
  long groupMinutes;

  @Option(names = "--loss-history", paramLabel = "CSV", description = "A model's loss_history.csv to plot.")
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
    EvaluateOptions o = EvaluateOptions.of(sets, report).withInputs(slices, labels)
        .withFolds(folds, seeds).withWindow(window, groupMinutes).withLossHistory(lossHistory);
    List<TaskResult> results = EvaluateJob.run(spark.session("evaluate"), o);
    System.out.println(summary(report, results.size()));
    return 0;
  }

  /** The report's tables (report.md without its preamble) for the console. */
  static String summary(String report, int results) throws java.io.IOException {
    Path md = Path.of(report, "report.md");
    List<String> out = new ArrayList<>();
    if (Files.exists(md)) {
      for (String l : Files.readAllLines(md)) {
        if (l.startsWith("|") || l.startsWith("## ")) {
          out.add(l);
        }
      }
    }
    out.add("evaluate: " + results + " results → " + report + " (metrics.json, report.md, *.png)");
    return String.join("\n", out);
  }
}
