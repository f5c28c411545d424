package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.octave2vec.common.SliceGeometry;

/**
 * Clip-level examples for the {@code clip} task: every slice of a clip (a sensor named in the clip
 * label file, all its runs) pooled into ONE example. Its embedding per feature set is the
 * element-wise mean, then the max, over the clip's slices' embeddings (as {@code --window N} pools
 * a window; the max keeps a short event that a mean over a 5-s clip dilutes: on esc10-dev the
 * contrastive encoder probes 0.821 with mean and max against 0.804 with the mean alone, the
 * untrained one 0.698 against 0.618, docs/results.md); overlapping slices each count once, as the
 * encoder saw them; its baselines are {@link FrameStats} over all the clip's frames, each frame
 * once ({@link Frames}). {@code --window} does not change clips.
 */
final class Clips {
  private Clips() {}

  /**
   * One example per sensor of {@code clips} that has slices, in sensor order; {@code slices} sorted
   * by (sensor, run, index); {@code g} null when the slices carry no levels.
   */
  static List<Windows.Window> of(List<Windows.Slice> slices, Set<String> clips, SliceGeometry g) {
    List<Windows.Window> out = new ArrayList<>();
    int i = 0;
    while (i < slices.size()) {
      String sensor = slices.get(i).sensor();
      int j = i;
      while (j < slices.size() && slices.get(j).sensor().equals(sensor)) {
        j++;
      }
      if (clips.contains(sensor)) {
        out.add(clip(slices.subList(i, j), g));
      }
      i = j;
    }
    return out;
  }

  static Windows.Window clip(List<Windows.Slice> slices, SliceGeometry g) {
    Windows.Slice first = slices.get(0);
    float[][] sets = new float[first.sets().length][];
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (int s = 0; s < sets.length; s++) {
      double[] sum = new double[first.sets()[s].length];
      for (Windows.Slice sl : slices) {
        for (int j = 0; j < sum.length; j++) {
          sum[j] += sl.sets()[s][j];
        }
      }
      sets[s] = new float[2 * sum.length];
      for (int j = 0; j < sum.length; j++) {
        sets[s][j] = (float) (sum[j] / slices.size());
        float max = Float.NEGATIVE_INFINITY;
        for (Windows.Slice sl : slices) {
          max = Math.max(max, sl.sets()[s][j]);
        }
        sets[s][sum.length + j] = max;
      }
    }
    for (Windows.Slice sl : slices) {
      start = Math.min(start, sl.start());
      end = Math.max(end, sl.end());
    }
    return new Windows.Window(
        first.sensor(), -1, start, end, sets, g == null ? null : Frames.stats(slices, g));
  }
}
