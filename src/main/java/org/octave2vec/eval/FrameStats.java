package org.octave2vec.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The hand-crafted baselines: statistics of the levels (dB) over ALL frames of a window or clip,
 * pooled (never a mean of per-slice statistics). Frames come as segments, each a run of consecutive
 * frames ({@code segment[t][band]}); frame-to-frame changes are taken inside a segment only, never
 * across a gap or from one run to the next. Each frame must appear once: {@link Frames} builds the
 * segments from overlapping slices. Statistics are stat-major (all bands' means, then all bands'
 * stds, …) and use the population std (divide by the frame count).
 *
 * <ul>
 *   <li>{@link Kind#RAW} (2 × bands): per band mean and std;
 *   <li>{@link Kind#RICH} (8 × bands): per band mean, std, min, max, 10th, 50th and 90th percentile
 *       (linear interpolation between order statistics, as numpy's default), and the mean absolute
 *       change between consecutive frames (0 when no segment has two frames);
 *   <li>{@link Kind#SHAPE} (2 × bands): each frame's mean level over bands removed first, then per
 *       band mean and std: the spectral shape without the overall loudness.
 * </ul>
 */
public final class FrameStats {
  private FrameStats() {}

  /** The three baselines, by report name. */
  public enum Kind {
    RAW("raw_stats"),
    RICH("rich_stats"),
    SHAPE("shape_stats");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The feature-set name in the report. */
    public String key() {
      return key;
    }

    /** The statistics of the frames in {@code segments}. */
    public float[] of(List<float[][]> segments) {
      return switch (this) {
        case RAW -> raw(segments);
        case RICH -> rich(segments);
        case SHAPE -> shape(segments);
      };
    }
  }

  /** Per band mean then std (2 × bands). */
  static float[] raw(List<float[][]> segments) {
    int bands = bands(segments);
    float[] out = new float[2 * bands];
    for (int b = 0; b < bands; b++) {
      double[] v = band(segments, b);
      out[b] = (float) mean(v);
      out[bands + b] = (float) std(v);
    }
    return out;
  }

  /** Per band mean, std, min, max, p10, p50, p90, mean |Δ| (8 × bands, stat-major). */
  static float[] rich(List<float[][]> segments) {
    int bands = bands(segments);
    float[] out = new float[8 * bands];
    for (int b = 0; b < bands; b++) {
      double[] v = band(segments, b);
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      out[b] = (float) mean(v);
      out[bands + b] = (float) std(v);
      out[2 * bands + b] = (float) sorted[0];
      out[3 * bands + b] = (float) sorted[sorted.length - 1];
      out[4 * bands + b] = (float) percentile(sorted, 0.1);
      out[5 * bands + b] = (float) percentile(sorted, 0.5);
      out[6 * bands + b] = (float) percentile(sorted, 0.9);
      double change = 0;
      int pairs = 0;
      for (float[][] s : segments) {
        for (int t = 1; t < s.length; t++) {
          change += Math.abs(s[t][b] - s[t - 1][b]);
          pairs++;
        }
      }
      out[7 * bands + b] = pairs == 0 ? 0f : (float) (change / pairs);
    }
    return out;
  }

  /** Each frame minus its mean over bands, then per band mean and std (2 × bands). */
  static float[] shape(List<float[][]> segments) {
    int bands = bands(segments);
    List<float[][]> centred =
        segments.stream()
            .map(
                s -> {
                  float[][] c = new float[s.length][bands];
                  for (int t = 0; t < s.length; t++) {
                    double m = 0;
                    for (float v : s[t]) {
                      m += v;
                    }
                    m /= bands;
                    for (int b = 0; b < bands; b++) {
                      c[t][b] = (float) (s[t][b] - m);
                    }
                  }
                  return c;
                })
            .toList();
    return raw(centred);
  }

  /** Linear interpolation at position q·(n − 1) of sorted values. */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static int bands(List<float[][]> segments) {
    for (float[][] s : segments) {
      if (s.length > 0) {
        return s[0].length;
      }
    }
    throw new IllegalArgumentException("no frames");
  }

  private static double[] band(List<float[][]> segments, int b) {
    int n = 0;
    for (float[][] s : segments) {
      n += s.length;
    }
    double[] v = new double[n];
    int i = 0;
    for (float[][] s : segments) {
      for (float[] frame : s) {
        v[i++] = frame[b];
      }
    }
    return v;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }
}
