package org.octave2vec.samples;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A CBoW / SkipGram sample of one run: the target slice and its 2P neighbours, past to future (t-P
 * .. t-1, t+1 .. t+P). CBoW predicts the target from the context; SkipGram the reverse.
 */
public record ContextSample(String sensor, int runIndex, String split, int target, int[] context)
    implements Serializable {

  @Override
  public boolean equals(Object other) {
    return other instanceof ContextSample s
        && sensor.equals(s.sensor)
        && runIndex == s.runIndex
        && split.equals(s.split)
        && target == s.target
        && Arrays.equals(context, s.context);
  }

  @Override
  public int hashCode() {
    return (sensor.hashCode() * 31 + runIndex) * 31 + target;
  }

  @Override
  public String toString() {
    return "ContextSample["
        + sensor
        + "/"
        + runIndex
        + " "
        + split
        + " "
        + target
        + " <- "
        + Arrays.toString(context)
        + "]";
  }
}
