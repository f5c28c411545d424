package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.List;
import org.octave2vec.common.SliceGeometry;

/**
 * Evaluation windows from slices: one per slice, or one per N consecutive slices of a run (slice
 * indices {@code k·N … k·N+N−1}; a window missing any of them is dropped), whose features are the
 * element-wise mean then max of its slices' embeddings and whose baselines ({@link FrameStats})
 * pool all its frames, each once even where slices overlap ({@link Frames}).
 */
final class Windows {
  private Windows() {}

  /**
   * One slice: its interval [start, end), one embedding per feature set, and its levels
   * (band-major, {@code levels[band * W + t]}) or null without a slices table.
   */
  record Slice(
      String sensor, int run, int index, long start, long end, float[][] sets, float[] levels) {}

  /**
   * One example: a window of one run, or a whole clip ({@link Clips}, run −1). Features per feature
   * set; baselines per {@link FrameStats.Kind} (by ordinal), or null without a slices table.
   */
  record Window(String sensor, int run, long start, long end, float[][] sets, float[][] stats) {
    long centre() {
      return start + (end - start) / 2;
    }
  }

  /**
   * {@code slices} sorted by (sensor, run, index); {@code n} = 1 keeps one window per slice; {@code
   * g} is the slices' geometry, null when they carry no levels.
   */
  static List<Window> of(List<Slice> slices, int n, SliceGeometry g) {
    List<Window> out = new ArrayList<>();
    int i = 0;
    while (i < slices.size()) {
      Slice first = slices.get(i);
      int j = i;
      while (j < slices.size() && same(first, slices.get(j), n)) {
        j++;
      }
      if (j - i == n) {
        out.add(window(slices.subList(i, j), g));
      }
      i = j;
    }
    return out;
  }

  private static boolean same(Slice a, Slice b, int n) {
    return a.sensor().equals(b.sensor())
        && a.run() == b.run()
        && Math.floorDiv(a.index(), n) == Math.floorDiv(b.index(), n);
  }

  private static Window window(List<Slice> group, SliceGeometry g) {
    Slice first = group.get(0);
    Slice last = group.get(group.size() - 1);
    float[][] stats = g == null ? null : Frames.stats(group, g);
    if (group.size() == 1) {
      return new Window(
          first.sensor(), first.run(), first.start(), first.end(), first.sets(), stats);
    }
    float[][] sets = new float[first.sets().length][];
    for (int s = 0; s < sets.length; s++) {
      int d = first.sets()[s].length;
      float[] f = new float[2 * d];
      for (int j = 0; j < d; j++) {
        double sum = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (Slice sl : group) {
          sum += sl.sets()[s][j];
          max = Math.max(max, sl.sets()[s][j]);
        }
        f[j] = (float) (sum / group.size());
        f[d + j] = max;
      }
      sets[s] = f;
    }
    return new Window(first.sensor(), first.run(), first.start(), last.end(), sets, stats);
  }
}
