package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code slices/_octave2vec.json}: the slice geometry (width W, hop, frame period) and band layout
 * that {@code samples}, {@code train}, {@code embed} and {@code evaluate} read, typed.
 *
 * @param levelsLayout how {@code levels} is laid out (band-major)
 * @param report the slice job's frame accounting, for people
 * @param parent the frames table's provenance
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlicesMeta(
    String table,
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    long rows,
    @JsonProperty(value = "band_layout", required = true) BandLayout bandLayout,
    @JsonProperty(required = true) int width,
    @JsonProperty(required = true) int hop,
    @JsonProperty(value = "frame_period_ms", required = true) long framePeriodMs,
    @JsonProperty("levels_layout") String levelsLayout,
    Object report,
    Provenance parent,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = SlicesTable.SCHEMA_VERSION;
  public static final String BAND_MAJOR = "band-major: levels[band * width + t]";

  public static SlicesMeta of(
      long rows, FramesMeta frames, int width, int hop, Object report, Provenance provenance) {
    return new SlicesMeta(
        SlicesTable.NAME,
        SCHEMA_VERSION,
        rows,
        frames.bandLayout(),
        width,
        hop,
        frames.framePeriodMs(),
        BAND_MAJOR,
        report,
        frames.provenance(),
        provenance);
  }

  public static SlicesMeta read(org.apache.hadoop.conf.Configuration conf, String dir) {
    return TableMeta.read(conf, dir, SlicesMeta.class, "slices table (run slice first)");
  }

  public int bands() {
    return bandLayout.size();
  }

  /** Time between the starts of consecutive slices of a run. */
  public long hopMs() {
    return hop * framePeriodMs;
  }
}
