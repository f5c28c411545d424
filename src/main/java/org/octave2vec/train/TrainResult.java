package org.octave2vec.train;

import java.util.List;

/**
 * Per-epoch losses of one training run, as per-cell MSE for the reconstruction tasks (CnnLossLayer
 * score / (bands × W)) and plain MSE for TemporalGap.
 *
 * @param trainLoss mean minibatch loss of each epoch, weighted by minibatch size, measured during
 *     the epoch's updates (each minibatch before its own update)
 * @param valLoss validation loss after each epoch; empty when there was no validation iterator
 * @param steps optimiser steps (minibatches) in all
 * @param examples training examples seen in all (over all epochs)
 * @param seconds wall time of the run
 */
public record TrainResult(
    List<Double> trainLoss, List<Double> valLoss, long steps, long examples, double seconds) {

  public TrainResult {
    trainLoss = List.copyOf(trainLoss);
    valLoss = List.copyOf(valLoss);
  }

  public int epochs() {
    return trainLoss.size();
  }

  /** Training examples per second over the whole run. */
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : Double.NaN;
  }
}
