package org.octave2vec.slices;

import java.io.Serializable;
import java.util.Arrays;
import org.octave2vec.common.SliceGeometry;

/**
 * One W-frame window of a run: the 1 x bands x W image, stored band-major ({@code levels[band * W +
 * t]}) so a band's time series is contiguous, as a CNN's NCHW input expects.
 *
 * @param startEpochMs nominal start: run's first epoch + sliceIndex * hop * 125 ms
 */
public record Slice(String sensor, int runIndex, int sliceIndex, long startEpochMs, float[] levels)
    implements Serializable {

  /** Exclusive end of the slice's frames. */
  public long endEpochMs(SliceOptions o) {
    return startEpochMs + o.widthMs();
  }

  /** Level of band b at frame t of the slice. */
  public float level(int band, int t, int width) {
    return levels[SliceGeometry.index(width, band, t)];
  }

  // Records compare arrays by reference; slices are values.
  @Override
  public boolean equals(Object other) {
    return other instanceof Slice s
        && sensor.equals(s.sensor)
        && runIndex == s.runIndex
        && sliceIndex == s.sliceIndex
        && startEpochMs == s.startEpochMs
        && Arrays.equals(levels, s.levels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sensor.hashCode() + runIndex) * 31 + sliceIndex;
  }

  @Override
  public String toString() {
    return "Slice["
        + sensor
        + "/"
        + runIndex
        + "/"
        + sliceIndex
        + " @"
        + startEpochMs
        + ", "
        + levels.length
        + " levels]";
  }
}
