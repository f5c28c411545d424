package org.octave2vec.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small per-sensor-day and per-source summaries an ingest computes on the way (the inputs of
 * {@code runs} and {@code health}), kept so that an incremental run can rebuild those two tables
 * after re-reading only some files: {@code runs} is {@link Continuity.RunMerger} over every
 * sensor-day's segments, {@code health} is {@link SensorHealth.Builder} over the same pieces.
 *
 * @param days one entry per sensor-day with frames: its continuous pieces (segments never cross UTC
 *     midnight) and its health counts, merged over the sources that fed it
 * @param sources one entry per CSV source read (a file, or an archive member {@code file!/member})
 */
public record IngestState(List<SensorDay> days, List<Source> sources) {

  /**
   * One sensor-day: segments sorted by first epoch; {@code longs} = frames, then per band the
   * frames equal to the previous one; {@code floats} = per band minimum, then maximum.
   */
  public record SensorDay(
      String sensor, String date, List<Continuity.Segment> segments, long[] longs, float[] floats) {
    public long frames() {
      return longs[0];
    }
  }

  /**
   * One source: its sensor (null when none could be derived), the file-order counts that only
   * reading it tells, and the span of its kept epochs ({@code firstMs > lastMs} when it kept none).
   */
  public record Source(
      String source, String sensor, long outOfOrder, long clockJumps, long firstMs, long lastMs) {
    public boolean hasFrames() {
      return firstMs <= lastMs;
    }
  }

  /** The UTC date (partition value of {@code frames}) of an epoch. */
  public static String dateOf(long epochMs) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMs, 86_400_000L)).toString();
  }

  static IngestState of(
      List<TaskSide.DayHealth> days,
      List<Continuity.Segment> segments,
      List<SourceStats> stats,
      List<TaskSide.SourceRange> ranges) {
    Map<String, List<Continuity.Segment>> segs = new HashMap<>();
    for (Continuity.Segment s : segments) {
      segs.computeIfAbsent(s.sensor() + "\u0000" + dateOf(s.firstMs()), k -> new ArrayList<>())
          .add(s);
    }
    Map<String, SensorDay> merged = new TreeMap<>();
    for (TaskSide.DayHealth d : days) {
      String key = d.sensor() + "\u0000" + d.date();
      SensorDay prev = merged.get(key);
      merged.put(
          key,
          prev == null
              ? new SensorDay(
                  d.sensor(), d.date(), List.of(), d.longs().clone(), d.floats().clone())
              : merge(prev, d.longs(), d.floats()));
    }
    List<SensorDay> out = new ArrayList<>();
    for (Map.Entry<String, SensorDay> e : merged.entrySet()) {
      List<Continuity.Segment> l = new ArrayList<>(segs.getOrDefault(e.getKey(), List.of()));
      l.sort((a, b) -> Long.compare(a.firstMs(), b.firstMs()));
      SensorDay d = e.getValue();
      out.add(new SensorDay(d.sensor(), d.date(), List.copyOf(l), d.longs(), d.floats()));
    }
    Map<String, TaskSide.SourceRange> bySource = new HashMap<>();
    for (TaskSide.SourceRange r : ranges) {
      bySource.put(r.source(), r);
    }
    List<Source> sources = new ArrayList<>();
    for (SourceStats s : stats) {
      TaskSide.SourceRange r = bySource.get(s.source());
      sources.add(
          new Source(
              s.source(),
              s.sensor(),
              s.outOfOrder(),
              s.clockJumps(),
              r == null ? 0 : r.firstMs(),
              r == null ? -1 : r.lastMs()));
    }
    return new IngestState(List.copyOf(out), List.copyOf(sources));
  }

  /** Health counts of one sensor-day from two sources: sums, minima, maxima. */
  private static SensorDay merge(SensorDay d, long[] longs, float[] floats) {
    long[] l = d.longs().clone();
    float[] f = d.floats().clone();
    int n = f.length / 2;
    for (int i = 0; i < l.length; i++) {
      l[i] += longs[i];
    }
    for (int b = 0; b < n; b++) {
      f[b] = Math.min(f[b], floats[b]);
      f[n + b] = Math.max(f[n + b], floats[n + b]);
    }
    return new SensorDay(d.sensor(), d.date(), List.of(), l, f);
  }
}
