package org.octave2vec.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train job's record of an epoch: validation loss, a checkpoint and the loss history after
 * every epoch, a timed checkpoint inside an epoch ({@code --checkpoint-minutes}), and with {@code
 * --keep-best} the epoch of lowest validation loss. Continues the history of a resumed run.
 */
final class Checkpoints implements Trainer.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  /** With --keep-best: the epoch of lowest validation loss so far, in the model directory. */
  static final String BEST = "model-best.zip";

  private final ModelDir dir;
  private final TrainData data;
  private final TrainOptions o;
  private final List<Double> trainLoss;
  private final List<Double> valLoss;
  private final List<Double> seconds;
  private final int resumedEpochs;
  private int bestEpoch;
  private long lastCheckpoint = System.nanoTime();

  Checkpoints(ModelDir dir, TrainData data, ModelDir.State from) {
    this.dir = dir;
    this.data = data;
    this.o = data.options();
    this.trainLoss = new ArrayList<>(from.trainLoss());
    this.valLoss = new ArrayList<>(from.valLoss());
    this.seconds = new ArrayList<>(from.seconds());
    this.resumedEpochs = from.seconds().size();
  }

  @Override
  public boolean afterStep(ComputationGraph g, int epoch, int done, int steps, double lossSum)
      throws IOException {
    boolean due =
        o.checkpointMinutes() > 0
            && (System.nanoTime() - lastCheckpoint) / 6e10 >= o.checkpointMinutes();
    if (due && done < steps) {
      dir.checkpoint(g, new ModelDir.State(epoch - 1, trainLoss, valLoss, seconds, done, lossSum));
      lastCheckpoint = System.nanoTime();
    }
    return true;
  }

  @Override
  public boolean afterEpoch(ComputationGraph g, int epoch, double loss, double secs)
      throws IOException {
    seconds.add(secs);
    trainLoss.add(loss / data.perCell());
    valLoss.add(score(g, data.val().all()) / data.perCell());
    ModelDir.State s = new ModelDir.State(epoch, trainLoss, valLoss, seconds);
    dir.checkpoint(g, s);
    lastCheckpoint = System.nanoTime();
    dir.writeHistory(
        s,
        data.zeroVal(),
        o.contrastiveTask() ? "chance, log(2B − 1)" : "predicting 0 (validation)");
    double last = valLoss.get(valLoss.size() - 1);
    if (o.keepBest() && valLoss.subList(0, valLoss.size() - 1).stream().allMatch(v -> last < v)) {
      dir.save(g, BEST);
      bestEpoch = epoch;
    }
    LOG.info(
        "train: epoch {}/{}: train {} val {} ({} s)",
        epoch,
        o.epochsFor(TrainJob.stepsPerEpoch(o, data)),
        String.format(Locale.ROOT, "%.4g", trainLoss.get(trainLoss.size() - 1)),
        String.format(Locale.ROOT, "%.4g", last),
        String.format(Locale.ROOT, "%.1f", secs));
    return true;
  }

  /** The model to keep: with --keep-best an earlier epoch's, else {@code last}. */
  ComputationGraph kept(ComputationGraph last) throws IOException {
    if (bestEpoch > 0 && bestEpoch < trainLoss.size()) {
      LOG.info("train: --keep-best: saving epoch {} (lowest validation loss)", bestEpoch);
      return dir.load(BEST);
    }
    return last;
  }

  List<Double> trainLoss() {
    return trainLoss;
  }

  List<Double> valLoss() {
    return valLoss;
  }

  List<Double> seconds() {
    return seconds;
  }

  /** Seconds spent by this run (not the epochs it resumed after). */
  double newSeconds() {
    return seconds.subList(resumedEpochs, seconds.size()).stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  int newEpochs() {
    return seconds.size() - resumedEpochs;
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
}
