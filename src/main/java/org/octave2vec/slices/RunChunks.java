package org.octave2vec.slices;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the partitions of a range-sorted frame table (by sensor, run, time) share the runs that span
 * them, so that several tasks cut one long run: each partition's frame offset in its first run (the
 * frames of that run in the partitions before it) and its halo, the W − 1 frames after its end that
 * complete the slices starting in it. Plain Java over per-partition {@link Summary}s; the Spark
 * side collects those and broadcasts the result.
 */
public final class RunChunks implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Per partition: the frame index (within its first run) of its first frame. */
  private final long[] offsets;

  /** Per partition: up to W − 1 frames that follow it in its last run. */
  private final List<List<float[]>> halos;

  private RunChunks(long[] offsets, List<List<float[]>> halos) {
    this.offsets = offsets;
    this.halos = halos;
  }

  /**
   * What one partition holds: its first and last run, how many frames it has of each and in all,
   * and its first {@code W − 1} frames with their runs. A plain class: Kryo 4 cannot write records.
   */
  public static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final String firstRun;
    final long firstRunFrames;
    final String lastRun;
    final long lastRunFrames;
    final long frames;
    final List<String> headRuns;
    final List<float[]> head;

    public Summary(
        String firstRun,
        long firstRunFrames,
        String lastRun,
        long lastRunFrames,
        long frames,
        List<String> headRuns,
        List<float[]> head) {
      this.firstRun = firstRun;
      this.firstRunFrames = firstRunFrames;
      this.lastRun = lastRun;
      this.lastRunFrames = lastRunFrames;
      this.frames = frames;
      this.headRuns = headRuns;
      this.head = head;
    }

    static Summary empty() {
      return new Summary(null, 0, null, 0, 0, new ArrayList<>(), new ArrayList<>());
    }
  }

  /** One run's key. */
  public static String key(String sensor, int run) {
    return sensor + '\u0000' + run;
  }

  /** Summarizes a partition's frames in order: (run key, levels) pairs, holding W − 1 of them. */
  public static final class Summarizer {
    private final int headSize;
    private String first;
    private long firstFrames;
    private String last;
    private long lastFrames;
    private long frames;
    private final List<String> headRuns = new ArrayList<>();
    private final List<float[]> head = new ArrayList<>();

    public Summarizer(int width) {
      this.headSize = width - 1;
    }

    public void add(String run, float[] levels) {
      if (first == null) {
        first = run;
      }
      if (run.equals(first)) {
        firstFrames++;
      }
      lastFrames = run.equals(last) ? lastFrames + 1 : 1;
      last = run;
      frames++;
      if (head.size() < headSize) {
        headRuns.add(run);
        head.add(levels);
      }
    }

    public Summary summary() {
      return frames == 0
          ? Summary.empty()
          : new Summary(first, firstFrames, last, lastFrames, frames, headRuns, head);
    }
  }

  /**
   * The offsets and halos of partitions {@code 0 … n − 1}, from their summaries in order, for
   * slices of {@code width} frames.
   */
  public static RunChunks of(List<Summary> parts, int width) {
    int n = parts.size();
    long[] offsets = new long[n];
    String run = null;
    long seen = 0;
    for (int p = 0; p < n; p++) {
      Summary s = parts.get(p);
      if (s.frames == 0) {
        continue;
      }
      offsets[p] = Objects.equals(s.firstRun, run) ? seen : 0;
      seen = s.firstRun.equals(s.lastRun) ? offsets[p] + s.frames : s.lastRunFrames;
      run = s.lastRun;
    }
    List<List<float[]>> halos = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      List<float[]> halo = new ArrayList<>();
      halos.add(halo);
      String last = parts.get(p).lastRun;
      if (last == null) {
        continue;
      }
      // the frames that follow in later partitions, while they are of the same run, up to W − 1
      stop:
      for (int q = p + 1; q < n; q++) {
        Summary s = parts.get(q);
        for (int i = 0; i < s.head.size(); i++) {
          if (halo.size() >= width - 1 || !s.headRuns.get(i).equals(last)) {
            break stop;
          }
          halo.add(s.head.get(i));
        }
        if (s.frames > s.head.size()) {
          break; // its head held W − 1 frames: the halo is full or the run ended in it
        }
      }
    }
    return new RunChunks(offsets, halos);
  }

  public long offset(int partition) {
    return offsets[partition];
  }

  public List<float[]> halo(int partition) {
    return halos.get(partition);
  }
}
