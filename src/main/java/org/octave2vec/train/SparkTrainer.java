package org.octave2vec.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * Trains over the executors with DL4J's {@link ParameterAveragingTrainingMaster}: a step is one
 * averaging round in which every worker fits {@code frequency} of its own minibatches (the samples
 * job dealt whole minibatches per worker, worker-major).
 */
final class SparkTrainer implements Trainer {
  private final JavaSparkContext jsc;
  private final SparkComputationGraph sg;
  private final int workers;
  private final int frequency;
  private final List<List<Double>> roundLoss = new ArrayList<>();

  SparkTrainer(SparkSession spark, ComputationGraph g, int batch, int workers, int frequency) {
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.workers = workers;
    this.frequency = frequency;
    ParameterAveragingTrainingMaster tm =
        new ParameterAveragingTrainingMaster.Builder(batch)
            .batchSizePerWorker(batch)
            .averagingFrequency(frequency)
            .workerPrefetchNumBatches(2)
            // Export writes minibatches to a local temp dir, which breaks on a real cluster
            // (STACK.md)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .trainingHooks(
                new NativeThreads.Hook()) // one OpenMP team per task's cores on the executors
            .build();
    this.sg = new SparkComputationGraph(jsc, g, tm);
  }

  @Override
  public List<List<Integer>> steps(Batches train, int epoch) {
    roundLoss.add(new ArrayList<>()); // a new epoch
    return rounds(train.size(), workers, frequency);
  }

  @Override
  public double fit(Batches train, List<Integer> step, int epoch) {
    sg.fitMultiDataSet(train.rdd(jsc, step, epoch, workers));
    double loss = sg.getScore();
    roundLoss.get(roundLoss.size() - 1).add(loss);
    return loss;
  }

  @Override
  public int perWorker(List<Integer> step) {
    return step.size() / workers;
  }

  @Override
  public ComputationGraph graph() {
    return sg.getNetwork();
  }

  /** The loss of every averaging round so far, epoch by epoch, as DL4J scored it. */
  List<List<Double>> roundLosses() {
    return roundLoss;
  }

  /**
   * The worker-major minibatch indices regrouped into averaging rounds: each round holds {@code
   * frequency} minibatches of every worker, worker after worker, so that {@code parallelize(round,
   * workers)} gives each partition (worker) its own minibatches.
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
}
