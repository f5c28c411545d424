package org.octave2vec.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature sets of a list of examples (windows or clips), in report order: each embedding alone
 * and concatenated with the per-band mean and std ({@code NAME+stats} = NAME ⊕ raw_stats: does the
 * encoder add anything to the band statistics?), then the baselines raw_stats, rich_stats and
 * shape_stats ({@link FrameStats}). Without a slices table, the embeddings only.
 */
final class Features {
  /** Suffix of an embedding concatenated with raw_stats. */
  static final String WITH_STATS = "+stats";

  private Features() {}

  /** {@code names} index the examples' {@code sets}. */
  static Map<String, float[][]> of(List<Windows.Window> examples, List<String> names) {
    Map<String, float[][]> out = new LinkedHashMap<>();
    boolean stats = !examples.isEmpty() && examples.get(0).stats() != null;
    int raw = FrameStats.Kind.RAW.ordinal();
    for (int i = 0; i < names.size(); i++) {
      int s = i;
      out.put(names.get(i), examples.stream().map(w -> w.sets()[s]).toArray(float[][]::new));
      if (stats) {
        out.put(
            names.get(i) + WITH_STATS,
            examples.stream()
                .map(w -> concat(w.sets()[s], w.stats()[raw]))
                .toArray(float[][]::new));
      }
    }
    if (stats) {
      for (FrameStats.Kind k : FrameStats.Kind.values()) {
        out.put(
            k.key(), examples.stream().map(w -> w.stats()[k.ordinal()]).toArray(float[][]::new));
      }
    }
    return out;
  }

  static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
