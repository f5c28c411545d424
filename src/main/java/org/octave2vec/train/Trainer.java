package org.octave2vec.train;

import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Fits a graph step by step: {@link LocalTrainer} in this JVM (a step is one minibatch), or {@link
 * SparkTrainer} over the executors by parameter averaging (a step is one averaging round of every
 * worker). What happens around the steps (checkpoints, a time budget, a test's simulated crash) is
 * a {@link Listener}, so the loop is written once.
 */
public interface Trainer {
  /** The minibatch indices of each step of {@code epoch}, in order. */
  List<List<Integer>> steps(Batches train, int epoch);

  /** Fits one step's minibatches of {@code train}; returns the step's loss as DL4J scores it. */
  double fit(Batches train, List<Integer> step, int epoch);

  /** How many minibatches each worker fits in {@code step}. */
  default int perWorker(List<Integer> step) {
    return step.size();
  }

  /** The graph as trained so far (on Spark, the averaged parameters). */
  ComputationGraph graph();

  /**
   * Runs epochs {@code from.epoch() + 1 … epochs} over {@code train}, starting inside epoch {@code
   * from.epoch() + 1} after {@code from.partialSteps()} steps whose losses summed to {@code
   * from.partialLossSum()} (a resumed run). Returns the graph trained.
   */
  default ComputationGraph fit(Batches train, ModelDir.State from, int epochs, Listener listener)
      throws IOException {
    return fit(train, from, epochs, 0, listener);
  }

  /**
   * As {@link #fit(Batches, ModelDir.State, int, Listener)}, stopping once each worker has fitted
   * {@code maxSteps} minibatches in this run (0: no limit): the epoch ends there and is the last.
   */
  default ComputationGraph fit(
      Batches train, ModelDir.State from, int epochs, int maxSteps, Listener listener)
      throws IOException {
    long fitted = 0;
    for (int epoch = from.epoch() + 1; epoch <= epochs; epoch++) {
      long t0 = System.nanoTime();
      List<List<Integer>> steps = steps(train, epoch);
      boolean resumed = epoch == from.epoch() + 1 && from.partialSteps() > 0;
      int done = resumed ? from.partialSteps() : 0;
      double sum = resumed ? from.partialLossSum() : 0;
      boolean go = true;
      while (go && done < steps.size()) {
        sum += fit(train, steps.get(done), epoch);
        fitted += perWorker(steps.get(done));
        done++;
        go = listener.afterStep(graph(), epoch, done, steps.size(), sum);
        if (maxSteps > 0 && fitted >= maxSteps) {
          go = false;
        }
      }
      boolean more =
          listener.afterEpoch(graph(), epoch, sum / done, (System.nanoTime() - t0) / 1e9);
      if (!go || !more) {
        break;
      }
    }
    return graph();
  }

  /** Called by {@link #fit(Batches, ModelDir.State, int, Listener)}; may stop training early. */
  interface Listener {
    Listener NONE = new Listener() {};

    /**
     * After step {@code done} of {@code steps} of {@code epoch}; {@code lossSum}: the epoch's step
     * losses so far. Returning false ends the epoch after this step and training after the epoch.
     */
    default boolean afterStep(ComputationGraph g, int epoch, int done, int steps, double lossSum)
        throws IOException {
      return true;
    }

    /** After an epoch; {@code loss}: the mean step loss. Returning false ends training. */
    default boolean afterEpoch(ComputationGraph g, int epoch, double loss, double seconds)
        throws IOException {
      return true;
    }

    /** Each listener in order; training goes on only while every one of them says so. */
    static Listener all(Listener... listeners) {
      return new Listener() {
        @Override
        public boolean afterStep(ComputationGraph g, int epoch, int done, int steps, double lossSum)
            throws IOException {
          boolean go = true;
          for (Listener l : listeners) {
            go &= l.afterStep(g, epoch, done, steps, lossSum);
          }
          return go;
        }

        @Override
        public boolean afterEpoch(ComputationGraph g, int epoch, double loss, double seconds)
            throws IOException {
          boolean go = true;
          for (Listener l : listeners) {
            go &= l.afterEpoch(g, epoch, loss, seconds);
          }
          return go;
        }
      };
    }

    /**
     * Stops training at the first step that ends after {@code minutes} of wall-clock time (0:
     * never).
     */
    static Listener budget(double minutes, Runnable whenUsedUp) {
      long end = minutes > 0 ? System.nanoTime() + (long) (minutes * 6e10) : Long.MAX_VALUE;
      return new Listener() {
        @Override
        public boolean afterStep(
            ComputationGraph g, int epoch, int done, int steps, double lossSum) {
          if (System.nanoTime() >= end && done < steps) {
            whenUsedUp.run();
            return false;
          }
          return true;
        }

        @Override
        public boolean afterEpoch(ComputationGraph g, int epoch, double loss, double seconds) {
          return System.nanoTime() < end;
        }
      };
    }

    /**
     * Logs progress at most every {@code everySeconds}: steps done of {@code total} (0: unknown),
     * samples per second, the epoch's mean loss so far and the time left at this rate, so a long
     * epoch is not minutes of silence.
     */
    static Listener progress(
        long total,
        int samplesPerStep,
        double everySeconds,
        java.util.function.Consumer<String> log) {
      long start = System.nanoTime();
      return new Listener() {
        private long done;
        private long last = start;

        @Override
        public boolean afterStep(
            ComputationGraph g, int epoch, int doneInEpoch, int steps, double lossSum) {
          done++;
          long now = System.nanoTime();
          if ((now - last) / 1e9 >= everySeconds) {
            last = now;
            double secs = (now - start) / 1e9;
            double rate = done / secs;
            String eta =
                total > 0
                    ? String.format(
                        java.util.Locale.ROOT, ", ≈ %.1f min left", (total - done) / rate / 60)
                    : "";
            log.accept(
                String.format(
                    java.util.Locale.ROOT,
                    "train: step %,d%s (epoch %d, %d/%d), %.0f samples/s, loss %.4g%s",
                    done,
                    total > 0 ? String.format(java.util.Locale.ROOT, "/%,d", total) : "",
                    epoch,
                    doneInEpoch,
                    steps,
                    rate * samplesPerStep,
                    lossSum / doneInEpoch,
                    eta));
          }
          return true;
        }
      };
    }
  }
}
