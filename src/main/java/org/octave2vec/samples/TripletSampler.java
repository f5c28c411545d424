package org.octave2vec.samples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.octave2vec.slices.StableHash;

/**
 * Triplets of one run: anchor a; positive p != a within positiveRadius slices of a in its segment
 * (same run, consecutive, same non-guard split); negative drawn from a caller-supplied pool,
 * restricted to the anchor's split (so training never sees a test slice) and to another sensor or
 * another UTC day. Anchors with no such positive or negative are skipped.
 *
 * <p>The pool must itself be deterministic (e.g. chosen with {@link #inPool}) for the output to be.
 */
public final class TripletSampler {
  private static final long DAY_MS = 86_400_000L;
  private static final int TRIES = 16;

  private TripletSampler() {}

  /** A pool entry: the slice, its split label and its start epoch (for the UTC day). */
  public record Candidate(SliceRef ref, String split, long startEpochMs) implements Serializable {}

  /**
   * Samples of one run; {@code startEpochMs[i]} is the start of {@code sliceIndex[i]}. Anchors: all
   * usable slices once with samplesPerRun = 0, else samplesPerRun drawn with replacement.
   */
  public static List<TripletSample> sample(
      String sensor,
      int runIndex,
      int[] sliceIndex,
      long[] startEpochMs,
      String[] split,
      List<Candidate> pool,
      SampleOptions o) {
    if (startEpochMs.length != sliceIndex.length) {
      throw new IllegalArgumentException("one start epoch per slice is needed");
    }
    Segments seg = Segments.of(sliceIndex, split);
    SplittableRandom r = o.random(sensor, runIndex);
    List<TripletSample> out = new ArrayList<>();
    seg.forEachAnchor(
        o.samplesPerRun(),
        r,
        i -> {
          int lo = -Math.min(o.positiveRadius(), seg.before(i));
          int hi = Math.min(o.positiveRadius(), seg.after(i));
          // Offsets lo..hi without 0: draw from lo..hi-1 and shift the non-negative ones up by one.
          int off = lo + r.nextInt(hi - lo);
          off = off >= 0 ? off + 1 : off;
          Candidate neg = negative(pool, sensor, split[i], startEpochMs[i], r);
          if (neg != null) {
            out.add(
                new TripletSample(
                    split[i],
                    new SliceRef(sensor, runIndex, sliceIndex[i]),
                    new SliceRef(sensor, runIndex, sliceIndex[i + off]),
                    neg.ref()));
          }
        });
    return out;
  }

  /** True when a negative from another sensor or UTC day, in the same split. */
  public static boolean validNegative(Candidate c, String sensor, String split, long epochMs) {
    return c.split().equals(split)
        && (!c.ref().sensor().equals(sensor)
            || Math.floorDiv(c.startEpochMs(), DAY_MS) != Math.floorDiv(epochMs, DAY_MS));
  }

  /** Deterministic pool membership: keeps about {@code fraction} of slices, same on every run. */
  public static boolean inPool(SliceRef ref, long seed, double fraction) {
    return StableHash.unit(
            StableHash.of(seed, "pool", ref.sensor(), ref.runIndex(), ref.sliceIndex()))
        < fraction;
  }

  private static Candidate negative(
      List<Candidate> pool, String sensor, String split, long epochMs, SplittableRandom r) {
    if (pool.isEmpty()) {
      return null;
    }
    // Rejection first: most of a mixed pool is valid, and a scan per anchor would cost O(pool).
    for (int t = 0; t < TRIES; t++) {
      Candidate c = pool.get(r.nextInt(pool.size()));
      if (validNegative(c, sensor, split, epochMs)) {
        return c;
      }
    }
    List<Candidate> valid = new ArrayList<>();
    for (Candidate c : pool) {
      if (validNegative(c, sensor, split, epochMs)) {
        valid.add(c);
      }
    }
    return valid.isEmpty() ? null : valid.get(r.nextInt(valid.size()));
  }
}
