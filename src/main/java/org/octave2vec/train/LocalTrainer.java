package org.octave2vec.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Trains a graph in this JVM (no Spark): one minibatch per step, in a seeded order each epoch. The
 * next step's minibatch is read and assembled on a background thread while the graph fits the
 * current one, so a chunk fetched from the executors or a contrastive view drawn costs no training
 * time; a minibatch's contents depend only on its index and epoch, so this changes no result.
 */
public final class LocalTrainer implements Trainer {
  private final ComputationGraph g;
  private final Long seed;
  private final Prefetch ahead = new Prefetch();

  /**
   * Minibatches in a new seeded order each epoch ({@code seed + epoch}); null: in their own order.
   */
  public LocalTrainer(ComputationGraph g, Long seed) {
    this.g = g;
    this.seed = seed;
  }

  @Override
  public List<List<Integer>> steps(Batches train, int epoch) {
    List<List<Integer>> s = new ArrayList<>();
    if (seed == null) {
      for (int i = 0; i < train.size(); i++) {
        s.add(List.of(i));
      }
    } else {
      s = shuffled(train.groups(), seed + epoch);
    }
    ahead.order(s, epoch);
    return s;
  }

  @Override
  public double fit(Batches train, List<Integer> step, int epoch) {
    g.fit(ahead.take(train, step, epoch));
    return g.score();
  }

  @Override
  public void finish() {
    ahead.finish();
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

  /**
   * The minibatch of the step after the one being fitted, read on one daemon thread. Only that
   * thread reads {@link Batches} while a read is in flight: a step out of the expected order (a
   * resumed epoch, a caller's own order) first waits for it.
   */
  static final class Prefetch {
    private final ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "octave2vec-prefetch");
              t.setDaemon(true);
              return t;
            });
    private List<List<Integer>> order = List.of();
    private int epoch;
    private int cursor = -1;
    private Future<MultiDataSet> next;
    private int nextAt = -1;

    /** The steps of {@code epoch}, in the order they will be taken. */
    void order(List<List<Integer>> steps, int epoch) {
      this.order = steps;
      this.epoch = epoch;
      this.cursor = -1;
    }

    /** Step {@code step}'s minibatch (one index), and the next step's read begun. */
    MultiDataSet take(Batches train, List<Integer> step, int epoch) {
      int at = position(step, epoch);
      MultiDataSet batch;
      if (next != null && nextAt == at && at >= 0) {
        batch = await(next);
      } else {
        if (next != null) {
          await(next); // finish the stray read before this thread touches train
        }
        batch = train.get(step.get(0), epoch);
      }
      next = null;
      cursor = at;
      if (at >= 0 && at + 1 < order.size()) {
        int index = order.get(at + 1).get(0);
        nextAt = at + 1;
        next = thread.submit(() -> train.get(index, epoch));
      }
      return batch;
    }

    /** Waits for a read still in flight; its minibatch, or its failure, is dropped. */
    void finish() {
      if (next != null) {
        try {
          next.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // no step will use it: a failed read ahead of the end is not the run's failure
        }
        next = null;
      }
    }

    /** Where {@code step} is in this epoch's order; -1 when it is not of that order. */
    private int position(List<Integer> step, int epoch) {
      if (epoch != this.epoch) {
        return -1;
      }
      if (cursor + 1 < order.size() && order.get(cursor + 1) == step) {
        return cursor + 1;
      }
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i) == step) {
          return i;
        }
      }
      return -1;
    }

    private static MultiDataSet await(Future<MultiDataSet> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading a minibatch", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
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
