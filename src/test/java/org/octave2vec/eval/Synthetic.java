package org.octave2vec.eval;

import java.util.Random;

/** Deterministic synthetic probe data: groups of windows sharing one label. */
final class Synthetic {
  final float[][] x;
  final String[] labels;
  final String[] groups;

  private Synthetic(float[][] x, String[] labels, String[] groups) {
    this.x = x;
    this.labels = labels;
    this.groups = groups;
  }

  /**
   * {@code groupCount} groups of {@code perGroup} windows, group g labelled {@code "c" + g %
   * classes}. {@code separation} > 0 puts class c at {@code separation} on feature c (plus unit
   * noise); 0 makes the features pure noise, independent of the labels.
   */
  static Synthetic of(
      int classes, int groupCount, int perGroup, int dims, double separation, long seed) {
    Random rng = new Random(seed);
    int n = groupCount * perGroup;
    float[][] x = new float[n][dims];
    String[] labels = new String[n];
    String[] groups = new String[n];
    for (int i = 0; i < n; i++) {
      int g = i / perGroup;
      int c = g % classes;
      groups[i] = "g" + g;
      labels[i] = "c" + c;
      for (int j = 0; j < dims; j++) {
        x[i][j] = (float) (0.3 * rng.nextGaussian() + (j == c ? separation : 0));
      }
    }
    return new Synthetic(x, labels, groups);
  }
}
