package org.octave2vec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.common.Spark;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.ModelConfig;

/**
 * CBoW training throughput on random data: one JVM, or Spark local[2] parameter averaging (2
 * workers). Prints one line {@code RESULT mode preset width batch samples_per_s params
 * gflop_per_sample}; the side-by-side table with PyTorch is made by bench/train.sh. Usage:
 * TrainBench single|spark|embed small|reference [width=8] [batch=64] [steps=4] [averaging
 * frequency=steps]
 */
public final class TrainBench {
  public static void main(String[] args) {
    String mode = args[0];
    String preset = args[1];
    int w = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    // spark: minibatches per worker between parameter averages (default: one average per timed run)
    int freq = args.length > 5 ? Integer.parseInt(args[5]) : steps;
    ModelConfig c = preset.equals("reference") ? ModelConfig.reference(w) : ModelConfig.small(w);
    ComputationGraph g = Audio2VecModels.cbow(c);
    BenchThreads.apply();
    Nd4j.getRandom().setSeed(1);
    List<MultiDataSet> data = new ArrayList<>();
    for (int i = 0; i < 2 * (steps + 1); i++) {
      data.add(
          new org.nd4j.linalg.dataset.MultiDataSet(
              Nd4j.randn(batch, 4, c.bands(), w).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
              Nd4j.randn(batch, 1, c.bands(), w)
                  .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)));
    }
    double rate;
    if (mode.equals("embed")) {
      // embedding throughput: the encoder alone on batches of single slices
      ComputationGraph enc = Audio2VecModels.encoderOnly(g, c);
      org.nd4j.linalg.api.ndarray.INDArray x =
          Nd4j.randn(256, 1, c.bands(), w).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      Audio2VecModels.embed(enc, x);
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        Audio2VecModels.embed(enc, x);
      }
      rate = steps * 256 / ((System.nanoTime() - t0) / 1e9);
    } else if (mode.equals("single")) {
      g.fit(data.get(0)); // warm-up: workspaces, JIT
      long t0 = System.nanoTime();
      for (int i = 1; i <= steps; i++) {
        g.fit(data.get(i));
      }
      rate = steps * batch / ((System.nanoTime() - t0) / 1e9);
    } else {
      SparkSession spark =
          Spark.session("bench-train", java.util.Map.of("spark.master", "local[2]"));
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      ParameterAveragingTrainingMaster tm =
          new ParameterAveragingTrainingMaster.Builder(batch)
              .batchSizePerWorker(batch)
              .averagingFrequency(freq)
              .workerPrefetchNumBatches(2)
              .rddTrainingApproach(RDDTrainingApproach.Direct)
              .trainingHooks(BenchThreads.hooks())
              .build();
      SparkComputationGraph sg = new SparkComputationGraph(jsc, g, tm);
      sg.fitMultiDataSet(jsc.parallelize(data.subList(0, 2), 2)); // warm-up round
      long t0 = System.nanoTime();
      sg.fitMultiDataSet(jsc.parallelize(data.subList(2, 2 + 2 * steps), 2));
      rate = 2 * steps * batch / ((System.nanoTime() - t0) / 1e9);
      spark.stop();
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %s %d %d %.2f %d %.4f%n",
        mode,
        preset,
        w,
        batch,
        rate,
        g.numParams(),
        3 * forwardGflop(c));
    System.exit(0);
  }

  /**
   * Forward multiply-adds × 2 per CBoW sample, in GFLOP: four encoder passes (one per context
   * slice) plus the decoder; a training step costs about three forward passes.
   */
  static double forwardGflop(ModelConfig c) {
    int h = 32;
    int w = c.width();
    double enc = 0;
    int in = 1;
    for (int b = 0; b < c.blocks(); b++) {
      int out = c.channel(b);
      enc += 2.0 * 9 * in * out * h * w;
      if (b < c.poolBlocks()) {
        h /= 2;
      }
      in = out;
    }
    enc += 2.0 * in * c.embedding();
    // decoder (see Audio2VecModels): dense to the bottleneck map, then convs mirroring blocks 4..0
    int n = c.blocks();
    double dec = 2.0 * (2 * c.context()) * c.embedding() * c.channel(n - 1) * h * w;
    dec += 2.0 * 9 * c.channel(n - 1) * c.channel(n - 3) * h * w;
    for (int b = n - 3; b >= 1; b--) {
      h *= 2;
      dec += 2.0 * 9 * c.channel(b) * c.channel(b - 1) * h * w;
    }
    h *= 2;
    dec += 2.0 * 9 * c.channel(0) * h * w;
    return (4 * enc + dec) / 1e9;
  }
}
