package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code train} job: samples/TASK + slices → a model directory. It reads its inputs ({@link
 * TrainData}), builds or restores a graph ({@link Audio2VecModels}), fits it with a {@link Trainer}
 * ({@code --mode local}: {@link LocalTrainer}; {@code --mode spark}: {@link SparkTrainer},
 * parameter averaging over the executors), records every epoch ({@link Checkpoints}: checkpoint,
 * history, {@code --resume} continues from the last one) and writes the model directory.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** A progress line at most this often: a reference-size epoch is minutes long. */
  static final double PROGRESS_SECONDS = 30;

  private TrainJob() {}

  /** What a training run did. Losses are per-cell MSE (reconstruction) or MSE (gap). */
  public record Report(
      String task,
      List<Double> trainLoss,
      List<Double> valLoss,
      long trainSamples,
      double trainSeconds,
      double samplesPerSecond,
      long parameters,
      int minibatchesPerWorker,
      List<List<Double>> lossPerAveragingRound) {
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "train/%s: %d epochs, %,d samples per epoch (%d minibatches per worker), %,d parameters, "
              + "%.1f samples/s; train loss %s, val loss %s%n",
          task,
          trainLoss.size(),
          trainSamples,
          minibatchesPerWorker,
          parameters,
          samplesPerSecond,
          ModelCard.figures(trainLoss),
          ModelCard.figures(valLoss));
    }
  }

  public static Report run(SparkSession spark, TrainOptions o) {
    return run(spark, o, Trainer.Listener.NONE);
  }

  /**
   * Trains as {@link #run(SparkSession, TrainOptions)}; {@code hook} is called after every step,
   * just after a due checkpoint (tests use it to stop a run as if it were killed).
   */
  static Report run(SparkSession spark, TrainOptions o, Trainer.Listener hook) {
    Instant started = Instant.now();
    o.validate();
    ModelDir dir = new ModelDir(spark.sparkContext().hadoopConfiguration(), o.model());
    try (TrainData data = TrainData.load(spark, o)) {
      boolean resume = o.resume() && dir.hasCheckpoint();
      ModelDir.State from =
          resume ? dir.readState() : new ModelDir.State(0, List.of(), List.of(), List.of());
      ComputationGraph g = resume ? dir.restoreCheckpoint() : newGraph(data);
      if (resume) {
        LOG.info(
            "train: resuming after epoch {} (+{} steps) from {}",
            from.epoch(),
            from.partialSteps(),
            o.model());
      }
      Trainer trainer = trainer(spark, o, data, g);
      Checkpoints history = new Checkpoints(dir, data, from);
      Trainer.Listener budget =
          Trainer.Listener.budget(
              o.maxMinutes(),
              () ->
                  LOG.info("train: --max-minutes {} used up: this epoch is last", o.maxMinutes()));
      int epochs = o.epochsFor(stepsPerEpoch(o, data));
      if (o.steps() > 0) {
        LOG.info(
            "train: a budget of {} steps = {} epoch(s) of {} minibatches{}",
            o.steps(),
            epochs,
            stepsPerEpoch(o, data),
            o.maxMinutes() > 0 ? ", capped at " + o.maxMinutes() + " min" : "");
      }
      g =
          trainer.fit(
              data.train(),
              from,
              epochs,
              o.stepLimit(),
              Trainer.Listener.all(
                  history,
                  hook,
                  budget,
                  Trainer.Listener.progress(
                      totalSteps(o, data, epochs),
                      data.samples().batchSize(),
                      PROGRESS_SECONDS,
                      LOG::info)));
      g = history.kept(g);
      dir.save(g, ModelDir.MODEL);
      if (history.trainLoss().isEmpty()) {
        dir.writeHistory(
            new ModelDir.State(0, List.of(), List.of(), List.of())); // --epochs 0: untrained
      }
      Report rep =
          report(
              data,
              history,
              g.numParams(),
              trainer instanceof SparkTrainer st ? perCell(st.roundLosses(), data) : List.of());
      writeModelFiles(dir, data, rep, started);
      return rep;
    } catch (IOException e) {
      throw new UserException("train: " + e.getMessage(), e);
    }
  }

  /**
   * The steps this run takes in one JVM (the budget, or whole epochs); 0 on Spark, whose steps are
   * averaging rounds (the progress line then gives no total).
   */
  static long totalSteps(TrainOptions o, TrainData data, int epochs) {
    if (o.mode() == TrainOptions.Mode.SPARK) {
      return 0;
    }
    long all = (long) epochs * stepsPerEpoch(o, data);
    return o.stepLimit() > 0 ? Math.min(all, o.stepLimit()) : all;
  }

  /** Optimizer steps in one epoch: every minibatch in one JVM, a worker's share on Spark. */
  static int stepsPerEpoch(TrainOptions o, TrainData data) {
    return o.mode() == TrainOptions.Mode.SPARK
        ? data.train().size() / data.samples().workers()
        : data.train().size();
  }

  /** Local or Spark, as {@code --mode} says; logs what is about to be trained. */
  private static Trainer trainer(
      SparkSession spark, TrainOptions o, TrainData data, ComputationGraph g) {
    LOG.info(
        "train: {} {} model ({} parameters), {} train / {} val minibatches of {}, mode {}; target {}, "
            + "trivial predictor's validation loss {}",
        o.preset(),
        o.task(),
        g.numParams(),
        data.train().size(),
        data.val().size(),
        data.samples().batchSize(),
        o.mode(),
        o.target(),
        String.format(java.util.Locale.ROOT, "%.4g", data.zeroVal()));
    return o.mode() == TrainOptions.Mode.SPARK
        ? new SparkTrainer(
            spark, g, data.samples().batchSize(), data.samples().workers(), o.averagingFrequency())
        : new LocalTrainer(g, o.seed());
  }

  private static ComputationGraph newGraph(TrainData data) {
    return newGraph(data.options(), data.config(), data.samples());
  }

  /** The task's graph; a gap head fits the samples' targets (signed or not). */
  static ComputationGraph newGraph(TrainOptions o, ModelConfig c, SamplesMeta samples) {
    if (o.contrastiveTask()) {
      return Audio2VecModels.contrastive(c, o.contrastive().temperature());
    }
    return o.task() == Task.GAP
        ? Audio2VecModels.temporalGap(c, samples.signedGap())
        : Audio2VecModels.build(o.task(), c);
  }

  /** Spark's losses per averaging round, in the unit of the reported losses. */
  private static List<List<Double>> perCell(List<List<Double>> rounds, TrainData data) {
    return rounds.stream().map(e -> e.stream().map(l -> l / data.perCell()).toList()).toList();
  }

  private static Report report(
      TrainData data, Checkpoints h, long params, List<List<Double>> rounds) {
    TrainOptions o = data.options();
    long samples = (long) data.train().size() * data.samples().batchSize();
    double seconds = h.seconds().stream().mapToDouble(Double::doubleValue).sum();
    // with --epochs 0 nothing was trained: samples/s is NaN
    double rate = h.newEpochs() == 0 ? Double.NaN : samples * h.newEpochs() / h.newSeconds();
    return new Report(
        o.task().id(),
        h.trainLoss(),
        h.valLoss(),
        samples,
        seconds,
        rate,
        params,
        data.train().size() / data.samples().workers(),
        rounds);
  }

  /** config.json, norm_stats.json, provenance.json and MODEL_CARD.md beside the model. */
  private static void writeModelFiles(ModelDir dir, TrainData data, Report rep, Instant started)
      throws IOException {
    TrainOptions o = data.options();
    Configuration conf = dir.conf();
    Json.write(
        conf,
        dir.path(ModelDir.CONFIG),
        ModelMeta.of(
            o.task().id(),
            data.config(),
            data.slices(),
            data.samples().batchSize(),
            data.samples().workers(),
            o.target().toString(),
            data.zeroVal(),
            o));
    Json.write(conf, dir.path(ModelDir.NORM), data.norm());
    Json.write(
        conf,
        dir.path(ModelDir.PROVENANCE),
        new ModelProvenance(
            Provenance.of(
                "train",
                o,
                List.of(data.root().samples(o.task().id()), data.root().slices()),
                started),
            rep,
            o.target().toString(),
            data.zeroVal(),
            data.samples().provenance(),
            data.slices().provenance(),
            Map.of("deeplearning4j", "1.0.0-M2"),
            data.val().size()));
    dir.writeText(ModelDir.CARD, ModelCard.of(data, rep));
  }

  /** provenance.json of a model directory: the train run's, with what it was trained from. */
  record ModelProvenance(
      @JsonUnwrapped Provenance run,
      Report report,
      String target,
      @JsonProperty("zero_predictor_val_loss") double zeroPredictorValLoss,
      @JsonProperty("samples_provenance") Provenance samples,
      @JsonProperty("slices_provenance") Provenance slices,
      Map<String, String> libraries,
      @JsonProperty("validation_batches") int validationBatches) {}
}
