package org.octave2vec.slices;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.octave2vec.common.SliceGeometry;

/**
 * Cuts one run (contiguous 125 ms frames of one sensor, in time order) into W-frame slices every
 * hop frames: {@code floor((F - W) / hop) + 1} slices for a run of F >= max(W, minRunFrames)
 * frames, none otherwise.
 *
 * <p>{@link Cutter} takes frames one by one so a Spark partition sorted by (sensor, epoch) never
 * holds a whole run; {@link #cut} is the same over an array.
 */
public final class Slicer {
  private Slicer() {}

  /** All slices of one run; {@code frames[frame][band]}. */
  public static List<Slice> cut(
      String sensor, int runIndex, long firstEpochMs, float[][] frames, SliceOptions o) {
    if (frames.length == 0) {
      return List.of();
    }
    Cutter c = new Cutter(sensor, runIndex, firstEpochMs, frames[0].length, o);
    List<Slice> out = new ArrayList<>();
    for (float[] f : frames) {
      out.addAll(c.offer(f));
    }
    out.addAll(c.finish());
    return out;
  }

  /** Number of slices a run of {@code runFrames} frames yields. */
  public static int sliceCount(long runFrames, SliceOptions o) {
    if (runFrames < Math.max(o.width(), o.minRunFrames())) {
      return 0;
    }
    return Math.toIntExact((runFrames - o.width()) / o.hop() + 1);
  }

  /**
   * Frames of the run covered by no slice: the whole run when it is too short, else the tail after
   * the last slice (plus the frames between slices when hop > width). Overlapped frames count once.
   */
  public static long unusedFrames(long runFrames, SliceOptions o) {
    int n = sliceCount(runFrames, o);
    if (n == 0) {
      return runFrames;
    }
    long covered =
        o.hop() <= o.width() ? (long) (n - 1) * o.hop() + o.width() : (long) n * o.width();
    return runFrames - covered;
  }

  /**
   * Streaming cutter for one run. Keeps the last W frames in a ring; slices of a run shorter than
   * minRunFrames are held back until the run is long enough, and dropped by {@link #finish} if it
   * never is.
   */
  public static final class Cutter implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String sensor;
    private final int runIndex;
    private final long firstEpochMs;
    private final int bands;
    private final SliceOptions o;
    private final float[][] ring;
    private final List<Slice> held = new ArrayList<>();
    private final long startFrame;
    private final long runFrames;
    private long frames;

    public Cutter(String sensor, int runIndex, long firstEpochMs, int bands, SliceOptions o) {
      this(sensor, runIndex, firstEpochMs, bands, o, 0, -1);
    }

    /**
     * A cutter for the part of a run that starts at frame {@code startFrame} of a run of {@code
     * runFrames} frames (known from {@code runs}; −1: unknown, slices are held until the run is
     * long enough): it cuts the slices that start at or after {@code startFrame}, with the indices
     * and times they have in the whole run, so several tasks can cut one long run.
     */
    public Cutter(
        String sensor,
        int runIndex,
        long firstEpochMs,
        int bands,
        SliceOptions o,
        long startFrame,
        long runFrames) {
      if (bands < 1) {
        throw new IllegalArgumentException("a frame needs at least one band");
      }
      this.sensor = sensor;
      this.runIndex = runIndex;
      this.firstEpochMs = firstEpochMs;
      this.bands = bands;
      this.o = o;
      this.ring = new float[o.width()][bands];
      this.startFrame = startFrame;
      this.runFrames = runFrames;
      this.frames = startFrame;
    }

    /** Adds the next frame (copied); returns the slices this frame completed and released. */
    public List<Slice> offer(float[] frame) {
      if (frame.length != bands) {
        throw new IllegalArgumentException(
            "frame "
                + frames
                + " of "
                + sensor
                + "/"
                + runIndex
                + " has "
                + frame.length
                + " bands, expected "
                + bands);
      }
      int w = o.width();
      System.arraycopy(frame, 0, ring[(int) (frames % w)], 0, bands);
      frames++;
      long start = frames - w;
      if (start >= startFrame && start % o.hop() == 0) {
        held.add(build((int) (start / o.hop())));
      }
      if (runFrames >= 0 && runFrames < Math.max(w, o.minRunFrames())) {
        held.clear(); // a run too short for any slice: known from its length
        return List.of();
      }
      if ((runFrames < 0 && frames < o.minRunFrames()) || held.isEmpty()) {
        return List.of();
      }
      List<Slice> out = new ArrayList<>(held);
      held.clear();
      return out;
    }

    /**
     * Ends the run: slices still held belong to a run shorter than minRunFrames and are dropped.
     */
    public List<Slice> finish() {
      held.clear();
      return Collections.emptyList();
    }

    /** Frames offered so far (from {@code startFrame}: the run's frame index of the next one). */
    public long frames() {
      return frames;
    }

    private Slice build(int sliceIndex) {
      int w = o.width();
      float[] levels = new float[bands * w];
      long first = frames - w;
      for (int t = 0; t < w; t++) {
        float[] f = ring[(int) ((first + t) % w)];
        for (int b = 0; b < bands; b++) {
          levels[SliceGeometry.index(w, b, t)] = f[b];
        }
      }
      return new Slice(sensor, runIndex, sliceIndex, firstEpochMs + sliceIndex * o.hopMs(), levels);
    }
  }
}
