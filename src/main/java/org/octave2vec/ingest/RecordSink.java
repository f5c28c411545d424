package org.octave2vec.ingest;

/** Receives what reading a source produces; the Spark job turns each call into a row. */
public interface RecordSink {
  /** A valid frame. Arrays are reused by the caller: copy what you keep. */
  void frame(String sensor, long epochMs, float[] bands, float[] extras, String source, long line);

  /** A rejected row ({@code line > 0}) or file ({@code reason.fileLevel()}). */
  void reject(String sensor, String source, long line, String raw, Reason reason, String message);

  /** Counts for one source, emitted once when it is done. */
  void stats(SourceStats stats);

  /**
   * A source rejected before any row was read: one file-level quarantine row and its (empty,
   * rejected) counts, which every kind of input reports the same way.
   */
  default void rejectSource(String sensor, String source, Reason reason, String message) {
    reject(sensor, source, 0, "", reason, message);
    stats(
        new SourceStats(
            source, sensor, 0, 0, 0, 0, 0, 0, true, java.util.List.of(), java.util.List.of()));
  }

  /** An archive member that is not a CSV source (reported, not read). */
  default void skipped(String source, String why) {}
}
