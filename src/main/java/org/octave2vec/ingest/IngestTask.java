package org.octave2vec.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.Redact;

/**
 * What one ingest task does with its input files (on an executor): read every source, sort and
 * check it in a {@link SourceBuffer} (bounded memory: long sources spill sorted runs to local
 * disk), hand frames to {@link Frames} (the task's {@link FrameFiles}) and everything else to the
 * task's {@link TaskSide} files.
 */
final class IngestTask {
  private IngestTask() {}

  static void run(
      Iterator<String> paths,
      HadoopConf hconf,
      ParseSettings settings,
      long periodMs,
      long toleranceMs,
      LevelEncoding encoding,
      TaskSide side,
      Frames frames) {
    int nb = settings.layout().size();
    int nx = settings.extras().size();
    SourceBuffer buffer = new SourceBuffer(nb, nx);
    TaskSink sink =
        new TaskSink(
            buffer,
            frames,
            side,
            periodMs,
            toleranceMs,
            encoding.centi() && !settings.centiOnly(),
            settings);
    SourceOpener opener = new SourceOpener(settings);
    try {
      while (paths.hasNext()) {
        String p = paths.next();
        String badName = InputPaths.badName(p);
        if (badName != null) {
          sink.reject(null, p, 0, "", Reason.BAD_FILE_NAME, badName);
          continue;
        }
        try (InputStream in = InputPaths.open(hconf.get(), p)) {
          opener.read(in, p, sink);
        } catch (IOException | IllegalArgumentException e) {
          sink.reject(null, p, 0, "", Reason.UNREADABLE_FILE, "cannot open: " + e.getMessage());
        }
      }
    } finally {
      buffer.discard(); // a failing task leaves no sorted runs on the executor's disk
    }
    try {
      frames.close(); // every frame on disk before the summary says the attempt finished
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    side.finish();
  }

  /** Where a task's kept frames go, sorted by time within each source. */
  interface Frames {
    void frame(
        String sensor, String date, long epochMs, float[] bands, float[] extras, String source);

    /** Called once, after the last frame. */
    default void close() throws IOException {}
  }

  /** Buffers a source's frames; on its counts, drains them sorted to Spark and the side files. */
  private static final class TaskSink implements RecordSink {
    private final SourceBuffer buffer;
    private final Frames rows;
    private final TaskSide side;
    private final long periodMs;
    private final long toleranceMs;
    private final boolean countBeyondCenti;
    private final ParseSettings settings;
    private String sensor;
    private String source;

    TaskSink(
        SourceBuffer buffer,
        Frames rows,
        TaskSide side,
        long periodMs,
        long toleranceMs,
        boolean countBeyondCenti,
        ParseSettings settings) {
      this.buffer = buffer;
      this.rows = rows;
      this.side = side;
      this.periodMs = periodMs;
      this.toleranceMs = toleranceMs;
      this.countBeyondCenti = countBeyondCenti;
      this.settings = settings;
    }

    @Override
    public void frame(
        String s, long epochMs, float[] bands, float[] extras, String src, long line) {
      sensor = s;
      source = src;
      if (countBeyondCenti) {
        countBeyondCenti(bands, extras, src, line);
      }
      buffer.add(epochMs, line, bands, extras);
    }

    /** --level-encoding auto writes centi-dB first; the job rewrites as float32 if this counts. */
    private void countBeyondCenti(float[] bands, float[] extras, String src, long line) {
      int bad = firstBeyondCenti(bands);
      int badExtra = bad >= 0 ? -1 : firstBeyondCenti(extras);
      if (bad < 0 && badExtra < 0) {
        return;
      }
      TaskSide.Summary sum = side.summary;
      if (sum.beyondCenti++ == 0) {
        String column =
            bad >= 0 ? settings.layout().columns().get(bad) : settings.extras().get(badExtra);
        float v = bad >= 0 ? bands[bad] : extras[badExtra];
        sum.beyondCentiExample = Redact.text(src) + " line " + line + ": " + column + " = " + v;
      }
    }

    private static int firstBeyondCenti(float[] levels) {
      for (int i = 0; i < levels.length; i++) {
        // NaN: an extra column absent from the file, stored as null
        if (!Float.isNaN(levels[i]) && !LevelEncoding.fitsCenti(levels[i])) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public void reject(String s, String src, long line, String raw, Reason reason, String message) {
      side.reject(s, src, line, raw, reason, message);
    }

    @Override
    public void stats(SourceStats stats) {
      if (!buffer.isEmpty()) {
        drain();
      }
      side.summary.stats.add(stats);
    }

    @Override
    public void skipped(String src, String why) {
      side.summary.skipped.put(src, why);
    }

    private void drain() {
      String s = sensor;
      String src = source;
      // the frames table names its source as it is, but without credentials
      String shown = Redact.path(src);
      long[] range =
          buffer.drain(
              s,
              periodMs,
              toleranceMs,
              new SourceBuffer.Out() {
                @Override
                public void frame(
                    String date, long epochMs, float[] bands, float[] extras, long line) {
                  rows.frame(s, date, epochMs, bands, extras, shown);
                }

                @Override
                public void duplicate(long epochMs, long line, String raw, long keptLine) {
                  side.duplicate(s, src, line, raw, epochMs, keptLine);
                }

                @Override
                public void segment(Continuity.Segment seg) {
                  side.summary.segments.add(seg);
                }

                @Override
                public void day(String date, long[] longs, float[] floats) {
                  side.summary.days.add(new TaskSide.DayHealth(s, date, longs, floats));
                }
              });
      side.summary.ranges.add(new TaskSide.SourceRange(s, src, range[0], range[1]));
    }
  }
}
