package org.octave2vec.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Holds the frames of one CSV source, then replays them sorted by epoch (then line) with duplicate
 * epochs rejected, continuous segments cut and per-day health counted. Sorting inside the source is
 * what lets the ingest skip a shuffle: sources of one sensor rarely overlap in time, and the job
 * repairs the few sensors whose sources do.
 *
 * <p>Columnar primitive arrays keep memory at about 16 + 4 × (bands + extras) bytes per frame, and
 * at most {@link #DEFAULT_BUDGET_BYTES} of them are held: beyond that the held frames are sorted
 * and spilled to local disk as a run ({@link SortedRuns}), and the replay merges the runs. The
 * replay is the same sorted stream either way, so memory stays bounded whatever a source holds.
 */
public final class SourceBuffer {
  /**
   * Frames held in memory per buffer (one per task), in bytes: a CENSE daily file (691,200 frames
   * of 29 bands and 4 extras, ≈ 102 MB) still sorts in memory without touching the disk.
   */
  public static final long DEFAULT_BUDGET_BYTES = 128L << 20;

  /** Receives the replay. Arrays are reused between calls: copy what you keep. */
  public interface Out {
    void frame(String date, long epochMs, float[] bands, float[] extras, long line);

    void duplicate(long epochMs, long line, String raw, long keptLine);

    void segment(Continuity.Segment s);

    void day(String date, long[] longs, float[] floats);
  }

  private final int nb;
  private final int nx;
  private final int maxFrames;
  private final SortedRuns runs;
  private long[] epochs;
  private long[] lines;
  private float[] bands;
  private float[] extras;
  private int n;

  public SourceBuffer(int nBands, int nExtras) {
    this(
        nBands,
        nExtras,
        framesFor(DEFAULT_BUDGET_BYTES, nBands, nExtras),
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A buffer that spills a sorted run to {@code spillDir} each time it holds {@code maxFrames}. */
  SourceBuffer(int nBands, int nExtras, int maxFrames, Path spillDir) {
    nb = nBands;
    nx = nExtras;
    this.maxFrames = maxFrames;
    runs = new SortedRuns(nb, nx, spillDir);
    int cap = Math.min(1024, maxFrames);
    epochs = new long[cap];
    lines = new long[cap];
    bands = new float[cap * nb];
    extras = new float[cap * nx];
  }

  /** How many frames of this shape fit in {@code budgetBytes} (at least 1024). */
  static int framesFor(long budgetBytes, int nb, int nx) {
    return (int)
        Math.max(
            1024,
            Math.min(
                Integer.MAX_VALUE / Math.max(1, nb + nx),
                budgetBytes / SortedRuns.recordBytes(nb, nx)));
  }

  /** Frames held in memory now (not counting spilled runs). */
  public int size() {
    return n;
  }

  /** True when nothing is held, in memory or spilled. */
  public boolean isEmpty() {
    return n == 0 && runs.count() == 0;
  }

  /** Sorted runs spilled to disk since the last drain. */
  int spilledRuns() {
    return runs.count();
  }

  public void add(long epochMs, long line, float[] b, float[] x) {
    if (n == epochs.length) {
      if (n == maxFrames) {
        spill();
      } else {
        // grow up to the cap, never past it
        int cap = (int) Math.min(2L * n, maxFrames);
        epochs = Arrays.copyOf(epochs, cap);
        lines = Arrays.copyOf(lines, cap);
        bands = Arrays.copyOf(bands, cap * nb);
        extras = Arrays.copyOf(extras, cap * nx);
      }
    }
    epochs[n] = epochMs;
    lines[n] = line;
    System.arraycopy(b, 0, bands, n * nb, nb);
    System.arraycopy(x, 0, extras, n * nx, nx);
    n++;
  }

  private void spill() {
    try {
      runs.write(epochs, lines, bands, extras, order());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot spill sorted frames to local disk: " + e.getMessage(), e);
    }
    n = 0;
  }

  /** Drops what is held and removes spilled runs (a source abandoned by a failing task). */
  public void discard() {
    n = 0;
    runs.close();
  }

  /**
   * Replays the buffer in (epoch, line) order into {@code out} and empties it. Returns the first
   * and last kept epoch ({@code null} when empty).
   */
  public long[] drain(String sensor, long periodMs, long toleranceMs, Out out) {
    if (isEmpty()) {
      return null;
    }
    try {
      SortedRuns.Cursor c = inMemory(order());
      return replay(runs.count() == 0 ? c : runs.merge(c), sensor, periodMs, toleranceMs, out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read back sorted frames from local disk: " + e.getMessage(), e);
    } finally {
      discard();
    }
  }

  private long[] replay(
      SortedRuns.Cursor c, String sensor, long periodMs, long toleranceMs, Out out)
      throws IOException {
    Continuity.Segmenter seg = new Continuity.Segmenter(periodMs, toleranceMs);
    SensorHealth.DayCounter day = new SensorHealth.DayCounter(nb);
    IngestRows.DayCache days = new IngestRows.DayCache();
    String date = null;
    long keptLine = -1;
    long first = 0;
    long last = 0;
    boolean any = false;
    while (c.advance()) {
      long e = c.epoch;
      if (!any) {
        first = e;
        any = true;
      }
      last = e;
      String d = days.of(e);
      if (!d.equals(date)) {
        // segments and health are per sensor-day, like the table's partitions
        flush(seg, day, date, out);
        date = d;
      }
      if (!seg.offer(sensor, e)) {
        out.duplicate(e, c.line, rawOf(e, c.bands), keptLine);
        continue;
      }
      day.add(c.bands, seg.startedSegment());
      keptLine = c.line;
      out.frame(d, e, c.bands, c.extras, c.line);
      for (Continuity.Segment s : seg.drainFinished()) {
        out.segment(s);
      }
    }
    flush(seg, day, date, out);
    return new long[] {first, last};
  }

  /** The frames held in memory, in the given order, as a cursor. */
  private SortedRuns.Cursor inMemory(int[] order) {
    SortedRuns.Cursor c =
        new SortedRuns.Cursor() {
          private int k;

          @Override
          boolean advance() {
            if (k == order.length) {
              return false;
            }
            int i = order[k++];
            epoch = epochs[i];
            line = lines[i];
            System.arraycopy(SourceBuffer.this.bands, i * nb, bands, 0, nb);
            System.arraycopy(SourceBuffer.this.extras, i * nx, extras, 0, nx);
            return true;
          }
        };
    c.bands = new float[nb];
    c.extras = new float[nx];
    return c;
  }

  private static void flush(
      Continuity.Segmenter seg, SensorHealth.DayCounter day, String date, Out out) {
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
