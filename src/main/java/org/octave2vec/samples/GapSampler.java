package org.octave2vec.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TemporalGap pairs of one run. For an anchor, the distance g is uniform in 1 .. min(maxGapSlices,
 * room), where room is the larger of the segment slices before and after it; the partner lies g
 * slices away on a side with room (chosen at random when both have). Unsigned pairs are ordered a <
 * b; signed pairs keep the anchor as a, so b may come first.
 *
 * <p>Anchors: with samplesPerRun = 0 every slice of a segment of two or more, once, in order;
 * otherwise samplesPerRun anchors drawn with replacement.
 */
public final class GapSampler {
  private GapSampler() {}

  public static List<GapSample> sample(
      String sensor, int runIndex, int[] sliceIndex, String[] split, SampleOptions o) {
    Segments seg = Segments.of(sliceIndex, split);
    SplittableRandom r = o.random(sensor, runIndex);
    List<GapSample> out = new ArrayList<>();
    seg.forEachAnchor(
        o.samplesPerRun(),
        r,
        i -> out.add(pair(sensor, runIndex, sliceIndex, split, seg, i, r, o)));
    return out;
  }

  private static GapSample pair(
      String sensor,
      int runIndex,
      int[] sliceIndex,
      String[] split,
      Segments seg,
      int i,
      SplittableRandom r,
      SampleOptions o) {
    int before = seg.before(i);
    int after = seg.after(i);
    int g = 1 + r.nextInt(Math.min(o.maxGapSlices(), Math.max(before, after)));
    boolean forward;
    if (before >= g && after >= g) {
      forward = r.nextBoolean();
    } else {
      forward = after >= g;
    }
    int j = forward ? i + g : i - g;
    int a = o.signedGap() ? i : Math.min(i, j);
    int b = o.signedGap() ? j : Math.max(i, j);
    int gap = sliceIndex[b] - sliceIndex[a];
    return new GapSample(
        sensor,
        runIndex,
        split[i],
        sliceIndex[a],
        sliceIndex[b],
        gap,
        (float) gap / o.maxGapSlices());
  }
}
