package org.octave2vec.train;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.Splitter;

/**
 * What the train job reads: the slices' and samples' metadata, the normalization statistics, the
 * architecture they imply, and the train and validation minibatches: the training ones kept on the
 * executors ({@link ExecutorBatches}), a bounded number of validation ones on the driver.
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
    ExecutorBatches train,
    Batches val,
    double zeroVal)
    implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainData.class);

  static TrainData load(SparkSession spark, TrainOptions o) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(o.tables());
    SlicesMeta slices = SlicesMeta.read(conf, root.slices());
    SamplesMeta samples = SamplesMeta.read(conf, root.samples(o.task().id()));
    NormStats.StatsFile norm = NormStats.StatsFile.read(conf, root.normStats());
    // schema version 1 recorded no row count: such a table is read and checked below
    if (samples.schemaVersion() >= 2 && samples.rows() == 0) {
      throw new UserException(
          "no samples in "
              + root.samples(o.task().id())
              + " (its splits are smaller than one minibatch per worker: draw them with a smaller "
              + "--batch-size or --workers)");
    }
    ModelConfig mc =
        contextOf(o.config(slices.geometry().bands(), slices.geometry().width()), samples);
    NormStats stats = norm.stats();
    String dir = root.samples(o.task().id());
    int batch = samples.batchSize();
    boolean onSpark = o.mode() == TrainOptions.Mode.SPARK;
    // training views are drawn anew each epoch; validation views once, so epochs compare fairly
    ExecutorBatches train =
        ExecutorBatches.read(
            spark,
            dir,
            root.slices(),
            Splitter.TRAIN,
            batch,
            true,
            // one JVM fits every worker's minibatches, one per step: N steps read N minibatches
            onSpark || o.stepLimit() == 0
                ? o.stepLimit()
                : (o.stepLimit() + samples.workers() - 1) / samples.workers(),
            0,
            onSpark ? samples.workers() : 0,
            o.averagingFrequency(),
            assembly(o, slices, stats, mc, o.seed(), false));
    Batches val = readVal(spark, o, root, slices, stats, mc, batch);
    if (train.size() == 0) {
      train.close();
      throw new UserException("no training samples in " + dir + " (is the train split empty?)");
    }
    if (val.size() == 0) {
      LOG.warn("train: no validation samples in {}: training without validation", dir);
    }
    // the loss of predicting 0 on the validation minibatches: for --target residual, the per-band
    // copy of the context (the trivial predictor of docs/results.md), in the same unit as val loss;
    // contrastive: chance, log(2B − 1), the loss of an encoder that maps every view alike
    double zeroVal =
        o.contrastiveTask()
            ? Math.log(2.0 * batch - 1)
            : perSample(o) ? Double.NaN : zeroPredictorLoss(val.all());
    return new TrainData(o, root, slices, samples, norm, mc, train, val, zeroVal);
  }

  /** A bounded number of validation minibatches on the driver, their views drawn once. */
  private static Batches readVal(
      SparkSession spark,
      TrainOptions o,
      TableRoot root,
      SlicesMeta slices,
      NormStats stats,
      ModelConfig mc,
      int batch) {
    try (ExecutorBatches v =
        ExecutorBatches.read(
            spark,
            root.samples(o.task().id()),
            root.slices(),
            "val",
            batch,
            false,
            0,
            o.maxValBatches(),
            0,
            1,
            assembly(o, slices, stats, mc, o.seed() + 1, true))) {
      return Batches.of(v.collect());
    }
  }

  /** How the job's minibatches are assembled from the samples and their slices' levels. */
  static ExecutorBatches.Assembly assembly(
      TrainOptions o,
      SlicesMeta slices,
      NormStats stats,
      ModelConfig mc,
      long seed,
      boolean fixed) {
    return new ExecutorBatches.Assembly(
        o.task(),
        slices.geometry(),
        stats,
        o.residualTarget(),
        o.contrastive().augment(),
        seed,
        mc.embedding(),
        fixed);
  }

  /** Gap and contrastive losses are per sample; reconstruction losses are reported per cell. */
  static boolean perSample(TrainOptions o) {
    return o.task() == Task.GAP || o.contrastiveTask();
  }

  /** What divides a DL4J score to give the reported loss (bands × W cells for reconstruction). */
  double perCell() {
    return perSample(options) ? 1 : (double) slices.geometry().cells();
  }

  /**
   * CBoW / SkipGram take P from the samples table (its {@code context}), not from the preset, so
   * {@code samples --context 1} trains a model with 2 context inputs.
   */
  static ModelConfig contextOf(ModelConfig mc, SamplesMeta samples) {
    return samples.context() > 0 ? mc.withContext(samples.context()) : mc;
  }

  /** Lets go of the training minibatches kept on the executors. */
  @Override
  public void close() {
    train.close();
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
