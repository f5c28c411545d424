package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code slices/_octave2vec.json}: the slice geometry (width W, hop, frame period) and band layout
 * that {@code samples}, {@code train}, {@code embed} and {@code evaluate} read, typed.
 *
 * @param geometry band layout, width, hop and frame period (flat in the JSON)
 * @param levelsLayout how {@code levels} is laid out (band-major)
 * @param report the slice job's frame accounting, for people
 * @param parent the frames table's provenance
 */
@JsonIgnoreProperties(value = "geometry", ignoreUnknown = true)
// the order Jackson gave the record before: explicitly renamed properties first
@JsonPropertyOrder({
  "schema_version",
  "band_layout",
  "frame_period_ms",
  "levels_layout",
  "table",
  "rows",
  "width",
  "hop",
  "report",
  "parent",
  "provenance"
})
public record SlicesMeta(
    String table,
    @JsonProperty("schema_version") int schemaVersion,
    long rows,
    @JsonIgnore SliceGeometry geometry,
    @JsonProperty("levels_layout") String levelsLayout,
    Object report,
    Provenance parent,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = SlicesTable.SCHEMA_VERSION;
  public static final String BAND_MAJOR = "band-major: levels[band * width + t]";

  /** The record as the JSON file holds it: the geometry's fields flat beside the others. */
  @JsonCreator
  static SlicesMeta json(
      @JsonProperty("table") String table,
      @JsonProperty(value = "schema_version", required = true) int schemaVersion,
      @JsonProperty("rows") long rows,
      @JsonProperty(value = "band_layout", required = true) BandLayout bandLayout,
      @JsonProperty(value = "width", required = true) int width,
      @JsonProperty(value = "hop", required = true) int hop,
      @JsonProperty(value = "frame_period_ms", required = true) long framePeriodMs,
      @JsonProperty("levels_layout") String levelsLayout,
      @JsonProperty("report") Object report,
      @JsonProperty("parent") Provenance parent,
      @JsonProperty("provenance") Provenance provenance) {
    return new SlicesMeta(
        table,
        schemaVersion,
        rows,
        new SliceGeometry(bandLayout, width, hop, framePeriodMs),
        levelsLayout,
        report,
        parent,
        provenance);
  }

  public static SlicesMeta of(
      long rows, FramesMeta frames, int width, int hop, Object report, Provenance provenance) {
    return new SlicesMeta(
        SlicesTable.NAME,
        SCHEMA_VERSION,
        rows,
        new SliceGeometry(frames.bandLayout(), width, hop, frames.framePeriodMs()),
        BAND_MAJOR,
        report,
        frames.provenance(),
        provenance);
  }

  public static SlicesMeta read(org.apache.hadoop.conf.Configuration conf, String dir) {
    return TableMeta.read(conf, dir, SlicesMeta.class, "slices table (run slice first)");
  }

  @JsonProperty("band_layout")
  private BandLayout jsonBandLayout() {
    return geometry.bandLayout();
  }

  @JsonProperty("width")
  private int jsonWidth() {
    return geometry.width();
  }

  @JsonProperty("hop")
  private int jsonHop() {
    return geometry.hop();
  }

  @JsonProperty("frame_period_ms")
  private long jsonFramePeriodMs() {
    return geometry.framePeriodMs();
  }
}
