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
  public List<List<Integer>> steps(Batches train, int epoch) {
    if (seed == null) {
      List<List<Integer>> s = new ArrayList<>();
      for (int i = 0; i < train.size(); i++) {
        s.add(List.of(i));
      }
      return s;
    }
    return shuffled(train.groups(), seed + epoch);
  }

  @Override
  public double fit(Batches train, List<Integer> step, int epoch) {
    g.fit(train.get(step.get(0), epoch));
    return g.score();
  }

  @Override
  public ComputationGraph graph() {
    return g;
  }

  /**
   * The minibatch indices in a seeded order, one step each: the groups in a shuffled order, each
   * group's indices shuffled and kept together (a group is read at once; see {@link
   * Batches#groups}). One group is a plain shuffle of every index.
   */
  static List<List<Integer>> shuffled(List<List<Integer>> groups, long seed) {
    Random r = new Random(seed);
    List<List<Integer>> order = new ArrayList<>(groups);
    if (order.size() > 1) {
      Collections.shuffle(order, r);
    }
    List<List<Integer>> steps = new ArrayList<>();
    for (List<Integer> group : order) {
      List<Integer> g = new ArrayList<>(group);
      Collections.shuffle(g, r);
      for (Integer m : g) {
        steps.add(List.of(m));
      }
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
