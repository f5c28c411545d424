package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code frames/_octave2vec.json}: the band layout and frame period every later stage takes from
 * here (never assumed), the extra columns kept, how the table is partitioned and how its levels and
 * time are stored ({@link LevelEncoding}): schema 3 tables say {@code level_encoding} {@code
 * decimal_db} or {@code float32} and {@code time_encoding: timestamp_millis}; schema 2 tables
 * {@code centi_db} or {@code float32} and no {@code time_encoding} (a bare INT64 {@code epoch_ms});
 * schema 1 tables neither (float32, INT64).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FramesMeta(
    String table,
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    long rows,
    @JsonProperty(value = "band_layout", required = true) BandLayout bandLayout,
    List<String> extras,
    @JsonProperty(value = "frame_period_ms", required = true) long framePeriodMs,
    @JsonProperty("partitioned_by") List<String> partitionedBy,
    @JsonProperty("level_encoding") LevelEncoding levelEncoding,
    @JsonProperty("time_encoding") String timeEncoding,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = FramesTable.SCHEMA_VERSION;

  public static FramesMeta of(
      long rows,
      BandLayout layout,
      List<String> extras,
      long framePeriodMs,
      LevelEncoding encoding,
      Provenance provenance) {
    return new FramesMeta(
        FramesTable.NAME,
        encoding.timestamps() ? SCHEMA_VERSION : 2, // what a reader of the time type must know
        rows,
        layout,
        List.copyOf(extras),
        framePeriodMs,
        List.of(FramesTable.SENSOR, FramesTable.DATE),
        encoding,
        encoding.timeEncoding(),
        provenance);
  }

  /**
   * How levels and time are stored; schema 1 tables (no field) hold float32, tables without {@code
   * time_encoding} a bare INT64 {@code epoch_ms}.
   */
  public LevelEncoding encoding() {
    return LevelEncoding.of(levelEncoding, timeEncoding);
  }

  public static FramesMeta read(org.apache.hadoop.conf.Configuration conf, TableRoot root) {
    return TableMeta.read(conf, root.frames(), FramesMeta.class, "frames table (run ingest first)");
  }

  /** The same table after a nightly run rewrote it: new row count and provenance. */
  public FramesMeta rewritten(long newRows, Provenance by) {
    return new FramesMeta(
        table,
        schemaVersion,
        newRows,
        bandLayout,
        extras,
        framePeriodMs,
        partitionedBy,
        levelEncoding,
        timeEncoding,
        by);
  }
}
