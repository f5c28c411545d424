package org.octave2vec.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Time continuity, in plain Java: which steps are gaps, which rows are duplicates, and how per-day
 * segments join into maximal runs across day boundaries.
 *
 * <p>A step between consecutive frames of a sensor is continuous when it is at most {@code periodMs
 * + toleranceMs}; anything longer is a gap. Equal epochs are duplicates: the first row (by source
 * file, then line) is kept.
 */
public final class Continuity {
  private Continuity() {}

  /** A continuous stretch of one sensor: frames at [first, last]. */
  public record Segment(String sensor, long firstMs, long lastMs, long frames)
      implements java.io.Serializable {}

  /** A maximal run; {@code gapBeforeMs} is the step from the previous run's last frame (or -1). */
  public record Run(
      String sensor, int runIndex, long firstMs, long lastMs, long frames, long gapBeforeMs) {}

  public static boolean isGap(long stepMs, long periodMs, long toleranceMs) {
    return stepMs > periodMs + toleranceMs;
  }

  /**
   * Streams the frames of one sensor in epoch order (ties by source, line) and cuts segments.
   * {@link #offer} says whether a frame is kept (false: duplicate of the previous epoch).
   */
  public static final class Segmenter {
    private final long periodMs;
    private final long toleranceMs;
    private final List<Segment> done = new ArrayList<>();
    private String sensor;
    private long first = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;
    private long count;

    public Segmenter(long periodMs, long toleranceMs) {
      this.periodMs = periodMs;
      this.toleranceMs = toleranceMs;
    }

    /** Returns false for a duplicate epoch; true when the frame is kept. */
    public boolean offer(String s, long epochMs) {
      if (count > 0 && s.equals(sensor)) {
        if (epochMs == last) {
          return false;
        }
        if (epochMs < last) {
          throw new IllegalStateException(
              "frames must arrive sorted: " + epochMs + " after " + last);
        }
        if (!isGap(epochMs - last, periodMs, toleranceMs)) {
          last = epochMs;
          count++;
          return true;
        }
      }
      close();
      sensor = s;
      first = epochMs;
      last = epochMs;
      count = 1;
      return true;
    }

    /** True when the last kept frame started a new segment (no continuous predecessor). */
    public boolean startedSegment() {
      return count == 1;
    }

    private void close() {
      if (count > 0) {
        done.add(new Segment(sensor, first, last, count));
      }
      count = 0;
    }

    /** Closes the open segment and returns (and forgets) all finished ones. */
    public List<Segment> drain() {
      close();
      List<Segment> out = new ArrayList<>(done);
      done.clear();
      return out;
    }

    /** Finished segments so far, leaving the open one open. */
    public List<Segment> drainFinished() {
      List<Segment> out = new ArrayList<>(done);
      done.clear();
      return out;
    }
  }

  /**
   * Joins segments (sorted by sensor, then first epoch; per-day pieces of one sensor) into maximal
   * runs, numbering runs per sensor from 0 in time order.
   */
  public static final class RunMerger {
    private final long periodMs;
    private final long toleranceMs;
    private String sensor;
    private int index;
    private long first;
    private long last;
    private long frames;
    private long gapBefore;
    private boolean open;

    public RunMerger(long periodMs, long toleranceMs) {
      this.periodMs = periodMs;
      this.toleranceMs = toleranceMs;
    }

    /** Adds a segment; returns the run it closed, or null. */
    public Run offer(Segment s) {
      if (open && s.sensor().equals(sensor)) {
        if (s.firstMs() <= last) {
          throw new IllegalStateException(
              "overlapping segments for " + sensor + " at " + s.firstMs());
        }
        if (!isGap(s.firstMs() - last, periodMs, toleranceMs)) {
          last = s.lastMs();
          frames += s.frames();
          return null;
        }
        Run closed = current();
        gapBefore = s.firstMs() - last;
        index++;
        start(s);
        return closed;
      }
      Run closed = open ? current() : null;
      sensor = s.sensor();
      index = 0;
      gapBefore = -1;
      start(s);
      return closed;
    }

    private void start(Segment s) {
      first = s.firstMs();
      last = s.lastMs();
      frames = s.frames();
      open = true;
    }

    private Run current() {
      return new Run(sensor, index, first, last, frames, gapBefore);
    }

    /** The last open run, or null. */
    public Run finish() {
      Run r = open ? current() : null;
      open = false;
      return r;
    }

    public static List<Run> mergeAll(List<Segment> sorted, long periodMs, long toleranceMs) {
      RunMerger m = new RunMerger(periodMs, toleranceMs);
      List<Run> out = new ArrayList<>();
      for (Segment s : sorted) {
        Run r = m.offer(s);
        if (r != null) {
          out.add(r);
        }
      }
      Run r = m.finish();
      if (r != null) {
        out.add(r);
      }
      return out;
    }
  }
}
