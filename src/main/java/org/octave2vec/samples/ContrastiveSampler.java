package org.octave2vec.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Contrastive pairs of one run. Each segment (consecutive slices of one non-guard split, see {@link
 * Segments}) is cut into units of {@code 2 × radiusFrames} frames; a unit gives {@code
 * samplesPerRun} pairs (0: {@code pairsPerStart} per crop start in the unit, else one per slice
 * start). A pair's first crop starts at a uniform frame of the unit, the second at a uniform frame
 * within {@code radiusFrames} of it, both inside the segment, so no crop spans a gap, a split or a
 * guard. Crop starts are frame offsets {@code slice × hop + shift}; with hop > W the frames between
 * slices are missing and crops start at slice starts only.
 */
public final class ContrastiveSampler {
  private ContrastiveSampler() {}

  public static List<ContrastiveSample> sample(
      String sensor,
      int runIndex,
      int[] sliceIndex,
      String[] split,
      int width,
      int hop,
      SampleOptions o) {
    return sample(sensor, runIndex, sliceIndex, split, width, hop, o, null);
  }

  /** Tries at most this many crop starts for an active one before taking the last. */
  static final int ACTIVITY_TRIES = 16;

  /**
   * As above; with {@code weight} (one per slice, in (0, 1]; null: uniform) a pair's first crop
   * starts in slice i with probability proportional to {@code weight[i]} (by rejection), so the
   * crops of a long recording fall where something sounds rather than on its background.
   */
  public static List<ContrastiveSample> sample(
      String sensor,
      int runIndex,
      int[] sliceIndex,
      String[] split,
      int width,
      int hop,
      SampleOptions o,
      double[] weight) {
    Segments seg = Segments.of(sliceIndex, split);
    SplittableRandom r = o.random(sensor, runIndex);
    int step = hop > width ? hop : 1;
    long unitFrames = 2L * o.radiusFrames();
    List<ContrastiveSample> out = new ArrayList<>();
    for (int i = 0; i < sliceIndex.length; i++) {
      if (!seg.usable(i) || seg.first[i] != i) {
        continue;
      }
      long lo = (long) sliceIndex[i] * hop;
      long hi = (long) sliceIndex[seg.last[i]] * hop; // last crop start: the last slice's own
      for (long u0 = lo; u0 <= hi; u0 += unitFrames) {
        long u1 = Math.min(hi, u0 + unitFrames - 1);
        long starts = (u1 - u0) / step + 1;
        int count =
            o.samplesPerRun() > 0
                ? o.samplesPerRun()
                : o.pairsPerStart() > 0
                    ? randomRound(o.pairsPerStart() * starts, r)
                    : (int) Math.max(1, (u1 - u0) / hop + 1);
        for (int k = 0; k < count; k++) {
          long fa = u0 + step * r.nextLong(starts);
          for (int t = 1; weight != null && t < ACTIVITY_TRIES; t++) {
            int at = slicePosition(sliceIndex, (int) (fa / hop), i, seg.last[i]);
            if (r.nextDouble() < weight[at]) {
              break;
            }
            fa = u0 + step * r.nextLong(starts);
          }
          long from = Math.max(lo, fa - o.radiusFrames());
          long to = Math.min(hi, fa + o.radiusFrames());
          // the partner on the same grid of steps as fa (both multiples of hop when hop > W)
          long first = fa - (fa - from) / step * step;
          long fb = first + step * r.nextLong((to - first) / step + 1);
          out.add(
              new ContrastiveSample(
                  sensor,
                  runIndex,
                  split[i],
                  (int) (fa / hop),
                  (int) (fa % hop),
                  (int) (fb / hop),
                  (int) (fb % hop),
                  Math.toIntExact(u0)));
        }
      }
    }
    return out;
  }

  /** {@code x} rounded down or up at random, up with probability its fraction: unbiased. */
  static int randomRound(double x, SplittableRandom r) {
    int n = (int) Math.floor(x);
    return n + (r.nextDouble() < x - n ? 1 : 0);
  }

  /** The position in {@code sliceIndex[from..to]} of slice {@code index} (they are consecutive). */
  private static int slicePosition(int[] sliceIndex, int index, int from, int to) {
    return Math.max(from, Math.min(to, from + index - sliceIndex[from]));
  }

  /**
   * Each slice's weight from its mean power level in dB: its power above the run's background (the
   * 10th percentile of its slices' levels) as a ratio, 1 from 3 dB above it, never below {@code
   * floor}. Runs of fewer than 10 slices have no background to speak of: every weight is 1.
   */
  public static double[] activity(double[] levelDb, double floor) {
    double[] w = new double[levelDb.length];
    if (levelDb.length < 10) {
      java.util.Arrays.fill(w, 1);
      return w;
    }
    double[] sorted = levelDb.clone();
    java.util.Arrays.sort(sorted);
    double background = sorted[sorted.length / 10];
    for (int i = 0; i < w.length; i++) {
      double excess = Math.pow(10, (levelDb[i] - background) / 10) - 1;
      w[i] = Double.isFinite(excess) ? Math.max(floor, Math.min(1, excess)) : 1;
    }
    return w;
  }
}
