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
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} job: embeddings tables (one per feature set) + optionally the slices table and
 * event labels → linear-probe results and a report. Spark only reads and lines up the windows that
 * every feature set has (inner join on sensor, run_index, slice_index); the rows are then streamed to
 * the driver ({@code toLocalIterator}, one partition at a time) and everything else is plain Java
 * ({@link Evaluator}, {@link ReportWriter}).
 *
 * <p>Size limit: the driver holds n windows × (Σ embedding dims + 2 × bands) floats, e.g. 30 000
 * windows × 600 floats ≈ 72 MB; keep to a few hundred thousand windows (or use {@code window} N).
 * Tasks: {@code events} (with labels), {@code sensor} and {@code hour}; a task with one class or
 * fewer groups than folds is skipped and listed under {@code skipped}.
 */
public final class EvaluateJob {
  public static final String RAW_STATS = "raw_stats";
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);
  private static final String[] KEYS = {SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX};

  private EvaluateJob() {}

  public static List<TaskResult> run(SparkSession spark, EvaluateOptions o) {
    o.validate();
    Instant started = Instant.now();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> names = new ArrayList<>(o.embeddings().keySet());
    Dataset<Row> table = null;
    for (int i = 0; i < names.size(); i++) {
      Dataset<Row> e = spark.read().parquet(o.embeddings().get(names.get(i)));
      Dataset<Row> s = i == 0
          ? e.select(col(KEYS[0]), col(KEYS[1]), col(KEYS[2]), col("start_epoch_ms"), col("centre_epoch_ms"),
              col("split"), col("embedding").as("f0"))
          : e.select(col(KEYS[0]), col(KEYS[1]), col(KEYS[2]), col("embedding").as("f" + i));
      table = i == 0 ? s : table.join(s, keys());
    }
    int bands = 0;
    if (o.slices() != null) {
      bands = bands(spark, conf, o.slices());
      table = table.join(spark.read().parquet(o.slices()).select(col(KEYS[0]), col(KEYS[1]), col(KEYS[2]),
          col(SlicesTable.LEVELS)), keys());
    }
    if (!o.splits().isEmpty()) {
      table = table.where(col("split").isin(o.splits().toArray()));
    }
    List<Windows.Window> windows = Windows.of(collect(table, names.size(), bands), o.slicesPerWindow());
    if (windows.isEmpty()) {
      throw new UserException("no windows to evaluate: the embeddings tables share no complete window");
    }
    Map<String, float[][]> features = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      int s = i;
      features.put(names.get(i), windows.stream().map(w -> w.sets()[s]).toArray(float[][]::new));
    }
    if (o.slices() != null) {
      features.put(RAW_STATS, windows.stream().map(Windows.Window::raw).toArray(float[][]::new));
    }
    Map<String, String[]> tasks = new LinkedHashMap<>();
    Map<String, double[]> targets = new LinkedHashMap<>();
    for (String arg : o.labels()) {
      Labels.Spec spec;
      try {
        spec = Labels.resolve(conf, Labels.spec(arg));
        switch (spec.kind()) {
          case EVENTS -> {
            Map<String, List<Labels.Event>> ev = Labels.readEvents(conf, spec.path());
            put(tasks, "events", windows.stream()
                .map(w -> Labels.eventLabel(ev.get(w.sensor()), w.start(), w.end())).toArray(String[]::new));
          }
          case CLIP -> {
            Map<String, String> clips = Labels.readClips(conf, spec.path());
            put(tasks, "clip", windows.stream().map(w -> clips.get(w.sensor())).toArray(String[]::new));
          }
          case TARGETS -> {
            Labels.Targets t = Labels.readTargets(conf, spec.path());
            for (int c = 0; c < t.columns().size(); c++) {
              int col = c;
              put(targets, "target_" + ReportWriter.safe(t.columns().get(c)), windows.stream().mapToDouble(w -> {
                double[] v = t.bySensor().get(w.sensor());
                return v == null ? Double.NaN : v[col];
              }).toArray());
            }
          }
          default -> throw new IllegalStateException(spec.kind().toString());
        }
      } catch (IOException e) {
        throw new UserException("cannot read labels " + arg + ": " + e.getMessage(), e);
      }
    }
    tasks.put("sensor", windows.stream().map(Windows.Window::sensor).toArray(String[]::new));
    tasks.put("hour", windows.stream().map(w -> Labels.hourOfDay(w.centre())).toArray(String[]::new));
    long blockMs = o.groupMinutes() * 60_000L;
    String[] groups = windows.stream().map(w -> w.sensor() + "@" + Math.floorDiv(w.start(), blockMs))
        .toArray(String[]::new);

    Evaluator.Config c = Evaluator.Config.defaults().with(o.folds(), o.seeds());
    c = new Evaluator.Config(c.folds(), c.seeds(), o.seed(), c.iterations(), c.maxTrain(), c.lambdas());
    List<TaskResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> t : tasks.entrySet()) {
      // clip labels cover some sensors only: the task uses the windows that have a label
      int[] rows = java.util.stream.IntStream.range(0, windows.size()).filter(i -> t.getValue()[i] != null)
          .toArray();
      String[] y = java.util.Arrays.stream(rows).mapToObj(i -> t.getValue()[i]).toArray(String[]::new);
      String[] g = java.util.Arrays.stream(rows).mapToObj(i -> groups[i]).toArray(String[]::new);
      long classes = java.util.Arrays.stream(y).distinct().count();
      if (classes < 2) {
        skipped.put(t.getKey(), rows.length == 0 ? "no window has a label" : "one class only");
        continue;
      }
      try {
        for (Map.Entry<String, float[][]> f : features.entrySet()) {
          results.add(Evaluator.classify(t.getKey(), f.getKey(), rowsOf(f.getValue(), rows), y, g, c));
        }
        results.add(Evaluator.majority(t.getKey(), y, g, c));
      } catch (IllegalArgumentException e) {
        results.removeIf(r -> r.task().equals(t.getKey()));
        skipped.put(t.getKey(), e.getMessage());
      }
      LOG.info("evaluate: task {} done ({} windows, {} classes)", t.getKey(), rows.length, classes);
    }
    for (Map.Entry<String, double[]> t : targets.entrySet()) {
      int[] rows = java.util.stream.IntStream.range(0, windows.size())
          .filter(i -> !Double.isNaN(t.getValue()[i])).toArray();
      double[] y = java.util.Arrays.stream(rows).mapToDouble(i -> t.getValue()[i]).toArray();
      String[] g = java.util.Arrays.stream(rows).mapToObj(i -> groups[i]).toArray(String[]::new);
      if (java.util.Arrays.stream(y).distinct().count() < 2) {
        skipped.put(t.getKey(), rows.length == 0 ? "no window has a target" : "one value only");
        continue;
      }
      try {
        for (Map.Entry<String, float[][]> f : features.entrySet()) {
          results.add(Evaluator.regress(t.getKey(), f.getKey(), rowsOf(f.getValue(), rows), y, g, c));
        }
      } catch (IllegalArgumentException e) {
        results.removeIf(r -> r.task().equals(t.getKey()));
        skipped.put(t.getKey(), e.getMessage());
      }
      LOG.info("evaluate: regression {} done ({} windows)", t.getKey(), rows.length);
    }
    String[] colour = tasks.getOrDefault("events", tasks.get("sensor"));
    List<ReportWriter.Scatter> scatters = new ArrayList<>();
    for (String name : names) {
      if (features.get(name).length >= 2) {
        scatters.add(new ReportWriter.Scatter(name, Pca.of(features.get(name)).projection(), colour));
      }
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("windows", windows.size());
    meta.put("window", o.window());
    meta.put("group", "sensor × " + o.groupMinutes() + "-minute UTC block");
    meta.put("folds", o.folds());
    meta.put("seeds", o.seeds());
    meta.put("lambda_grid", c.lambdas());
    meta.put("max_train_rows", c.maxTrain());
    meta.put("feature_dims", features.entrySet().stream().collect(LinkedHashMap::new,
        (m, e) -> m.put(e.getKey(), e.getValue()[0].length), Map::putAll));
    meta.put("skipped", skipped);
    List<String> inputs = new ArrayList<>(o.embeddings().values());
    if (o.slices() != null) {
      inputs.add(o.slices());
    }
    inputs.addAll(o.labels());
    meta.put("provenance", Provenance.of("evaluate", o, inputs, started));
    try {
      ReportWriter.write(conf, o.report(), results, meta, scatters, o.lossHistory());
    } catch (IOException e) {
      throw new UserException("cannot write the report to " + o.report() + ": " + e.getMessage(), e);
    }
    LOG.info("evaluate: {} results over {} windows in {}", results.size(), windows.size(), o.report());
    return results;
  }

  /** Adds a task, refusing a second label file of the same kind. */
  private static <T> void put(Map<String, T> tasks, String name, T labels) {
    if (tasks.put(name, labels) != null) {
      throw new UserException("more than one label file gives the task '" + name + "'");
    }
  }

  private static float[][] rowsOf(float[][] x, int[] rows) {
    if (rows.length == x.length) {
      return x;
    }
    return java.util.Arrays.stream(rows).mapToObj(i -> x[i]).toArray(float[][]::new);
  }

  @SuppressWarnings("deprecation")
  private static scala.collection.Seq<String> keys() {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(KEYS)).toSeq();
  }

  /** Bands of the slices table: levels are bands × width, width from the table's metadata. */
  private static int bands(SparkSession spark, Configuration conf, String slices) {
    try {
      Map<String, Object> meta = Json.read(conf, slices + "/" + Provenance.FILE);
      int width = ((Number) meta.get("width")).intValue();
      Row first = spark.read().parquet(slices).select(SlicesTable.LEVELS).first();
      return first.getList(0).size() / width;
    } catch (IOException | RuntimeException e) {
      throw new UserException("cannot read the slices table " + slices + " and its width in "
          + Provenance.FILE + ": " + e.getMessage(), e);
    }
  }

  /** Streams the joined rows to the driver in (sensor, run, slice) order as plain slices. */
  private static List<Windows.Slice> collect(Dataset<Row> table, int sets, int bands) {
    Column[] order = {col(KEYS[0]), col(KEYS[1]), col(KEYS[2])};
    List<Windows.Slice> out = new ArrayList<>();
    Iterator<Row> it = table.orderBy(order).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      long start = r.getLong(r.fieldIndex("start_epoch_ms"));
      long end = start + 2 * (r.getLong(r.fieldIndex("centre_epoch_ms")) - start);
      float[][] f = new float[sets][];
      for (int i = 0; i < sets; i++) {
        f[i] = Rows.floats(r.getList(r.fieldIndex("f" + i)));
      }
      float[] moments = bands > 0 ? BandStats.moments(Rows.floats(r.getList(r.fieldIndex(SlicesTable.LEVELS))),
          bands) : null;
      out.add(new Windows.Slice(r.getString(0), r.getInt(r.fieldIndex(KEYS[1])), r.getInt(r.fieldIndex(KEYS[2])),
          start, end, f, moments));
    }
    return out;
  }
}
