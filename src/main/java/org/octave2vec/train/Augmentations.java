package org.octave2vec.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.octave2vec.common.SliceGeometry;

/**
 * Augmentations of the contrastive views, applied in minibatch assembly. Level changes act on dB
 * levels before normalization (what a different sensor, calibration or position does to a sound): a
 * power-domain mix with another item of the batch, then a gain and a linear tilt across bands; band
 * masking acts after normalization (a masked band is 0, the training mean). All draws come from the
 * caller's seeded stream, so the same seed gives the same batch.
 *
 * @param gainDb gain uniform in ±gainDb, the same for every band and frame of a view
 * @param tiltDb tilt uniform in ±tiltDb: from −t at the lowest band to +t at the highest, linear
 * @param mixProbability with this probability a view is mixed with another item
 * @param mixMax the other item's weight α is uniform in [0, mixMax]: 10·log10((1 − α)·10^(x/10) +
 *     α·10^(y/10))
 * @param maskBands 0, or between 1 and this many distinct bands zeroed after normalization
 * @param maskFrames 0, or one run of 1 to this many consecutive frames zeroed in every band after
 *     normalization (a dropped or blanked moment); absent from config.json written before it: 0
 * @param frameNorm with this probability a view loses each frame's own level: every frame's mean
 *     over the bands is replaced by the view's mean, so only the spectral shape of each moment is
 *     left (what the shape statistics see); the other view keeps its levels, so the encoder learns
 *     to tell a sound by its shape as well as its level. Absent before it: 0
 */
public record Augmentations(
    double gainDb,
    double tiltDb,
    double mixProbability,
    double mixMax,
    int maskBands,
    int maskFrames,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        double frameNorm)
    implements Serializable {

  /** The views without per-frame level removal. */
  public Augmentations(
      double gainDb,
      double tiltDb,
      double mixProbability,
      double mixMax,
      int maskBands,
      int maskFrames) {
    this(gainDb, tiltDb, mixProbability, mixMax, maskBands, maskFrames, 0);
  }

  // the defaults, as text for the train command's options (declared once, here): stronger views
  // than the prototype's ±3 dB, 1-3 bands, p 0.5 — they probe better on esc10-dev and the demo
  // archive (docs/results.md, "stronger augmentations")
  public static final String DEFAULT_GAIN_DB = "9";
  public static final String DEFAULT_TILT_DB = "9";
  public static final String DEFAULT_MIX = "0.9";
  public static final String DEFAULT_MIX_MAX = "0.3";
  public static final String DEFAULT_MASK_BANDS = "9";
  public static final String DEFAULT_MASK_FRAMES = "0";
  public static final String DEFAULT_FRAME_NORM = "0";

  /** The default views: ±9 dB gain, ±9 dB tilt, mix p 0.9 α ≤ 0.3, 1–9 bands masked. */
  public static Augmentations defaults() {
    return new Augmentations(
        Double.parseDouble(DEFAULT_GAIN_DB),
        Double.parseDouble(DEFAULT_TILT_DB),
        Double.parseDouble(DEFAULT_MIX),
        Double.parseDouble(DEFAULT_MIX_MAX),
        Integer.parseInt(DEFAULT_MASK_BANDS),
        Integer.parseInt(DEFAULT_MASK_FRAMES),
        Double.parseDouble(DEFAULT_FRAME_NORM));
  }

  public static Augmentations none() {
    return new Augmentations(0, 0, 0, 0, 0, 0);
  }

  public Augmentations validate() {
    if (gainDb < 0
        || tiltDb < 0
        || mixProbability < 0
        || mixProbability > 1
        || mixMax < 0
        || mixMax > 1
        || maskBands < 0
        || maskFrames < 0
        || !(frameNorm >= 0 && frameNorm <= 1)) {
      throw new IllegalArgumentException(
          "augmentations: gain, tilt, mix weight ≥ 0, mix probability and "
              + "weight in [0, 1], mask bands and frames ≥ 0, frame norm in [0, 1]: "
              + this);
    }
    return this;
  }

  /** Mixes {@code other} (same shape, dB) into {@code x} in the power domain with weight α. */
  static void mix(float[] x, float[] other, double alpha) {
    for (int i = 0; i < x.length; i++) {
      double p = (1 - alpha) * Math.pow(10, x[i] / 10.0) + alpha * Math.pow(10, other[i] / 10.0);
      x[i] = (float) (10 * Math.log10(p));
    }
  }

  /** Adds {@code gain} dB everywhere and a tilt from −tilt (band 0) to +tilt (last band). */
  static void gainAndTilt(float[] x, int bands, int width, double gain, double tilt) {
    for (int b = 0; b < bands; b++) {
      double slope = bands == 1 ? 0 : 2.0 * b / (bands - 1) - 1;
      float add = (float) (gain + tilt * slope);
      for (int t = 0; t < width; t++) {
        x[SliceGeometry.index(width, b, t)] += add;
      }
    }
  }

  /** Zeroes every frame of the given bands (band-major layout). */
  static void mask(float[] x, int width, int[] maskedBands) {
    for (int b : maskedBands) {
      java.util.Arrays.fill(x, b * width, (b + 1) * width, 0f);
    }
  }

  /** The level changes of one view (before normalization); {@code other} is another item's view. */
  void levels(float[] x, float[] other, int bands, int width, SplittableRandom r) {
    if (mixProbability > 0 && other != null && r.nextDouble() < mixProbability) {
      mix(x, other, r.nextDouble() * mixMax);
    }
    double gain = gainDb > 0 ? (2 * r.nextDouble() - 1) * gainDb : 0;
    double tilt = tiltDb > 0 ? (2 * r.nextDouble() - 1) * tiltDb : 0;
    if (gain != 0 || tilt != 0) {
      gainAndTilt(x, bands, width, gain, tilt);
    }
    // drawn only when enabled, so that views without it are the same as before it
    if (frameNorm > 0 && r.nextDouble() < frameNorm) {
      frameLevelsRemoved(x, bands, width);
    }
  }

  /** Each frame's mean over the bands replaced by the view's mean (band-major layout). */
  static void frameLevelsRemoved(float[] x, int bands, int width) {
    double all = 0;
    for (float v : x) {
      all += v;
    }
    all /= x.length;
    for (int t = 0; t < width; t++) {
      double m = 0;
      for (int b = 0; b < bands; b++) {
        m += x[SliceGeometry.index(width, b, t)];
      }
      float shift = (float) (all - m / bands);
      for (int b = 0; b < bands; b++) {
        x[SliceGeometry.index(width, b, t)] += shift;
      }
    }
  }

  /** Zeroes frames {@code from} to {@code to − 1} of every band (band-major layout). */
  static void maskTime(float[] x, int bands, int width, int from, int to) {
    for (int b = 0; b < bands; b++) {
      java.util.Arrays.fill(
          x, SliceGeometry.index(width, b, from), SliceGeometry.index(width, b, to), 0f);
    }
  }

  /** The masking of one view (after normalization): bands, then a run of frames. */
  void masking(float[] x, int bands, int width, SplittableRandom r) {
    // drawn only when enabled, so that views without time masking are the same as before it
    if (maskFrames > 0) {
      int k = 1 + r.nextInt(Math.min(maskFrames, width));
      int from = r.nextInt(width - k + 1);
      maskTime(x, bands, width, from, from + k);
    }
    if (maskBands <= 0) {
      return;
    }
    int k = 1 + r.nextInt(Math.min(maskBands, bands));
    int[] order = new int[bands];
    for (int i = 0; i < bands; i++) {
      order[i] = i;
    }
    for (int i = 0; i < k; i++) { // partial Fisher-Yates: k distinct bands
      int j = i + r.nextInt(bands - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    mask(x, width, java.util.Arrays.copyOf(order, k));
  }
}
