package org.octave2vec.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.Redact;

/**
 * The side output of one ingest task: quarantine rows (streamed to a gzip JSON-lines file) and a
 * small summary (per-source counts, segments, per-day health, time ranges). Frames are the task's
 * main output and go to Spark's writer; writing the rest beside them avoids a second pass or a
 * cache.
 *
 * <p>Files are named by partition and attempt; the summary is renamed into place last, so a summary
 * file marks a finished attempt, and the driver takes the latest finished attempt of each partition
 * (attempts are deterministic, so any finished one is right).
 */
final class TaskSide {
  static final String SUMMARY_PREFIX = "s-";
  static final String REJECTS_PREFIX = "q-";

  /** Per source: which sensor and which epochs its kept frames span. */
  record SourceRange(String sensor, String source, long firstMs, long lastMs)
      implements Serializable {}

  /** Health counts of one sensor-day (from one source). */
  record DayHealth(String sensor, String date, long[] longs, float[] floats)
      implements Serializable {}

  /** What the driver reads back. */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<SourceStats> stats = new ArrayList<>();
    final List<Continuity.Segment> segments = new ArrayList<>();
    final List<DayHealth> days = new ArrayList<>();
    final List<SourceRange> ranges = new ArrayList<>();
    final Map<String, String> skipped = new TreeMap<>();
    long rejects;

    /** Frames with a level that centi-dB would not store exactly (counted when writing centi). */
    long beyondCenti;

    /** The first of those: "source line N: column = value". */
    String beyondCentiExample;
  }

  private final FileSystem fs;
  private final Path dir;
  private final String name;
  final Summary summary = new Summary();
  private OutputStream rejectsOut;
  private JsonGenerator json;
  private String lastSource;
  private String lastShown;

  TaskSide(Configuration conf, String stagingDir, int partition, int attempt) {
    try {
      this.dir = new Path(stagingDir);
      this.fs = dir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.name = partition + "-" + attempt;
  }

  void reject(String sensor, String source, long line, String raw, Reason reason, String message) {
    write(sensor, source, line, raw, reason, Redact.text(message));
  }

  /**
   * A duplicate row of the same source. Its message is made of numbers only, so it skips the
   * redaction: a source of millions of duplicates spent most of its time in it.
   */
  void duplicate(String sensor, String source, long line, String raw, long epochMs, long keptLine) {
    write(
        sensor,
        source,
        line,
        raw,
        Reason.DUPLICATE,
        "epoch " + epochMs + " already kept from line " + keptLine + " of the same file");
  }

  private void write(
      String sensor, String source, long line, String raw, Reason reason, String shownMessage) {
    if (lastShown == null || !java.util.Objects.equals(source, lastSource)) {
      // every row of a source names it: redact it once
      lastSource = source;
      lastShown = Redact.path(source);
    }
    try {
      if (json == null) {
        rejectsOut =
            new GZIPOutputStream(
                fs.create(new Path(dir, REJECTS_PREFIX + name + ".jsonl.gz"), true));
        json = new JsonFactory().createGenerator(rejectsOut);
        json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      }
      json.writeStartObject();
      json.writeStringField(QuarantineTable.SOURCE, lastShown);
      json.writeNumberField(QuarantineTable.LINE, line);
      json.writeStringField(QuarantineTable.SENSOR, sensor);
      json.writeStringField(QuarantineTable.REASON, reason.code());
      json.writeBooleanField(QuarantineTable.FILE_LEVEL, reason.fileLevel());
      json.writeStringField(QuarantineTable.MESSAGE, shownMessage);
      json.writeStringField(QuarantineTable.RAW, raw);
      json.writeEndObject();
      summary.rejects++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write quarantine side file under " + dir, e);
    }
  }

  /** Closes the rejects and publishes the summary: the attempt is complete once this returns. */
  void finish() {
    try {
      if (json != null) {
        json.writeRaw('\n');
        json.close();
        rejectsOut.close();
      }
      Path tmp = new Path(dir, "_tmp-" + name);
      try (ObjectOutputStream out = new ObjectOutputStream(fs.create(tmp, true))) {
        out.writeObject(summary);
      }
      Path done = new Path(dir, SUMMARY_PREFIX + name + ".bin");
      fs.delete(done, false);
      if (!fs.rename(tmp, done)) {
        throw new IOException("rename failed: " + tmp + " -> " + done);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ingest side output under " + dir, e);
    }
  }

  /**
   * The latest finished attempt's summary per partition, the rejects files that go with them, and
   * those attempts ("partition-attempt").
   */
  record Collected(List<Summary> summaries, List<String> rejectFiles, List<String> attempts) {
    /** Every partition's summary in one, in partition order. */
    Summary merged() {
      Summary all = new Summary();
      for (Summary s : summaries) {
        all.stats.addAll(s.stats);
        all.segments.addAll(s.segments);
        all.days.addAll(s.days);
        all.ranges.addAll(s.ranges);
        all.skipped.putAll(s.skipped);
        all.rejects += s.rejects;
        if (all.beyondCentiExample == null) {
          all.beyondCentiExample = s.beyondCentiExample;
        }
        all.beyondCenti += s.beyondCenti;
      }
      return all;
    }
  }

  static Collected collect(Configuration conf, String stagingDir) throws IOException {
    Path dir = new Path(stagingDir);
    FileSystem fs = dir.getFileSystem(conf);
    Map<Integer, Integer> latest = new TreeMap<>();
    for (var st : fs.listStatus(dir, p -> p.getName().startsWith(SUMMARY_PREFIX))) {
      String[] pa = st.getPath().getName().replace(".bin", "").substring(2).split("-");
      latest.merge(Integer.parseInt(pa[0]), Integer.parseInt(pa[1]), Math::max);
    }
    List<Summary> summaries = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    List<String> attempts = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : latest.entrySet()) {
      String n = e.getKey() + "-" + e.getValue();
      attempts.add(n);
      try (ObjectInputStream in =
          new ObjectInputStream(fs.open(new Path(dir, SUMMARY_PREFIX + n + ".bin")))) {
        Summary s = (Summary) in.readObject();
        summaries.add(s);
        if (s.rejects > 0) {
          rejects.add(new Path(dir, REJECTS_PREFIX + n + ".jsonl.gz").toString());
        }
      } catch (ClassNotFoundException ex) {
        throw new IOException(ex);
      }
    }
    return new Collected(summaries, rejects, attempts);
  }
}
