package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableMeta;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.ContextSample;
import org.octave2vec.samples.ContrastiveSample;
import org.octave2vec.slices.StableHash;
import org.octave2vec.samples.GapSample;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.NormStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code train} job: samples/TASK + slices → a model directory. One model factory
 * ({@link Audio2VecModels}) serves both paths: {@code --mode local} fits in this JVM,
 * {@code --mode spark} with DL4J's {@link ParameterAveragingTrainingMaster} over the executors, one
 * partition per worker shard (the samples job balanced the shards to whole minibatches).
 * A checkpoint is written after every epoch; {@code --resume} continues from the last one.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private TrainJob() {}

  /** What a training run did. Losses are per-cell MSE (reconstruction) or MSE (gap). */
  public record Report(String task, List<Double> trainLoss, List<Double> valLoss, long trainSamples,
      double trainSeconds, double samplesPerSecond, long parameters, int minibatchesPerWorker,
      List<List<Double>> lossPerAveragingRound) {
    public String summary() {
      return String.format(java.util.Locale.ROOT,
          "train/%s: %d epochs, %,d samples per epoch (%d minibatches per worker), %,d parameters, "
              + "%.1f samples/s; train loss %s, val loss %s%n", task, trainLoss.size(), trainSamples,
          minibatchesPerWorker, parameters, samplesPerSecond, figures(trainLoss), figures(valLoss));
    }
  }

  /** With --keep-best: the epoch of lowest validation loss so far, in the model directory. */
  static final String BEST = "model-best.zip";

  /**
   * CBoW / SkipGram take P from the samples table (its {@code context} option), not from the preset,
   * so {@code samples --context 1} trains a model with 2 context inputs.
   */
  static ModelConfig contextOf(ModelConfig mc, Map<String, Object> samplesMeta) {
    Object prov = samplesMeta.get("provenance");
    if (prov instanceof Map<?, ?> p && p.get("options") instanceof Map<?, ?> opts
        && opts.get("context") instanceof Number n && n.intValue() > 0) {
      return mc.withContext(n.intValue());
    }
    return mc;
  }

  public static Report run(SparkSession spark, TrainOptions o) {
    Instant started = Instant.now();
    o.validate();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      Map<String, Object> slicesMeta = Json.read(conf, o.tables() + "/" + SlicesTable.NAME + "/" + Provenance.FILE);
      String samplesDir = o.tables() + "/" + SamplesJob.DIR + "/" + o.task();
      Map<String, Object> samplesMeta = Json.read(conf, samplesDir + "/" + Provenance.FILE);
      int bands = TableMeta.bandColumns(slicesMeta).size();
      int width = ((Number) slicesMeta.get("width")).intValue();
      int batch = ((Number) samplesMeta.get("batch_size")).intValue();
      int workers = ((Number) samplesMeta.get("workers")).intValue();
      Map<String, Object> normMap = Json.read(conf, o.tables() + "/" + SlicesTable.NORM_STATS);
      NormStats stats = NormStats.fromMap(normMap);
      ModelConfig mc = contextOf(o.config(bands, width), samplesMeta);

      boolean contrastive = o.isContrastive();
      // contrastive views are augmented in dB before normalization: that store keeps raw levels
      BatchAssembler.SliceStore store = new BatchAssembler.SliceStore(contrastive ? null : stats, bands, width);
      Iterator<Row> it = spark.read().parquet(o.tables() + "/" + SlicesTable.NAME)
          .filter(col(SlicesTable.SPLIT).isin("train", "val"))
          .select(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX, SlicesTable.LEVELS)
          .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        store.put(r.getString(0), r.getInt(1), r.getInt(2), Rows.floats(r.getList(3)));
      }
      BatchAssembler assembler = new BatchAssembler(store, bands, width);
      boolean residual = o.residualTarget();
      Batches train;
      Batches val;
      if (contrastive) {
        int hop = ((Number) slicesMeta.getOrDefault("hop", width)).intValue();
        train = Batches.contrastive(contrastiveBatches(spark, samplesDir, "train", batch, 0), assembler,
            hop, stats, o.contrastive().augment(), o.seed(), mc.embedding(), false);
        val = Batches.contrastive(contrastiveBatches(spark, samplesDir, "val", batch, o.maxValBatches()),
            assembler, hop, stats, o.contrastive().augment(), o.seed() + 1, mc.embedding(), true);
      } else {
        train = Batches.of(batches(spark, samplesDir, "train", o.task(), batch, assembler, 0, residual));
        val = Batches.of(batches(spark, samplesDir, "val", o.task(), batch, assembler, o.maxValBatches(),
            residual));
      }
      if (train.size() == 0) {
        throw new UserException("no training samples in " + samplesDir + " (is the train split empty?)");
      }
      boolean perSample = o.task().equals("gap") || contrastive;
      double perCell = perSample ? 1 : (double) bands * width;
      // the loss of predicting 0 on the validation minibatches: for --target residual, the per-band
      // copy of the context (the trivial predictor of docs/results.md), in the same unit as val loss;
      // contrastive: chance, log(2B − 1), the loss of an encoder that maps every view alike
      double zeroVal = contrastive ? Math.log(2.0 * batch - 1)
          : perSample ? Double.NaN : zeroPredictorLoss(val.all());
      LOG.info("train: target {}; zero predictor's validation loss {} (per cell)", o.target(), zeroVal);

      ModelDir dir = new ModelDir(conf, o.model());
      ComputationGraph g;
      ModelDir.State state;
      if (o.resume() && dir.hasCheckpoint()) {
        state = dir.readState();
        g = dir.restoreCheckpoint();
        LOG.info("train: resuming after epoch {} (+{} steps) from {}", state.epoch(), state.partialSteps(),
            o.model());
      } else {
        g = contrastive ? Audio2VecModels.contrastive(mc, o.contrastive().temperature())
            : Audio2VecModels.build(o.modelTask(), mc);
        state = new ModelDir.State(0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      }
      List<Double> tl = new ArrayList<>(state.trainLoss());
      List<Double> vl = new ArrayList<>(state.valLoss());
      List<Double> secs = new ArrayList<>(state.seconds());
      long params = g.numParams();
      LOG.info("train: {} {} model ({} parameters), {} train / {} val minibatches of {}, mode {}",
          o.preset(), o.task(), params, train.size(), val.size(), batch, o.mode());
      SparkComputationGraph sg = o.mode().equals("spark") ? sparkGraph(spark, g, batch, o) : null;
      // this thread fits (local mode) and scores validation: its oneDNN team must match the cores
      LOG.info("train: {} OpenMP threads for native ops on the training thread", NativeThreads.pin());
      List<List<Double>> roundLoss = new ArrayList<>();
      int bestEpoch = 0;
      long lastCheckpoint = System.nanoTime();
      long budgetEnd = o.maxMinutes() > 0 ? System.nanoTime() + (long) (o.maxMinutes() * 6e10) : Long.MAX_VALUE;
      boolean outOfTime = false;
      for (int epoch = state.epoch() + 1; epoch <= o.epochs() && !outOfTime; epoch++) {
        long t0 = System.nanoTime();
        // a step is one minibatch here, or one averaging round of every worker on Spark
        List<List<Integer>> steps = sg != null ? rounds(train.size(), workers, o.averagingFrequency())
            : shuffled(train.size(), o.seed() + epoch);
        boolean resumed = epoch == state.epoch() + 1 && state.partialSteps() > 0;
        int first = resumed ? state.partialSteps() : 0;
        double sum = resumed ? state.partialLossSum() : 0;
        List<Double> rounds = new ArrayList<>();
        for (int k = first; k < steps.size(); k++) {
          double l;
          if (sg != null) {
            sg.fitMultiDataSet(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(train.get(steps.get(k), epoch), workers));
            l = sg.getScore();
            rounds.add(l / perCell);
          } else {
            g.fit(train.get(steps.get(k).get(0), epoch));
            l = g.score();
          }
          sum += l;
          boolean due = o.checkpointMinutes() > 0
              && (System.nanoTime() - lastCheckpoint) / 6e10 >= o.checkpointMinutes();
          if (due && k + 1 < steps.size()) {
            dir.checkpoint(sg != null ? sg.getNetwork() : g,
                new ModelDir.State(epoch - 1, tl, vl, secs, k + 1, sum));
            lastCheckpoint = System.nanoTime();
          }
          if (stopAfterSteps > 0 && --stopAfterSteps == 0) {
            throw new IllegalStateException("stopped for a test after a checkpoint");
          }
          if (System.nanoTime() >= budgetEnd && k + 1 < steps.size()) {
            LOG.info("train: --max-minutes {} used up after step {} of epoch {}: this epoch is the last",
                o.maxMinutes(), k + 1, epoch);
            steps = steps.subList(0, k + 1);
            outOfTime = true;
          }
        }
        outOfTime |= System.nanoTime() >= budgetEnd;
        if (sg != null) {
          g = sg.getNetwork();
          roundLoss.add(rounds);
        }
        double loss = sum / steps.size() / perCell;
        secs.add((System.nanoTime() - t0) / 1e9);
        tl.add(loss);
        vl.add(score(g, val.all()) / perCell);
        ModelDir.State s = new ModelDir.State(epoch, tl, vl, secs);
        dir.checkpoint(g, s);
        lastCheckpoint = System.nanoTime();
        dir.writeHistory(s, zeroVal, contrastive ? "chance, log(2B − 1)" : "predicting 0 (validation)");
        double best = vl.subList(0, vl.size() - 1).stream().mapToDouble(Double::doubleValue).min()
            .orElse(Double.POSITIVE_INFINITY);
        if (o.keepBest() && vl.get(vl.size() - 1) < best) {
          dir.save(g, BEST);
          bestEpoch = epoch;
        }
        LOG.info("train: epoch {}/{}: train {} val {} ({} s)", epoch, o.epochs(),
            String.format(java.util.Locale.ROOT, "%.4g", loss),
            String.format(java.util.Locale.ROOT, "%.4g", vl.get(vl.size() - 1)),
            String.format(java.util.Locale.ROOT, "%.1f", secs.get(secs.size() - 1)));
      }
      if (bestEpoch > 0 && bestEpoch < o.epochs()) {
        LOG.info("train: --keep-best: saving epoch {} (lowest validation loss)", bestEpoch);
        g = dir.load(BEST);
      }
      dir.save(g, ModelDir.MODEL);
      if (tl.isEmpty()) {
        dir.writeHistory(new ModelDir.State(0, tl, vl, secs)); // --epochs 0: an untrained baseline
      }
      long samples = (long) train.size() * batch;
      double seconds = secs.stream().mapToDouble(Double::doubleValue).sum();
      // with --epochs 0 nothing was trained: samples/s is NaN below
      int newEpochs = secs.size() - state.seconds().size();
      double newSeconds = secs.subList(state.seconds().size(), secs.size()).stream()
          .mapToDouble(Double::doubleValue).sum();
      Report rep = new Report(o.task(), tl, vl, samples, seconds,
          newEpochs == 0 ? Double.NaN : samples * newEpochs / newSeconds, params,
          train.size() / workers, roundLoss);
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("task", o.task());
      config.put("model", mc);
      config.put("bands", bands);
      config.put("width", width);
      config.put("band_layout", slicesMeta.get("band_layout"));
      config.put("frame_period_ms", slicesMeta.getOrDefault("frame_period_ms", 125));
      config.put("hop", slicesMeta.get("hop"));
      config.put("batch_size", batch);
      config.put("workers", workers);
      config.put("target", o.target());
      config.put("zero_predictor_val_loss", zeroVal);
      config.put("options", o);
      Json.write(conf, dir.path(ModelDir.CONFIG), config);
      Json.write(conf, dir.path(ModelDir.NORM), normMap);
      Map<String, Object> prov = Provenance.of("train", o, List.of(samplesDir, o.tables() + "/slices"), started);
      prov.put("report", rep);
      prov.put("target", o.target());
      prov.put("zero_predictor_val_loss", zeroVal);
      prov.put("samples_provenance", samplesMeta.get("provenance"));
      prov.put("slices_provenance", slicesMeta.get("provenance"));
      prov.put("libraries", Map.of("deeplearning4j", "1.0.0-M2"));
      Json.write(conf, dir.path(ModelDir.PROVENANCE), prov);
      dir.writeText(ModelDir.CARD, modelCard(o, mc, rep, bands, width, slicesMeta, samplesMeta)
          + (o.task().equals("gap") || o.isContrastive() ? "" : "- **Target**: " + o.target() + (o.residualTarget()
              ? " (target slice − per-band mean of the context slices)" : "") + "; predicting 0 scores "
              + zeroVal + " per cell on the validation minibatches.\n"));
      return rep;
    } catch (IOException e) {
      throw new UserException("train: " + e.getMessage(), e);
    }
  }

  /** A short model card: what the model is, what it learned from, how well, and what it is for. */
  static String modelCard(TrainOptions o, ModelConfig mc, Report rep, int bands, int width,
      Map<String, Object> slicesMeta, Map<String, Object> samplesMeta) {
    String task = switch (o.task()) {
      case "contrastive" -> "Contrastive (SimCLR / COLA): NT-Xent with τ = " + o.contrastive().temperature()
          + " finds the other crop of the same recording among the minibatch's views";
      case "cbow" -> "Audio2Vec CBoW: reconstruct a slice from its 2P neighbours";
      case "skipgram" -> "Audio2Vec SkipGram: reconstruct the 2P neighbours of a slice";
      default -> "TemporalGap: predict the normalized time between two slices of one recording";
    };
    return "# Model card: octave2vec " + o.task() + " (" + o.preset() + ")\n\n"
        + "- **Task**: " + task + " (Tagliasacchi et al., IEEE SPL 2020), self-supervised, no labels.\n"
        + "- **Input**: slices of " + width + " frames × " + bands + " bands ("
        + slicesMeta.get("band_layout") + "), normalized per band with `norm_stats.json` (train split).\n"
        + "- **Architecture**: encoder of " + mc.blocks() + " conv 3×3 blocks, channels "
        + java.util.Arrays.toString(mc.channels()) + ", embedding " + mc.embedding() + "; "
        + rep.parameters() + " parameters in the training graph.\n"
        + "- **Data**: " + o.tables() + " (samples " + samplesMeta.get("report") + ").\n"
        + "- **Training**: " + rep.trainLoss().size() + " epochs, mode " + o.mode() + ", Adam lr "
        + o.learningRate() + ", seed " + o.seed() + ", " + String.format(java.util.Locale.ROOT, "%.1f", rep.samplesPerSecond())
        + " samples/s.\n"
        + "- **Encoder**: global " + mc.pooling() + " pooling, batch norm " + (mc.batchNorm() ? "on" : "off")
        + "; `embed` writes the " + (mc.output().equals("pooled") ? "pooled output (" + mc.pooledSize()
            + " values; the embedding layer was the training-only projection)" : "embedding layer ("
            + mc.embedding() + " values)") + ".\n"
        + (o.isContrastive() ? "- **Views**: two W-frame crops of one run (samples "
            + "`--radius-frames`), augmented in dB: " + describe(o.contrastive().augment()) + ".\n" : "")
        + "- **Losses** (" + (o.isContrastive() ? "NT-Xent per view, chance log(2B − 1)"
            : "per-cell MSE for reconstruction, MSE for gap") + "): train " + figures(rep.trainLoss())
        + ", validation " + figures(rep.valLoss()) + ".\n"
        + "- **Intended use**: the encoder's embeddings (`embed` job) as features for downstream tasks on "
        + "the same kind of spectra (traffic, voices, birds, sensor, hour). Not a classifier by itself.\n"
        + "- **Limits**: learned only from the sensors and period above; input with another band layout, "
        + "width or frame period is refused by `embed`. Spectra carry no speech content, but embeddings with "
        + "sensor ids and exact times can locate people's activity: use `embed --drop-sensor --coarsen-ms` "
        + "for export.\n";
  }

  /** Losses with the 4 significant digits they deserve. */
  static String figures(List<Double> values) {
    return values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.4g", v))
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  static String describe(Augmentations a) {
    return String.format(java.util.Locale.ROOT, "power-domain mix with another item (p %.2f, weight ≤ %.2f), "
        + "gain ±%.1f dB, tilt ±%.1f dB across bands, then after normalization %s", a.mixProbability(),
        a.mixMax(), a.gainDb(), a.tiltDb(), a.maskBands() > 0 ? "1–" + a.maskBands() + " bands zeroed"
            : "no band masking");
  }

  private static SparkComputationGraph sparkGraph(SparkSession spark, ComputationGraph g, int batch,
      TrainOptions o) {
    ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(batch)
        .batchSizePerWorker(batch).averagingFrequency(o.averagingFrequency())
        .workerPrefetchNumBatches(2)
        // Export writes minibatches to a local temp dir, which breaks on a real cluster (STACK.md)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .trainingHooks(new NativeThreads.Hook()) // one OpenMP team per task's cores on the executors
        .build();
    return new SparkComputationGraph(JavaSparkContext.fromSparkContext(spark.sparkContext()), g, tm);
  }

  /**
   * The worker-major minibatch indices regrouped into averaging rounds: each round holds
   * {@code frequency} minibatches of every worker, worker after worker, so that
   * {@code parallelize(round, workers)} gives each partition (worker) its own minibatches.
   */
  static List<List<Integer>> rounds(int batches, int workers, int frequency) {
    int perWorker = batches / workers;
    List<List<Integer>> out = new ArrayList<>();
    for (int from = 0; from < perWorker; from += frequency) {
      int to = Math.min(perWorker, from + frequency);
      List<Integer> round = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        for (int i = from; i < to; i++) {
          round.add(w * perWorker + i);
        }
      }
      out.add(round);
    }
    return out;
  }

  /** For tests: stop (as if killed) after this many steps; 0 = never. */
  static int stopAfterSteps;

  /** The minibatch indices in a seeded order, one step each. */
  static List<List<Integer>> shuffled(int batches, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<List<Integer>> steps = new ArrayList<>();
    for (Integer m : order) {
      steps.add(List.of(m));
    }
    return steps;
  }

  /**
   * The minibatches of one split, by index: assembled once, or (contrastive) assembled at each use
   * with augmentations seeded by (seed, epoch, index), so every epoch sees new views of the same
   * pairs. Validation views are drawn once ({@code fixed}), so epochs are compared on equal terms.
   */
  interface Batches {
    int size();

    MultiDataSet get(int index, int epoch);

    default List<MultiDataSet> get(List<Integer> indices, int epoch) {
      List<MultiDataSet> out = new ArrayList<>();
      for (int i : indices) {
        out.add(get(i, epoch));
      }
      return out;
    }

    default List<MultiDataSet> all() {
      List<MultiDataSet> out = new ArrayList<>();
      for (int i = 0; i < size(); i++) {
        out.add(get(i, 0));
      }
      return out;
    }

    static Batches of(List<MultiDataSet> list) {
      return new Batches() {
        @Override
        public int size() {
          return list.size();
        }

        @Override
        public MultiDataSet get(int index, int epoch) {
          return list.get(index);
        }
      };
    }

    static Batches contrastive(List<List<ContrastiveSample>> batches, BatchAssembler a, int hop,
        NormStats stats, Augmentations aug, long seed, int labelWidth, boolean fixed) {
      return new Batches() {
        @Override
        public int size() {
          return batches.size();
        }

        @Override
        public MultiDataSet get(int index, int epoch) {
          long s = StableHash.of(seed, "augment", fixed ? 0 : epoch, index);
          return a.contrastive(batches.get(index), hop, stats, aug, s, labelWidth);
        }
      };
    }
  }

  /** The split's contrastive pairs in worker-major order, cut into whole minibatches. */
  static List<List<ContrastiveSample>> contrastiveBatches(SparkSession spark, String samplesDir,
      String split, int batch, int maxBatches) {
    List<Row> rows = spark.read().parquet(samplesDir).filter(col("split").equalTo(split))
        .orderBy("worker", "position").collectAsList();
    List<List<ContrastiveSample>> out = new ArrayList<>();
    for (int from = 0; from + batch <= rows.size(); from += batch) {
      if (maxBatches > 0 && out.size() == maxBatches) {
        break;
      }
      List<ContrastiveSample> b = new ArrayList<>();
      for (Row r : rows.subList(from, from + batch)) {
        b.add(new ContrastiveSample(r.getString(r.fieldIndex("sensor")), r.getInt(r.fieldIndex("run_index")),
            split, r.getInt(r.fieldIndex("a")), r.getInt(r.fieldIndex("a_shift")), r.getInt(r.fieldIndex("b")),
            r.getInt(r.fieldIndex("b_shift")), r.getInt(r.fieldIndex("unit"))));
      }
      out.add(b);
    }
    return out;
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

  static double score(ComputationGraph g, List<MultiDataSet> batches) {
    if (batches.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (MultiDataSet m : batches) {
      sum += g.score(m, false);
    }
    return sum / batches.size();
  }

  /** The split's samples in worker-major order, cut into whole minibatches. */
  static List<MultiDataSet> batches(SparkSession spark, String samplesDir, String split, String task,
      int batch, BatchAssembler a, int maxBatches) {
    return batches(spark, samplesDir, split, task, batch, a, maxBatches, false);
  }

  /** As above; {@code residual}: CBoW labels are target − per-band context mean. */
  static List<MultiDataSet> batches(SparkSession spark, String samplesDir, String split, String task,
      int batch, BatchAssembler a, int maxBatches, boolean residual) {
    List<Row> rows = spark.read().parquet(samplesDir).filter(col("split").equalTo(split))
        .orderBy("worker", "position").collectAsList();
    List<MultiDataSet> out = new ArrayList<>();
    for (int from = 0; from + batch <= rows.size(); from += batch) {
      if (maxBatches > 0 && out.size() == maxBatches) {
        break;
      }
      List<Row> b = rows.subList(from, from + batch);
      if (task.equals("gap")) {
        List<GapSample> g = new ArrayList<>();
        for (Row r : b) {
          g.add(new GapSample(r.getString(r.fieldIndex("sensor")), r.getInt(r.fieldIndex("run_index")),
              split, r.getInt(r.fieldIndex("a")), r.getInt(r.fieldIndex("b")),
              r.getInt(r.fieldIndex("gap_slices")), r.getFloat(r.fieldIndex("target"))));
        }
        out.add(a.gap(g));
      } else {
        List<ContextSample> c = new ArrayList<>();
        for (Row r : b) {
          List<Integer> ctx = r.getList(r.fieldIndex("context"));
          c.add(new ContextSample(r.getString(r.fieldIndex("sensor")), r.getInt(r.fieldIndex("run_index")),
              split, r.getInt(r.fieldIndex("target")), ctx.stream().mapToInt(Integer::intValue).toArray()));
        }
        out.add(task.equals("cbow") ? a.cbow(c, residual) : a.skipgram(c));
      }
    }
    return out;
  }
}
