package org.octave2vec.slices;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Serializable;

/**
 * Options of the {@code slice} job. CLI flags use the kebab-case of these names.
 *
 * @param width W, frames per slice (8 = 1 s)
 * @param hop frames between slice starts; below width the slices overlap
 * @param minRunFrames runs shorter than max(width, this) yield no slice
 * @param splitBy time (per sensor and time block) or sensor (whole sensors)
 * @param valFraction share of blocks (or sensors) labelled val
 * @param testFraction share of blocks (or sensors) labelled test
 * @param blockMs with splitBy=time, length of a split block, aligned to UTC epoch multiples
 * @param guardSlices slices within this many hops of a block of another split become guard
 * @param seed base seed of the split hash
 * @param framePeriodMs the frames table's period (125 ms for fast third-octaves, 10 ms for
 *     log-mel); the slice job takes it from the table's metadata
 */
@RecordBuilder
public record SliceOptions(
    int width,
    int hop,
    int minRunFrames,
    SplitBy splitBy,
    double valFraction,
    double testFraction,
    long blockMs,
    int guardSlices,
    long seed,
    long framePeriodMs)
    implements Serializable, SliceOptionsBuilder.With {

  /** Nominal frame period of the fast third-octave spectrum (the default). */
  public static final long FRAME_MS = 125;

  public static final long DAY_MS = 86_400_000L;

  /** W = 8 frames (1 s at 125 ms): the one place the default width lives. */
  public static final int DEFAULT_WIDTH = 8;

  public static SliceOptions defaults() {
    return new SliceOptions(
        DEFAULT_WIDTH,
        DEFAULT_WIDTH,
        DEFAULT_WIDTH,
        SplitBy.TIME,
        0.1,
        0.1,
        DAY_MS,
        2,
        42,
        FRAME_MS);
  }

  public SliceOptions withWidthHop(int w, int h) {
    return withWidth(w).withHop(h).withMinRunFrames(w);
  }

  public SliceOptions withSplit(SplitBy by, long block, int guard) {
    return withSplitBy(by).withBlockMs(block).withGuardSlices(guard);
  }

  public SliceOptions withFractions(double val, double test) {
    return withValFraction(val).withTestFraction(test);
  }

  public SliceOptions withFramePeriod(long ms) {
    return withFramePeriodMs(ms);
  }

  /** Milliseconds between slice starts. */
  public long hopMs() {
    return hop * framePeriodMs;
  }

  /** Milliseconds one slice covers (its end is exclusive). */
  public long widthMs() {
    return width * framePeriodMs;
  }

  /** Checks every option; throws IllegalArgumentException naming the option. */
  public SliceOptions validate() {
    if (framePeriodMs < 1) {
      throw new IllegalArgumentException("framePeriodMs must be >= 1, got " + framePeriodMs);
    }
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1 frame, got " + width);
    }
    if (hop < 1) {
      throw new IllegalArgumentException("hop must be >= 1 frame, got " + hop);
    }
    if (minRunFrames < 0) {
      throw new IllegalArgumentException("minRunFrames must be >= 0, got " + minRunFrames);
    }
    if (splitBy == null) {
      throw new IllegalArgumentException("splitBy must be 'time' or 'sensor', got " + splitBy);
    }
    if (!(valFraction >= 0 && valFraction <= 1)) {
      throw new IllegalArgumentException("valFraction must be in [0, 1], got " + valFraction);
    }
    if (!(testFraction >= 0 && testFraction <= 1)) {
      throw new IllegalArgumentException("testFraction must be in [0, 1], got " + testFraction);
    }
    if (valFraction + testFraction > 1) {
      throw new IllegalArgumentException(
          "valFraction + testFraction must be <= 1, got " + (valFraction + testFraction));
    }
    // A block shorter than a slice would make almost every slice span a boundary.
    if (blockMs < widthMs()) {
      throw new IllegalArgumentException(
          "blockMs must be >= one slice (" + widthMs() + " ms), got " + blockMs);
    }
    if (guardSlices < 0) {
      throw new IllegalArgumentException("guardSlices must be >= 0, got " + guardSlices);
    }
    return this;
  }
}
