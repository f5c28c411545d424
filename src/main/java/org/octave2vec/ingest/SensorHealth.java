package org.octave2vec.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.HealthTable;

/**
 * Per-sensor health: what a network operator checks first. Built on the driver from small per-day,
 * per-source and per-run summaries.
 *
 * <p>A band is <em>stuck</em> when at least {@value #STUCK_FRACTION} of its frames repeat the
 * previous frame's value exactly (inside continuous stretches); <em>constant</em> when it never
 * changes at all. A clock jump is a backward step of more than 1 s in file order.
 */
public record SensorHealth(
    String sensor,
    long firstMs,
    long lastMs,
    long frames,
    long calendarFrames,
    double coverage,
    long runs,
    long longestRunFrames,
    long framesInShortRuns,
    long longestGapMs,
    long[] gapHistogram,
    long quarantinedRows,
    long outOfRangeRows,
    long duplicates,
    long outOfOrderRows,
    long clockJumps,
    List<String> stuckBands,
    List<String> constantBands) {

  public static final double STUCK_FRACTION = 0.5;

  public Row toRow() {
    List<Object> v =
        new ArrayList<>(
            List.of(
                sensor,
                firstMs,
                lastMs,
                frames,
                calendarFrames,
                coverage,
                runs,
                longestRunFrames,
                framesInShortRuns,
                longestGapMs));
    for (long g : gapHistogram) {
      v.add(g);
    }
    v.addAll(
        List.of(
            quarantinedRows,
            outOfRangeRows,
            duplicates,
            outOfOrderRows,
            clockJumps,
            String.join(",", stuckBands),
            String.join(",", constantBands)));
    return RowFactory.create(v.toArray());
  }

  /** Counts one sensor-day's kept frames in epoch order (runs on executors). */
  public static final class DayCounter {
    private final int n;
    private long frames;
    private final long[] equalPrev;
    private final float[] prev;
    private final float[] min;
    private final float[] max;

    public DayCounter(int nBands) {
      n = nBands;
      equalPrev = new long[n];
      prev = new float[n];
      min = new float[n];
      max = new float[n];
      reset();
    }

    public void reset() {
      frames = 0;
      Arrays.fill(equalPrev, 0);
      Arrays.fill(min, Float.POSITIVE_INFINITY);
      Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    public void add(float[] bands, boolean segmentStart) {
      for (int b = 0; b < n; b++) {
        add(b, bands[b], segmentStart);
      }
      frames++;
    }

    void add(Row r, int offset, boolean segmentStart) {
      for (int b = 0; b < n; b++) {
        add(b, r.getFloat(offset + b), segmentStart);
      }
      frames++;
    }

    private void add(int b, float v, boolean segmentStart) {
      if (!segmentStart && v == prev[b]) {
        equalPrev[b]++;
      }
      prev[b] = v;
      min[b] = Math.min(min[b], v);
      max[b] = Math.max(max[b], v);
    }

    public long frames() {
      return frames;
    }

    public long[] longs() {
      long[] l = new long[n + 1];
      l[0] = frames;
      System.arraycopy(equalPrev, 0, l, 1, n);
      return l;
    }

    public float[] floats() {
      float[] f = new float[2 * n];
      System.arraycopy(min, 0, f, 0, n);
      System.arraycopy(max, 0, f, n, n);
      return f;
    }
  }

  /** Gathers the summaries of all sensors on the driver. */
  public static final class Builder {
    private final BandLayout layout;
    private final int minSliceFrames;
    private final Map<String, Acc> bySensor = new TreeMap<>();

    private final long periodMs;

    public Builder(BandLayout layout, int minSliceFrames) {
      this(layout, minSliceFrames, 125);
    }

    public Builder(BandLayout layout, int minSliceFrames, long periodMs) {
      this.layout = layout;
      this.minSliceFrames = minSliceFrames;
      this.periodMs = periodMs;
    }

    private Acc acc(String sensor) {
      return bySensor.computeIfAbsent(sensor, s -> new Acc(layout.size()));
    }

    public void source(String sensor, long outOfOrder, long clockJumps) {
      if (sensor != null) {
        Acc a = acc(sensor);
        a.outOfOrder += outOfOrder;
        a.clockJumps += clockJumps;
      }
    }

    /**
     * One sensor-day's counts: longs = frames, then per band equal-to-previous; floats = min, max.
     */
    public void day(String sensor, long[] longs, float[] floats) {
      Acc a = acc(sensor);
      int n = layout.size();
      a.frames += longs[0];
      for (int b = 0; b < n; b++) {
        a.equalPrev[b] += longs[1 + b];
        a.min[b] = Math.min(a.min[b], floats[b]);
        a.max[b] = Math.max(a.max[b], floats[n + b]);
      }
    }

    public void rejections(String sensor, String reason, boolean fileLevel, long count) {
      if (sensor == null || fileLevel) {
        return;
      }
      Acc a = acc(sensor);
      a.quarantined += count;
      if (reason.equals(Reason.LEVEL_OUT_OF_RANGE.code())) {
        a.outOfRange += count;
      }
      if (reason.equals(Reason.DUPLICATE.code())) {
        a.duplicates += count;
      }
    }

    public void run(String sensor, long frames, long gapBeforeMs, long firstMs, long lastMs) {
      Acc a = acc(sensor);
      a.runs++;
      a.runFrames += frames;
      a.longestRun = Math.max(a.longestRun, frames);
      if (frames < minSliceFrames) {
        a.shortRunFrames += frames;
      }
      if (gapBeforeMs > 0) {
        a.gaps[HealthTable.bucketOf(gapBeforeMs)]++;
        a.longestGap = Math.max(a.longestGap, gapBeforeMs);
      }
      a.first = Math.min(a.first, firstMs);
      a.last = Math.max(a.last, lastMs);
    }

    public List<SensorHealth> build() {
      List<SensorHealth> out = new ArrayList<>();
      for (Map.Entry<String, Acc> e : bySensor.entrySet()) {
        Acc a = e.getValue();
        boolean any = a.runs > 0;
        long first = any ? a.first : 0;
        long last = any ? a.last : 0;
        long calendar = any ? (last - first) / periodMs + 1 : 0;
        List<String> stuck = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        long comparable = a.frames - a.runs; // first frame of each run has no predecessor
        for (int b = 0; b < layout.size() && a.frames > 1; b++) {
          if (a.min[b] == a.max[b]) {
            constant.add(layout.header(b));
          } else if (comparable > 0 && a.equalPrev[b] >= STUCK_FRACTION * comparable) {
            stuck.add(layout.header(b));
          }
        }
        out.add(
            new SensorHealth(
                e.getKey(),
                first,
                last,
                a.frames,
                calendar,
                calendar == 0 ? 0 : (double) a.frames / calendar,
                a.runs,
                a.longestRun,
                a.shortRunFrames,
                a.longestGap,
                a.gaps,
                a.quarantined,
                a.outOfRange,
                a.duplicates,
                a.outOfOrder,
                a.clockJumps,
                stuck,
                constant));
      }
      return out;
    }
  }

  private static final class Acc {
    long frames;
    long runFrames;
    long runs;
    long longestRun;
    long shortRunFrames;
    long longestGap;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final long[] gaps = new long[HealthTable.GAP_BUCKET_NAMES.length];
    long quarantined;
    long outOfRange;
    long duplicates;
    long outOfOrder;
    long clockJumps;
    final long[] equalPrev;
    final float[] min;
    final float[] max;

    Acc(int n) {
      equalPrev = new long[n];
      min = new float[n];
      max = new float[n];
      Arrays.fill(min, Float.POSITIVE_INFINITY);
      Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }
  }
}
