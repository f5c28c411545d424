package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.ContextSample;
import org.octave2vec.samples.ContrastiveSample;
import org.octave2vec.samples.GapSample;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.Splitter;

/**
 * What the train job reads: the slices' and samples' metadata, the normalization statistics, the
 * architecture they imply, and the train and validation minibatches assembled on the driver.
 *
 * @param zeroVal the trivial predictor's validation loss, in the unit of the reported losses
 */
record TrainData(
    TrainOptions options,
    TableRoot root,
    SlicesMeta slices,
    SamplesMeta samples,
    NormStats.StatsFile norm,
    ModelConfig config,
    Batches train,
    Batches val,
    double zeroVal) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainData.class);

  static TrainData load(SparkSession spark, TrainOptions o) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(o.tables());
    SlicesMeta slices = SlicesMeta.read(conf, root.slices());
    SamplesMeta samples = SamplesMeta.read(conf, root.samples(o.task()));
    NormStats.StatsFile norm = NormStats.StatsFile.read(conf, root.normStats());
    // schema version 1 recorded no row count: such a table is read and checked below
    if (samples.schemaVersion() >= 2 && samples.rows() == 0) {
      throw new UserException(
          "no samples in "
              + root.samples(o.task())
              + " (its splits are smaller than one minibatch per worker: draw them with a smaller "
              + "--batch-size or --workers)");
    }
    ModelConfig mc = contextOf(o.config(slices.bands(), slices.width()), samples);
    NormStats stats = norm.stats();
    // contrastive views are augmented in dB before normalization: that store keeps raw levels
    BatchAssembler a =
        new BatchAssembler(
            readSlices(spark, root, o.isContrastive() ? null : stats, slices),
            slices.bands(),
            slices.width());
    String dir = root.samples(o.task());
    int batch = samples.batchSize();
    Batches train = split(spark, o, dir, "train", batch, a, stats, slices, mc);
    Batches val = split(spark, o, dir, "val", batch, a, stats, slices, mc);
    if (train.size() == 0) {
      throw new UserException("no training samples in " + dir + " (is the train split empty?)");
    }
    if (val.size() == 0) {
      LOG.warn("train: no validation samples in {}: training without validation", dir);
    }
    // the loss of predicting 0 on the validation minibatches: for --target residual, the per-band
    // copy of the context (the trivial predictor of docs/results.md), in the same unit as val loss;
    // contrastive: chance, log(2B − 1), the loss of an encoder that maps every view alike
    double zeroVal =
        o.isContrastive()
            ? Math.log(2.0 * batch - 1)
            : perSample(o) ? Double.NaN : zeroPredictorLoss(val.all());
    return new TrainData(o, root, slices, samples, norm, mc, train, val, zeroVal);
  }

  /**
   * One split's minibatches: the training ones whole and all of them, validation up to {@code
   * --max-val-batches}; contrastive views are drawn anew each epoch for training, once for
   * validation.
   */
  private static Batches split(
      SparkSession spark,
      TrainOptions o,
      String dir,
      String split,
      int batch,
      BatchAssembler a,
      NormStats stats,
      SlicesMeta slices,
      ModelConfig mc) {
    boolean train = split.equals(Splitter.TRAIN);
    int max = train ? 0 : o.maxValBatches();
    if (o.isContrastive()) {
      return Batches.contrastive(
          contrastiveBatches(spark, dir, split, batch, max),
          a,
          slices.hop(),
          stats,
          o.contrastive().augment(),
          train ? o.seed() : o.seed() + 1,
          mc.embedding(),
          !train);
    }
    return Batches.of(batches(spark, dir, split, o.task(), batch, a, max, o.residualTarget()));
  }

  /** Gap and contrastive losses are per sample; reconstruction losses are reported per cell. */
  static boolean perSample(TrainOptions o) {
    return o.taskKind() == TrainOptions.Task.GAP || o.isContrastive();
  }

  /** What divides a DL4J score to give the reported loss (bands × W cells for reconstruction). */
  double perCell() {
    return perSample(options) ? 1 : (double) slices.bands() * slices.width();
  }

  /**
   * CBoW / SkipGram take P from the samples table (its {@code context}), not from the preset, so
   * {@code samples --context 1} trains a model with 2 context inputs.
   */
  static ModelConfig contextOf(ModelConfig mc, SamplesMeta samples) {
    return samples.context() > 0 ? mc.withContext(samples.context()) : mc;
  }

  /**
   * The train and validation slices, by (sensor, run, slice), normalized with {@code stats} if
   * given.
   */
  private static BatchAssembler.SliceStore readSlices(
      SparkSession spark, TableRoot root, NormStats stats, SlicesMeta slices) {
    BatchAssembler.SliceStore store =
        new BatchAssembler.SliceStore(stats, slices.bands(), slices.width());
    Iterator<Row> it =
        spark
            .read()
            .parquet(root.slices())
            .filter(col(SlicesTable.SPLIT).isin("train", "val"))
            .select(
                SlicesTable.SENSOR,
                SlicesTable.RUN_INDEX,
                SlicesTable.SLICE_INDEX,
                SlicesTable.LEVELS)
            .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      store.put(r.getString(0), r.getInt(1), r.getInt(2), Rows.floats(r.getList(3)));
    }
    return store;
  }

  /** The split's samples in worker-major order, cut into whole minibatches of rows. */
  private static List<List<Row>> rowBatches(
      SparkSession spark, String samplesDir, String split, int batch, int maxBatches) {
    List<Row> rows =
        spark
            .read()
            .parquet(samplesDir)
            .filter(col("split").equalTo(split))
            .orderBy("worker", "position")
            .collectAsList();
    // whole minibatches are a training rule (the samples job dealt them); validation keeps a
    // last, smaller one, so a small data set is still validated
    boolean whole = split.equals(Splitter.TRAIN);
    List<List<Row>> out = new ArrayList<>();
    for (int from = 0;
        from < rows.size() && (maxBatches == 0 || out.size() < maxBatches);
        from += batch) {
      int to = Math.min(from + batch, rows.size());
      if (whole && to - from < batch) {
        break;
      }
      out.add(rows.subList(from, to));
    }
    return out;
  }

  /** The split's contrastive pairs in worker-major order, cut into whole minibatches. */
  static List<List<ContrastiveSample>> contrastiveBatches(
      SparkSession spark, String samplesDir, String split, int batch, int maxBatches) {
    List<List<ContrastiveSample>> out = new ArrayList<>();
    for (List<Row> b : rowBatches(spark, samplesDir, split, batch, maxBatches)) {
      List<ContrastiveSample> c = new ArrayList<>();
      for (Row r : b) {
        c.add(
            new ContrastiveSample(
                r.getString(r.fieldIndex("sensor")),
                r.getInt(r.fieldIndex("run_index")),
                split,
                r.getInt(r.fieldIndex("a")),
                r.getInt(r.fieldIndex("a_shift")),
                r.getInt(r.fieldIndex("b")),
                r.getInt(r.fieldIndex("b_shift")),
                r.getInt(r.fieldIndex("unit"))));
      }
      out.add(c);
    }
    return out;
  }

  /** The split's samples in worker-major order, assembled into whole minibatches. */
  static List<MultiDataSet> batches(
      SparkSession spark,
      String samplesDir,
      String split,
      String task,
      int batch,
      BatchAssembler a,
      int maxBatches,
      boolean residual) {
    List<MultiDataSet> out = new ArrayList<>();
    for (List<Row> b : rowBatches(spark, samplesDir, split, batch, maxBatches)) {
      out.add(
          task.equals(SampleOptions.GAP)
              ? a.gap(gapSamples(b, split))
              : task.equals("cbow")
                  ? a.cbow(contextSamples(b, split), residual)
                  : a.skipgram(contextSamples(b, split)));
    }
    return out;
  }

  private static List<GapSample> gapSamples(List<Row> rows, String split) {
    List<GapSample> g = new ArrayList<>();
    for (Row r : rows) {
      g.add(
          new GapSample(
              r.getString(r.fieldIndex("sensor")),
              r.getInt(r.fieldIndex("run_index")),
              split,
              r.getInt(r.fieldIndex("a")),
              r.getInt(r.fieldIndex("b")),
              r.getInt(r.fieldIndex("gap_slices")),
              r.getFloat(r.fieldIndex("target"))));
    }
    return g;
  }

  private static List<ContextSample> contextSamples(List<Row> rows, String split) {
    List<ContextSample> c = new ArrayList<>();
    for (Row r : rows) {
      List<Integer> ctx = r.getList(r.fieldIndex("context"));
      c.add(
          new ContextSample(
              r.getString(r.fieldIndex("sensor")),
              r.getInt(r.fieldIndex("run_index")),
              split,
              r.getInt(r.fieldIndex("target")),
              ctx.stream().mapToInt(Integer::intValue).toArray()));
    }
    return c;
  }

  /** Mean over minibatches of the per-cell mean square of the labels: the MSE of predicting 0. */
  static double zeroPredictorLoss(List<MultiDataSet> batches) {
    if (batches.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (MultiDataSet m : batches) {
      double n = m.getLabels(0).norm2Number().doubleValue();
      sum += n * n / m.getLabels(0).length();
    }
    return sum / batches.size();
  }
}
