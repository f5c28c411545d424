package org.octave2vec.ingest;

import java.util.Arrays;
import java.util.List;

/**
 * Holds the frames of one CSV source, then replays them sorted by epoch (then line) with duplicate
 * epochs rejected, continuous segments cut and per-day health counted. Sorting inside the source
 * is what lets the ingest skip a shuffle: sources of one sensor rarely overlap in time, and the job
 * repairs the few sensors whose sources do.
 *
 * <p>Columnar primitive arrays keep memory at about 24 + 4 × bands bytes per frame.
 */
public final class SourceBuffer {
  /** Receives the replay. */
  public interface Out {
    void frame(String date, long epochMs, float[] bands, float[] extras, long line);

    void duplicate(long epochMs, long line, String raw, long keptLine);

    void segment(Continuity.Segment s);

    void day(String date, long[] longs, float[] floats);
  }

  private final int nb;
  private final int nx;
  private long[] epochs = new long[1024];
  private long[] lines = new long[1024];
  private float[] bands;
  private float[] extras;
  private int n;

  public SourceBuffer(int nBands, int nExtras) {
    nb = nBands;
    nx = nExtras;
    bands = new float[1024 * nb];
    extras = new float[1024 * Math.max(1, nx)];
  }

  public int size() {
    return n;
  }

  public void add(long epochMs, long line, float[] b, float[] x) {
    if (n == epochs.length) {
      int cap = n * 2;
      epochs = Arrays.copyOf(epochs, cap);
      lines = Arrays.copyOf(lines, cap);
      bands = Arrays.copyOf(bands, cap * nb);
      extras = Arrays.copyOf(extras, cap * Math.max(1, nx));
    }
    epochs[n] = epochMs;
    lines[n] = line;
    System.arraycopy(b, 0, bands, n * nb, nb);
    System.arraycopy(x, 0, extras, n * nx, nx);
    n++;
  }

  /**
   * Replays the buffer in (epoch, line) order into {@code out} and empties it. Returns the first and
   * last kept epoch ({@code null} when empty).
   */
  public long[] drain(String sensor, long periodMs, long toleranceMs, Out out) {
    if (n == 0) {
      return null;
    }
    int[] order = order();
    Continuity.Segmenter seg = new Continuity.Segmenter(periodMs, toleranceMs);
    SensorHealth.DayCounter day = new SensorHealth.DayCounter(nb);
    IngestRows.DayCache days = new IngestRows.DayCache();
    float[] b = new float[nb];
    float[] x = new float[nx];
    String date = null;
    long keptLine = -1;
    for (int i : order) {
      long e = epochs[i];
      String d = days.of(e);
      if (!d.equals(date)) {
        // segments and health are per sensor-day, like the table's partitions
        flush(seg, day, date, out);
        date = d;
      }
      System.arraycopy(bands, i * nb, b, 0, nb);
      if (!seg.offer(sensor, e)) {
        out.duplicate(e, lines[i], rawOf(e, b), keptLine);
        continue;
      }
      System.arraycopy(extras, i * nx, x, 0, nx);
      day.add(b, seg.startedSegment());
      keptLine = lines[i];
      out.frame(d, e, b, x, lines[i]);
      for (Continuity.Segment s : seg.drainFinished()) {
        out.segment(s);
      }
    }
    flush(seg, day, date, out);
    long[] range = {epochs[order[0]], epochs[order[n - 1]]};
    n = 0;
    return range;
  }

  private static void flush(Continuity.Segmenter seg, SensorHealth.DayCounter day, String date,
      Out out) {
    for (Continuity.Segment s : seg.drain()) {
      out.segment(s);
    }
    if (day.frames() > 0) {
      out.day(date, day.longs(), day.floats());
      day.reset();
    }
  }

  /**
   * Indices in (epoch, line) order. Lines grow with the index, so a stable sort by epoch suffices:
   * packing (epoch offset, index) into one long lets a primitive sort do it without boxing.
   */
  int[] order() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, epochs[i]);
      max = Math.max(max, epochs[i]);
      sorted &= i == 0 || epochs[i] >= epochs[i - 1];
    }
    int[] order = new int[n];
    if (sorted) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      return order;
    }
    if (max - min < Long.MAX_VALUE / n - 1) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (epochs[i] - min) * n + i;
      }
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) {
        order[i] = (int) (keys[i] % n);
      }
      return order;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (p, q) -> Long.compare(epochs[p], epochs[q])); // stable
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  private String rawOf(long epoch, float[] b) {
    StringBuilder sb = new StringBuilder().append(epoch);
    for (float v : b) {
      sb.append(',').append(v);
    }
    return SourceReader.clipRaw(sb.toString());
  }

  /** For tests: the buffered epochs in insertion order. */
  List<Long> epochs() {
    return Arrays.stream(epochs, 0, n).boxed().toList();
  }
}
