package org.octave2vec.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Trains a graph in this JVM (no Spark): one minibatch per step, in a seeded order each epoch. */
public final class LocalTrainer implements Trainer {
  private final ComputationGraph g;
  private final Long seed;

  /**
   * Minibatches in a new seeded order each epoch ({@code seed + epoch}); null: in their own order.
   */
  public LocalTrainer(ComputationGraph g, Long seed) {
    this.g = g;
    this.seed = seed;
  }

  @Override
  public List<List<Integer>> steps(int batches, int epoch) {
    if (seed == null) {
      List<List<Integer>> s = new ArrayList<>();
      for (int i = 0; i < batches; i++) {
        s.add(List.of(i));
      }
      return s;
    }
    return shuffled(batches, seed + epoch);
  }

  @Override
  public double fit(List<MultiDataSet> step) {
    g.fit(step.get(0));
    return g.score();
  }

  @Override
  public ComputationGraph graph() {
    return g;
  }

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
   * Runs {@code epochs} passes over {@code train} in its own order (no shuffling) and evaluates
   * {@code val} (may be null) after each; returns per-epoch losses in per-cell units. For benches
   * and tests that hold minibatches in an iterator; the same step loop as the train job.
   */
  public static TrainResult fit(
      ComputationGraph g, MultiDataSetIterator train, MultiDataSetIterator val, int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0: " + epochs);
    }
    NativeThreads.pin();
    long start = System.nanoTime();
    Batches batches = Batches.of(drain(train));
    List<Double> trainLoss = new ArrayList<>();
    List<Double> valLoss = new ArrayList<>();
    Trainer inOrder = new LocalTrainer(g, null);
    try {
      inOrder.fit(
          batches,
          new ModelDir.State(0, List.of(), List.of(), List.of()),
          epochs,
          new Listener() {
            @Override
            public boolean afterEpoch(
                ComputationGraph graph, int epoch, double loss, double seconds) {
              trainLoss.add(
                  batches.size() == 0 ? Double.NaN : perCell(loss, batches.get(0, epoch)));
              if (val != null) {
                valLoss.add(evaluate(graph, val));
              }
              return true;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long steps = (long) epochs * batches.size();
    long examples =
        steps == 0
            ? 0
            : epochs * batches.all().stream().mapToLong(b -> b.getFeatures(0).size(0)).sum();
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

  private static List<MultiDataSet> drain(MultiDataSetIterator it) {
    reset(it);
    List<MultiDataSet> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  private static void reset(MultiDataSetIterator it) {
    if (it.resetSupported()) {
      it.reset();
    }
  }
}
