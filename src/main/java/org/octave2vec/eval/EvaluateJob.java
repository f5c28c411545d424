package org.octave2vec.eval;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.EmbeddingsTable;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.Splitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} job: embeddings tables (one per feature set) + optionally the slices table
 * and label files → linear-probe results and a report. Spark only reads and lines up the slices
 * that every feature set has (inner join on sensor, run_index, slice_index); the rows are then
 * streamed to the driver ({@code toLocalIterator}, one partition at a time) and everything else is
 * plain Java: windows and clips ({@link Windows}, {@link Clips}), feature sets ({@link Features}),
 * tasks ({@link Tasks}), probes ({@link Evaluator}) and the report ({@link ReportWriter}).
 *
 * <p>Size limit: the driver holds the slices' levels (bands × W floats each) and embeddings, then
 * per window every feature set (Σ embedding dims × 2 + 12 × bands floats), e.g. 30 000 windows × 1
 * 000 floats ≈ 120 MB; keep to a few hundred thousand windows (or use {@code window} N).
 */
public final class EvaluateJob {
  public static final String RAW_STATS = FrameStats.Kind.RAW.key();
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);
  private static final String[] KEYS = {
    SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX
  };

  private EvaluateJob() {}

  public static List<TaskResult> run(SparkSession spark, EvaluateOptions o) {
    o.validate();
    Instant started = Instant.now();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Labels.Inputs labels = Labels.read(conf, o.labels());
    List<String> names = new ArrayList<>(o.embeddings().keySet());
    SliceGeometry geometry = o.slices() == null ? null : geometry(conf, o.slices());
    Collected slices = collect(lineUp(spark, o, names), names.size(), geometry != null);
    List<Windows.Window> windows = Windows.of(slices.all(), o.slicesPerWindow(), geometry);
    if (windows.isEmpty()) {
      throw new UserException(
          "no windows to evaluate: the embeddings tables share no complete window");
    }
    Evaluator.Config c = config(o);
    Evaluated done = probe(slices.all(), windows, labels, names, geometry, o, c);
    List<TaskResult> results = done.results();
    EvaluationReport.TestSplit testSplit = testSplit(slices.test(), labels, names, geometry, o, c);
    EvaluationReport report =
        new EvaluationReport(
            windows.size(),
            o.window(),
            Tasks.grouping(o.groupMinutes() * 60_000L),
            o.folds(),
            o.seeds(),
            c.lambdas(),
            c.maxTrain(),
            EvaluationReport.HEADLINE_RULE,
            EvaluationReport.Slices.of(geometry),
            done.about(),
            done.skipped(),
            testSplit,
            Provenance.of("evaluate", o, inputs(o), started),
            results);
    try {
      ReportWriter.write(
          conf, o.report(), report, scatters(windows, names, labels), o.lossHistory());
      CardResults.update(conf, o.embeddings(), results, o.report());
    } catch (IOException e) {
      throw new UserException(
          "cannot write the report to " + o.report() + ": " + e.getMessage(), e);
    }
    LOG.info(
        "evaluate: {} results over {} windows ({} of test-split slices) in {}",
        results.size(),
        windows.size(),
        testSplit.windows(),
        o.report());
    return results;
  }

  /** Builds the tasks on these windows (and the clips of these slices) and evaluates them. */
  private static Evaluated probe(
      List<Windows.Slice> slices,
      List<Windows.Window> windows,
      Labels.Inputs labels,
      List<String> names,
      SliceGeometry geometry,
      EvaluateOptions o,
      Evaluator.Config c) {
    boolean clipTask = labels.hasClips() && (o.tasks().isEmpty() || o.tasks().contains(Tasks.CLIP));
    List<Windows.Window> clips =
        clipTask ? Clips.of(slices, labels.clips().keySet(), geometry) : List.of();
    boolean eventClipTask =
        labels.hasEvents() && (o.tasks().isEmpty() || o.tasks().contains(Tasks.EVENT_CLIPS));
    EventClips.Examples eventClips =
        eventClipTask ? EventClips.of(slices, labels.events(), geometry) : null;
    return evaluate(
        Tasks.of(
            windows,
            clips,
            eventClips,
            labels,
            names,
            o.groupMinutes() * 60_000L,
            o.folds(),
            o.tasks()),
        c);
  }

  /**
   * The same probes on the windows made only of test-split slices: slices never seen in
   * pre-training (the main results also probe windows the encoder was trained on).
   */
  private static EvaluationReport.TestSplit testSplit(
      List<Windows.Slice> test,
      Labels.Inputs labels,
      List<String> names,
      SliceGeometry geometry,
      EvaluateOptions o,
      Evaluator.Config c) {
    List<Windows.Window> windows = Windows.of(test, o.slicesPerWindow(), geometry);
    if (windows.isEmpty()) {
      return EvaluationReport.TestSplit.skipped(0, "no complete window of test-split slices");
    }
    Evaluated done = probe(test, windows, labels, names, geometry, o, c);
    return new EvaluationReport.TestSplit(windows.size(), null, done.about(), done.results());
  }

  /** The probe settings: the options' folds, seeds and seed, the rest the defaults. */
  private static Evaluator.Config config(EvaluateOptions o) {
    Evaluator.Config d = Evaluator.Config.defaults();
    return new Evaluator.Config(
        o.folds(), o.seeds(), o.seed(), d.iterations(), d.maxTrain(), d.lambdas());
  }

  /**
   * What evaluating the tasks gave: every result, the skipped tasks with why, and per task its
   * description for the report (with its headline and seconds, or why it was skipped).
   */
  private record Evaluated(
      List<TaskResult> results,
      Map<String, String> skipped,
      Map<String, Map<String, Object>> about) {}

  /** Evaluates the tasks in order, logging each. */
  private static Evaluated evaluate(List<Tasks.Task> tasks, Evaluator.Config c) {
    List<TaskResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, Map<String, Object>> about = new LinkedHashMap<>();
    for (Tasks.Task t : tasks) {
      long t0 = System.nanoTime();
      Tasks.Outcome out = Tasks.evaluate(t, c);
      results.addAll(out.results());
      Map<String, Object> a = new LinkedHashMap<>(t.about());
      if (out.skipped() != null) {
        skipped.put(t.name(), out.skipped());
        a.put("skipped", out.skipped());
      } else {
        a.put("headline", out.results().get(0).headline());
        a.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
      }
      about.put(t.name(), a);
      LOG.info(
          "evaluate: task {} {} ({} examples)",
          t.name(),
          out.skipped() == null ? "done" : "skipped: " + out.skipped(),
          t.groups().length);
    }
    return new Evaluated(results, skipped, about);
  }

  /** The input paths for the provenance: embeddings tables, slices table, label files. */
  private static List<String> inputs(EvaluateOptions o) {
    List<String> inputs = new ArrayList<>(o.embeddings().values());
    if (o.slices() != null) {
      inputs.add(o.slices());
    }
    inputs.addAll(o.labels().stream().map(l -> Labels.spec(l).path()).toList());
    return inputs;
  }

  /** 2-D PCA of each embedding over the windows, coloured by event label (else sensor). */
  private static List<ReportWriter.Scatter> scatters(
      List<Windows.Window> windows, List<String> names, Labels.Inputs labels) {
    String[] colour =
        windows.stream()
            .map(
                w ->
                    labels.hasEvents()
                        ? Labels.eventLabel(labels.events().get(w.sensor()), w.start(), w.end())
                        : w.sensor())
            .toArray(String[]::new);
    List<ReportWriter.Scatter> scatters = new ArrayList<>();
    for (int i = 0; i < names.size() && windows.size() >= 2; i++) {
      int s = i;
      scatters.add(
          new ReportWriter.Scatter(
              names.get(i),
              Pca.of(windows.stream().map(w -> w.sets()[s]).toArray(float[][]::new)).projection(),
              colour));
    }
    return scatters;
  }

  /** The embeddings tables joined on the slice keys, with the slices' levels when given. */
  private static Dataset<Row> lineUp(SparkSession spark, EvaluateOptions o, List<String> names) {
    Dataset<Row> table = null;
    for (int i = 0; i < names.size(); i++) {
      Dataset<Row> e = spark.read().parquet(o.embeddings().get(names.get(i)));
      Dataset<Row> s =
          i == 0
              ? e.select(
                  col(KEYS[0]),
                  col(KEYS[1]),
                  col(KEYS[2]),
                  col(EmbeddingsTable.START),
                  col(EmbeddingsTable.CENTRE),
                  col(EmbeddingsTable.SPLIT),
                  col(EmbeddingsTable.EMBEDDING).as("f0"))
              : e.select(
                  col(KEYS[0]),
                  col(KEYS[1]),
                  col(KEYS[2]),
                  col(EmbeddingsTable.EMBEDDING).as("f" + i));
      table = i == 0 ? s : table.join(s, keys());
    }
    if (o.slices() != null) {
      table =
          table.join(
              spark
                  .read()
                  .parquet(o.slices())
                  .select(col(KEYS[0]), col(KEYS[1]), col(KEYS[2]), col(SlicesTable.LEVELS)),
              keys());
    }
    if (!o.splits().isEmpty()) {
      table = table.where(col(EmbeddingsTable.SPLIT).isin(o.splits().toArray()));
    }
    return table;
  }

  @SuppressWarnings("deprecation")
  private static scala.collection.Seq<String> keys() {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(KEYS)).toSeq();
  }

  /** Bands, width and hop of the slices table, from its metadata. */
  private static SliceGeometry geometry(Configuration conf, String slices) {
    SliceGeometry g = SlicesMeta.read(conf, slices).geometry();
    if (g.bands() < 1 || g.width() < 1 || g.hop() < 1) {
      throw new IllegalArgumentException(
          "bands, width and hop must be >= 1: " + g.bands() + ", " + g.width() + ", " + g.hop());
    }
    return g;
  }

  /** Every slice in (sensor, run, slice) order, and those of the test split in the same order. */
  private record Collected(List<Windows.Slice> all, List<Windows.Slice> test) {}

  /** Streams the joined rows to the driver in (sensor, run, slice) order as plain slices. */
  private static Collected collect(Dataset<Row> table, int sets, boolean levels) {
    Column[] order = {col(KEYS[0]), col(KEYS[1]), col(KEYS[2])};
    List<Windows.Slice> out = new ArrayList<>();
    List<Windows.Slice> test = new ArrayList<>();
    Iterator<Row> it = table.orderBy(order).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      long start = r.getLong(r.fieldIndex(EmbeddingsTable.START));
      long end = start + 2 * (r.getLong(r.fieldIndex(EmbeddingsTable.CENTRE)) - start);
      float[][] f = new float[sets][];
      for (int i = 0; i < sets; i++) {
        f[i] = Rows.floats(r.getList(r.fieldIndex("f" + i)));
      }
      Windows.Slice s =
          new Windows.Slice(
              r.getString(r.fieldIndex(KEYS[0])),
              r.getInt(r.fieldIndex(KEYS[1])),
              r.getInt(r.fieldIndex(KEYS[2])),
              start,
              end,
              f,
              levels ? Rows.floats(r.getList(r.fieldIndex(SlicesTable.LEVELS))) : null);
      out.add(s);
      if (Splitter.TEST.equals(r.getString(r.fieldIndex(SlicesTable.SPLIT)))) {
        test.add(s);
      }
    }
    return new Collected(out, test);
  }
}
