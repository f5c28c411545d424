package org.octave2vec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.octave2vec.common.Spark;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.ModelConfig;

/**
 * Parameter averaging against DL4J's gradient sharing (SharedTrainingMaster, Aeron, threshold
 * encoding) for the CBoW model on Spark local[2], same data, same number of samples (issue 17:
 * "measure before recommending a parameter server"). The data is learnable: the target is the
 * mean of the four context inputs plus noise, so the held-out loss after the run says how much
 * each master learned from the same samples, beside its samples/s. Prints {@code RESULT master
 * preset batch rounds samples_per_s heldout_mse_before heldout_mse_after}. Usage:
 * ParameterServerBench avg|shared small|reference [batch=64] [steps per worker=20] [averaging
 * frequency=5] [rounds=3]. Built only with -Pparameterserver (bench/parameterserver.sh).
 */
public final class ParameterServerBench {
  public static void main(String[] args) {
    String master = args[0];
    String preset = args[1];
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int freq = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int w = 8;
    ModelConfig c = preset.equals("reference") ? ModelConfig.reference(w) : ModelConfig.small(w);
    ComputationGraph g = Audio2VecModels.cbow(c);
    Nd4j.getRandom().setSeed(1);
    int workers = 2;
    List<MultiDataSet> data = new ArrayList<>();
    for (int i = 0; i < workers * steps; i++) {
      data.add(learnable(batch, c.bands(), w));
    }
    MultiDataSet heldOut = learnable(256, c.bands(), w);
    double before = g.score(heldOut);

    SparkSession spark =
        Spark.session("bench-ps", java.util.Map.of("spark.master", "local[" + workers + "]"));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrainingMaster<?, ?> tm =
        master.equals("shared")
            ? new SharedTrainingMaster.Builder(
                    VoidConfiguration.builder()
                        .unicastPort(40123)
                        .controllerAddress("127.0.0.1")
                        .build(),
                    1)
                .batchSizePerWorker(batch)
                .workersPerNode(workers)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(1e-3))
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .collectTrainingStats(false)
                .build()
            : new ParameterAveragingTrainingMaster.Builder(batch)
                .batchSizePerWorker(batch)
                .averagingFrequency(freq)
                .workerPrefetchNumBatches(2)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
    SparkComputationGraph sg = new SparkComputationGraph(jsc, g, tm);
    // one RDD, reused every round (the shared master persists it itself: no cache() here)
    JavaRDD<MultiDataSet> rdd = jsc.parallelize(data, workers);
    sg.fitMultiDataSet(jsc.parallelize(data.subList(0, workers), workers)); // warm-up
    long t0 = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      sg.fitMultiDataSet(rdd);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double after = sg.getNetwork().score(heldOut);
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %s %d %d %.2f %.5f %.5f%n",
        master,
        preset,
        batch,
        rounds,
        (double) rounds * data.size() * batch / seconds,
        before,
        after);
    spark.stop();
    System.exit(0);
  }

  /** Four context slices of unit noise; the target is their mean plus a little noise. */
  static MultiDataSet learnable(int n, int bands, int w) {
    INDArray ctx = Nd4j.randn(DataType.FLOAT, n, 4, bands, w);
    INDArray target = ctx.mean(true, 1).addi(Nd4j.randn(DataType.FLOAT, n, 1, bands, w).muli(0.1));
    return new org.nd4j.linalg.dataset.MultiDataSet(ctx, target);
  }
}
