package org.octave2vec.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.samples.ContextSample;
import org.octave2vec.samples.ContrastiveSample;
import org.octave2vec.samples.GapSample;
import org.octave2vec.slices.NormStats;

/**
 * Turns samples (indices into {@code slices}) into ND4J minibatches, in plain Java: the slice
 * levels come from a {@link SliceStore}, normalized with the train split's per-band statistics.
 * Layouts are NCHW with the slices of a sample on the channel axis: CBoW features [B, 2P, bands, W]
 * → labels [B, 1, bands, W]; SkipGram the reverse; TemporalGap features [B, 2, bands, W] → labels
 * [B, 1].
 */
public final class BatchAssembler {
  private final SliceStore slices;
  // the store's geometry, in fields for the loops
  private final int bands;
  private final int width;
  private final int hop;

  public BatchAssembler(SliceStore slices) {
    this.slices = slices;
    this.bands = slices.geometry.bands();
    this.width = slices.geometry.width();
    this.hop = slices.geometry.hop();
  }

  /** Slice levels by (sensor, run, slice index), normalized once when stored. */
  public static final class SliceStore {
    private final Map<String, float[]> levels = new HashMap<>();
    private final NormStats stats;
    private final SliceGeometry geometry;

    public SliceStore(NormStats stats, SliceGeometry geometry) {
      this.stats = stats;
      this.geometry = geometry;
    }

    public void put(String sensor, int run, int slice, float[] raw) {
      float[] v = raw.clone();
      if (stats != null) {
        stats.normalize(v, geometry.bands(), geometry.width());
      }
      levels.put(key(sensor, run, slice), v);
    }

    public float[] get(String sensor, int run, int slice) {
      float[] v = levels.get(key(sensor, run, slice));
      if (v == null) {
        throw new IllegalStateException(
            "sample refers to a missing slice " + key(sensor, run, slice));
      }
      return v;
    }

    public int size() {
      return levels.size();
    }

    private static String key(String sensor, int run, int slice) {
      return sensor + '\u0000' + run + '\u0000' + slice;
    }
  }

  /** CBoW: the 2P context slices predict the target. */
  public MultiDataSet cbow(List<ContextSample> batch) {
    return cbow(batch, false);
  }

  /**
   * CBoW with {@code residual}: the label is the target slice minus the per-band mean of the 2P
   * context slices (over their slices and frames, so one value per band, subtracted from every
   * frame of the target). Predicting zero is then the "copy the context's band levels" predictor,
   * which already explains most of the normalized levels (docs/results.md, ablation): only what the
   * context does not predict is left to learn. The features are unchanged.
   */
  public MultiDataSet cbow(List<ContextSample> batch, boolean residual) {
    int p2 = batch.get(0).context().length;
    float[] x = new float[batch.size() * p2 * cells()];
    float[] y = new float[batch.size() * cells()];
    for (int i = 0; i < batch.size(); i++) {
      ContextSample s = batch.get(i);
      for (int j = 0; j < p2; j++) {
        copy(s.sensor(), s.runIndex(), s.context()[j], x, (i * p2 + j) * cells());
      }
      copy(s.sensor(), s.runIndex(), s.target(), y, i * cells());
      if (residual) {
        subtractContextMean(x, (i * p2) * cells(), p2, y, i * cells());
      }
    }
    return new org.nd4j.linalg.dataset.MultiDataSet(
        Nd4j.create(x, new long[] {batch.size(), p2, bands, width}),
        Nd4j.create(y, new long[] {batch.size(), 1, bands, width}));
  }

  /** Per band b: y[b, t] -= mean over the p2 context slices j and frames u of x[j, b, u]. */
  private void subtractContextMean(float[] x, int xOffset, int p2, float[] y, int yOffset) {
    for (int b = 0; b < bands; b++) {
      double sum = 0;
      for (int j = 0; j < p2; j++) {
        int row = xOffset + j * cells() + b * width;
        for (int u = 0; u < width; u++) {
          sum += x[row + u];
        }
      }
      float mean = (float) (sum / (p2 * width));
      for (int t = 0; t < width; t++) {
        y[yOffset + SliceGeometry.index(width, b, t)] -= mean;
      }
    }
  }

  /** SkipGram: the centre slice predicts its 2P context slices. */
  public MultiDataSet skipgram(List<ContextSample> batch) {
    MultiDataSet c = cbow(batch);
    return new org.nd4j.linalg.dataset.MultiDataSet(c.getLabels(0), c.getFeatures(0));
  }

  /**
   * Contrastive: two crops per sample as rows 2i and 2i+1 of [2B, 1, bands, W]; labels are a zero
   * [2B, labelWidth] array (NT-Xent ignores them). The store must hold raw dB levels (built without
   * statistics): each view is cut ({@link #crop}), its levels augmented, then normalized with
   * {@code stats} and masked. {@code seed} fixes every draw: the same seed gives the same batch.
   */
  public MultiDataSet contrastive(
      List<ContrastiveSample> batch,
      NormStats stats,
      Augmentations aug,
      long seed,
      int labelWidth) {
    int n = batch.size();
    float[][] views = new float[2 * n][];
    for (int i = 0; i < n; i++) {
      ContrastiveSample s = batch.get(i);
      views[2 * i] = crop(s.sensor(), s.runIndex(), s.a(), s.aShift());
      views[2 * i + 1] = crop(s.sensor(), s.runIndex(), s.b(), s.bShift());
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[2 * n * cells()];
    for (int v = 0; v < 2 * n; v++) {
      float[] view = views[v].clone();
      // the mixed-in item: a view of another sample, as cut (before its own augmentation)
      int other = n > 1 ? (v / 2 + 1 + r.nextInt(n - 1)) % n : -1;
      aug.levels(view, other < 0 ? null : views[2 * other + r.nextInt(2)], bands, width, r);
      if (stats != null) {
        stats.normalize(view, bands, width);
      }
      aug.masking(view, bands, width, r);
      System.arraycopy(view, 0, x, v * cells(), cells());
    }
    return new org.nd4j.linalg.dataset.MultiDataSet(
        Nd4j.create(x, new long[] {2L * n, 1, bands, width}),
        Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2L * n, labelWidth));
  }

  /**
   * The W frames starting {@code shift} frames into slice {@code slice} (0 ≤ shift < hop): frame t
   * of the crop is column shift + t of that slice while it lasts, then column shift + t − hop of
   * the next slice (which starts hop frames later). Band-major, as stored.
   */
  float[] crop(String sensor, int run, int slice, int shift) {
    float[] first = slices.get(sensor, run, slice);
    if (shift == 0) {
      return first.clone();
    }
    if (shift < 0 || shift >= hop || hop > width) {
      throw new IllegalArgumentException(
          "crop shift " + shift + " with hop " + hop + " and width " + width);
    }
    float[] next = slices.get(sensor, run, slice + 1);
    float[] out = new float[cells()];
    for (int b = 0; b < bands; b++) {
      for (int t = 0; t < width; t++) {
        int c = shift + t;
        out[SliceGeometry.index(width, b, t)] =
            c < width
                ? first[SliceGeometry.index(width, b, c)]
                : next[SliceGeometry.index(width, b, c - hop)];
      }
    }
    return out;
  }

  /** TemporalGap: two slices predict their normalized distance. */
  public MultiDataSet gap(List<GapSample> batch) {
    float[] x = new float[batch.size() * 2 * cells()];
    float[] y = new float[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      GapSample s = batch.get(i);
      copy(s.sensor(), s.runIndex(), s.a(), x, (2 * i) * cells());
      copy(s.sensor(), s.runIndex(), s.b(), x, (2 * i + 1) * cells());
      y[i] = s.target();
    }
    return new org.nd4j.linalg.dataset.MultiDataSet(
        Nd4j.create(x, new long[] {batch.size(), 2, bands, width}),
        Nd4j.create(y, new long[] {batch.size(), 1}));
  }

  private int cells() {
    return bands * width;
  }

  private void copy(String sensor, int run, int slice, float[] dst, int offset) {
    System.arraycopy(slices.get(sensor, run, slice), 0, dst, offset, cells());
  }
}
