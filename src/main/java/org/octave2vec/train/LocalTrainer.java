package org.octave2vec.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Trains a graph from {@link Audio2VecModels} in this JVM (no Spark). */
public final class LocalTrainer {

  private LocalTrainer() {}

  /**
   * Runs {@code epochs} passes over {@code train} (reset before each epoch) and evaluates
   * {@code val} (may be null) after each; returns per-epoch losses in per-cell units.
   */
  public static TrainResult fit(ComputationGraph g, MultiDataSetIterator train,
      MultiDataSetIterator val, int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0: " + epochs);
    }
    NativeThreads.pin();
    long start = System.nanoTime();
    List<Double> trainLoss = new ArrayList<>();
    List<Double> valLoss = new ArrayList<>();
    long steps = 0;
    long examples = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      reset(train);
      double sum = 0;
      long n = 0;
      while (train.hasNext()) {
        MultiDataSet batch = train.next();
        g.fit(batch);
        long size = batch.getFeatures(0).size(0);
        sum += perCell(g.score(), batch) * size;
        n += size;
        steps++;
      }
      examples += n;
      trainLoss.add(n > 0 ? sum / n : Double.NaN);
      if (val != null) {
        valLoss.add(evaluate(g, val));
      }
    }
    return new TrainResult(trainLoss, valLoss, steps, examples, (System.nanoTime() - start) / 1e9);
  }

  /** Mean per-cell loss of {@code g} over {@code data} (inference mode, no updates). */
  public static double evaluate(ComputationGraph g, MultiDataSetIterator data) {
    reset(data);
    double sum = 0;
    long n = 0;
    while (data.hasNext()) {
      MultiDataSet batch = data.next();
      long size = batch.getFeatures(0).size(0);
      sum += perCell(g.score(batch, false), batch) * size;
      n += size;
    }
    return n > 0 ? sum / n : Double.NaN;
  }

  /**
   * A graph score in per-cell units: CnnLossLayer's MSE sums the per-cell (channel-mean) squared
   * error over the H × W cells of each example, so a rank-4 label divides by H × W; other scores
   * (TemporalGap's OutputLayer) are already means.
   */
  public static double perCell(double score, MultiDataSet batch) {
    INDArray labels = batch.getLabels(0);
    return labels.rank() == 4 ? score / (labels.size(2) * labels.size(3)) : score;
  }

  private static void reset(MultiDataSetIterator it) {
    if (it.resetSupported()) {
      it.reset();
    }
  }
}
