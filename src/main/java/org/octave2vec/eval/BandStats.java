package org.octave2vec.eval;

import java.util.List;

/**
 * The raw-statistics baseline: per band, the mean and standard deviation of the level (dB) over the
 * window's frames. A slice's moments (per band E[x] and E[x²] over its W frames) combine exactly into
 * a window of several equal-width slices, so only 2 × bands numbers per slice need to travel.
 */
public final class BandStats {
  private BandStats() {}

  /** Per band E[x] then E[x²] over the frames of one slice; {@code levels[band * W + t]}. */
  public static float[] moments(float[] levels, int bands) {
    if (bands <= 0 || levels.length % bands != 0) {
      throw new IllegalArgumentException(levels.length + " levels do not split into " + bands + " bands");
    }
    int w = levels.length / bands;
    float[] m = new float[2 * bands];
    for (int b = 0; b < bands; b++) {
      double s = 0;
      double sq = 0;
      for (int t = 0; t < w; t++) {
        double v = levels[b * w + t];
        s += v;
        sq += v * v;
      }
      m[b] = (float) (s / w);
      m[bands + b] = (float) (sq / w);
    }
    return m;
  }

  /** Per band mean then std over all frames of equal-width slices, from their {@link #moments}. */
  public static float[] features(List<float[]> moments) {
    int bands = moments.get(0).length / 2;
    float[] f = new float[2 * bands];
    for (int b = 0; b < bands; b++) {
      double mean = 0;
      double sq = 0;
      for (float[] m : moments) {
        mean += m[b];
        sq += m[bands + b];
      }
      mean /= moments.size();
      sq /= moments.size();
      f[b] = (float) mean;
      f[bands + b] = (float) Math.sqrt(Math.max(0, sq - mean * mean));
    }
    return f;
  }

  /** Per band mean then std over the frames of one slice. */
  public static float[] of(float[] levels, int bands) {
    return features(List.of(moments(levels, bands)));
  }
}
