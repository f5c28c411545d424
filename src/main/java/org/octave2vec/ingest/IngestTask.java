package org.octave2vec.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.Redact;

/**
 * What one ingest task does with its input files (on an executor): read every source, sort and
 * check it in a {@link SourceBuffer} (bounded memory: long sources spill sorted runs to local
 * disk), hand frames to Spark's writer as binary rows of the {@code frames} schema and everything
 * else to the task's {@link TaskSide} files.
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
      Consumer<InternalRow> emit) {
    int nb = settings.layout().size();
    int nx = settings.extras().size();
    SourceBuffer buffer = new SourceBuffer(nb, nx);
    TaskSink sink =
        new TaskSink(
            buffer,
            new FrameRows(nb, nx, encoding, emit),
            side,
            periodMs,
            toleranceMs,
            encoding == LevelEncoding.CENTI_DB && !settings.centiOnly(),
            settings);
    SourceOpener opener = new SourceOpener(settings);
    try {
      while (paths.hasNext()) {
        String p = paths.next();
        Path path = new Path(p);
        try (InputStream in = path.getFileSystem(hconf.get()).open(path)) {
          opener.read(in, p, sink);
        } catch (IOException e) {
          sink.reject(null, p, 0, "", Reason.UNREADABLE_FILE, "cannot open: " + e.getMessage());
        }
      }
    } finally {
      buffer.discard(); // a failing task leaves no sorted runs on the executor's disk
    }
    side.finish();
  }

  /** Buffers a source's frames; on its counts, drains them sorted to Spark and the side files. */
  private static final class TaskSink implements RecordSink {
    private final SourceBuffer buffer;
    private final FrameRows rows;
    private final TaskSide side;
    private final long periodMs;
    private final long toleranceMs;
    private final boolean countBeyondCenti;
    private final ParseSettings settings;
    private String sensor;
    private String source;

    TaskSink(
        SourceBuffer buffer,
        FrameRows rows,
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
      // the frames table names its source: no credentials
      UTF8String shownUtf8 = UTF8String.fromString(Redact.text(src));
      UTF8String sensorUtf8 = UTF8String.fromString(s);
      long[] range =
          buffer.drain(
              s,
              periodMs,
              toleranceMs,
              new SourceBuffer.Out() {
                @Override
                public void frame(
                    String date, long epochMs, float[] bands, float[] extras, long line) {
                  rows.emit(sensorUtf8, date, epochMs, bands, extras, shownUtf8);
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

  /** Writes frames as rows of the {@code frames} schema, reusing one writer and the last date. */
  private static final class FrameRows {
    private final int nb;
    private final int nx;
    private final boolean centi;
    private final UnsafeRowWriter writer;
    private final Consumer<InternalRow> emit;
    private String lastDate;
    private UTF8String dateUtf8;

    FrameRows(int nb, int nx, LevelEncoding encoding, Consumer<InternalRow> emit) {
      this.nb = nb;
      this.nx = nx;
      this.centi = encoding == LevelEncoding.CENTI_DB;
      this.writer = new UnsafeRowWriter(4 + nb + nx, 64);
      this.emit = emit;
    }

    void emit(
        UTF8String sensorUtf8,
        String date,
        long epochMs,
        float[] bands,
        float[] extras,
        UTF8String shownUtf8) {
      if (!date.equals(lastDate)) {
        lastDate = date;
        dateUtf8 = UTF8String.fromString(date);
      }
      // Spark's binary row format directly: no boxed Float per band, no generic converter
      writer.reset();
      writer.zeroOutNullBytes();
      writer.write(0, sensorUtf8);
      writer.write(1, dateUtf8);
      writer.write(2, epochMs);
      for (int i = 0; i < nb; i++) {
        if (centi) {
          writer.write(3 + i, LevelEncoding.centi(bands[i]));
        } else {
          writer.write(3 + i, bands[i]);
        }
      }
      for (int i = 0; i < nx; i++) {
        if (Float.isNaN(extras[i])) {
          writer.setNullAt(3 + nb + i);
        } else if (centi) {
          writer.write(3 + nb + i, LevelEncoding.centi(extras[i]));
        } else {
          writer.write(3 + nb + i, extras[i]);
        }
      }
      writer.write(3 + nb + nx, shownUtf8);
      emit.accept(writer.getRow().copy());
    }
  }
}
