package org.octave2vec.slices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leakage-free split labels, a pure function of (seed, sensor, time): the same on every run of the
 * job, whatever the partitioning.
 *
 * <p>splitBy=sensor: a sensor's slices all share {@code split(hash(seed, sensor))}. splitBy=time:
 * each (sensor, block) gets {@code split(hash(seed, sensor, block))} with block =
 * floorDiv(startEpochMs, blockMs), and a slice is {@value #GUARD} when its frames, widened by
 * guardSlices hops on each side, touch a block of another split. So a slice spanning such a
 * boundary is always guard, and a non-guard slice is more than guardSlices hops from any frame of
 * another split: a P-slice context around it (P <= guardSlices) never reaches that split.
 */
public final class Splitter {
  public static final String TRAIN = "train";
  public static final String VAL = "val";
  public static final String TEST = "test";
  public static final String GUARD = "guard";

  private Splitter() {}

  /** Split of a whole sensor (splitBy=sensor). */
  public static String sensorSplit(String sensor, SliceOptions o) {
    return fromUnit(StableHash.unit(StableHash.of(o.seed(), "sensor", sensor)), o);
  }

  /** Split of one (sensor, block); with splitBy=sensor the block is ignored. */
  public static String blockSplit(String sensor, long blockIndex, SliceOptions o) {
    if (o.splitBy() == SplitBy.SENSOR) {
      return sensorSplit(sensor, o);
    }
    return fromUnit(StableHash.unit(StableHash.of(o.seed(), "block", sensor, blockIndex)), o);
  }

  /** Block holding an epoch (UTC-aligned multiples of blockMs). */
  public static long blockIndex(long epochMs, SliceOptions o) {
    return Math.floorDiv(epochMs, o.blockMs());
  }

  /** Label of a slice covering [startEpochMs, endEpochMs). */
  public static String label(String sensor, long startEpochMs, long endEpochMs, SliceOptions o) {
    return label(sensor, startEpochMs, endEpochMs, o, new HashMap<>());
  }

  /** Labels of one run's slices, in order; block splits are computed once per run. */
  public static String[] labels(List<Slice> runSlices, SliceOptions o) {
    Map<Long, String> cache = new HashMap<>();
    String[] out = new String[runSlices.size()];
    for (int i = 0; i < out.length; i++) {
      Slice s = runSlices.get(i);
      out[i] = label(s.sensor(), s.startEpochMs(), s.endEpochMs(o), o, cache);
    }
    return out;
  }

  private static String label(
      String sensor, long start, long end, SliceOptions o, Map<Long, String> cache) {
    if (o.splitBy() == SplitBy.SENSOR) {
      return sensorSplit(sensor, o);
    }
    long own = blockIndex(start, o);
    String split = cached(sensor, own, o, cache);
    long reach = o.guardSlices() * o.hopMs();
    long from = blockIndex(start - reach, o);
    long to = blockIndex(end - 1 + reach, o);
    for (long b = from; b <= to; b++) {
      if (b != own && !split.equals(cached(sensor, b, o, cache))) {
        return GUARD;
      }
    }
    return split;
  }

  private static String cached(String sensor, long block, SliceOptions o, Map<Long, String> cache) {
    return cache.computeIfAbsent(block, b -> blockSplit(sensor, b, o));
  }

  private static String fromUnit(double u, SliceOptions o) {
    if (u < o.testFraction()) {
      return TEST;
    }
    if (u < o.testFraction() + o.valFraction()) {
      return VAL;
    }
    return TRAIN;
  }
}
