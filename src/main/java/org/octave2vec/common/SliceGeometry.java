package org.octave2vec.common;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a slice and of the slicing, as the slices table's metadata records it and every
 * later stage (samples, train, embed, evaluate) takes it: the band layout (bands), the width W in
 * frames, the hop between consecutive slices of a run in frames, and the frame period. A slice's
 * levels are band-major: the level of band {@code b} at frame {@code t} is {@code levels[index(b,
 * t)]}, that is {@code levels[b * width + t]}.
 *
 * @param bandLayout which bands a frame holds (their count is {@link #bands()})
 * @param width W, frames per slice
 * @param hop frames between the starts of consecutive slices of a run
 * @param framePeriodMs time between consecutive frames (0 where the record does not know it)
 */
public record SliceGeometry(BandLayout bandLayout, int width, int hop, long framePeriodMs)
    implements Serializable {

  /**
   * A geometry of {@code bands} unnamed bands ({@code Band_0}, …), for tests and synthetic data.
   */
  public static SliceGeometry of(int bands, int width, int hop) {
    List<String> names = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      names.add("Band_" + b);
    }
    return new SliceGeometry(BandLayout.of("custom", names), width, hop, 0);
  }

  /** Bands per frame. */
  public int bands() {
    return bandLayout.size();
  }

  /** Levels of one slice: bands × W. */
  public int cells() {
    return bands() * width;
  }

  /** Place of band {@code band} at frame {@code t} in a band-major slice. */
  public int index(int band, int t) {
    return index(width, band, t);
  }

  /**
   * Place of band {@code band} at frame {@code t} in a band-major slice {@code width} frames wide:
   * for hot loops that keep the width in a local.
   */
  public static int index(int width, int band, int t) {
    return band * width + t;
  }

  /** Time between the starts of consecutive slices of a run. */
  public long hopMs() {
    return hop * framePeriodMs;
  }
}
