package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code embeddings/_octave2vec.json} (and {@code embeddings_pooled/}): which model and layer wrote
 * the vectors, their size, and the geometry of the slices they stand for.
 *
 * @param layer {@code dense} or {@code pooled}
 * @param geometry the slices' band layout, width, hop and frame period (flat in the JSON)
 * @param pooled the per-(run, day) table written beside this one (null in that table itself)
 */
@JsonIgnoreProperties(value = "geometry", ignoreUnknown = true)
// the order Jackson gave the record before: explicitly renamed properties first
@JsonPropertyOrder({
  "schema_version",
  "band_layout",
  "frame_period_ms",
  "table",
  "rows",
  "model",
  "task",
  "layer",
  "size",
  "width",
  "hop",
  "pooled",
  "provenance"
})
public record EmbeddingsMeta(
    String table,
    @JsonProperty("schema_version") int schemaVersion,
    long rows,
    String model,
    String task,
    String layer,
    int size,
    @JsonIgnore SliceGeometry geometry,
    String pooled,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = 1;
  public static final String NAME = "embeddings";
  public static final String POOLED_NAME = "embeddings_pooled";

  /** The record as the JSON file holds it: the geometry's fields flat beside the others. */
  @JsonCreator
  static EmbeddingsMeta json(
      @JsonProperty("table") String table,
      @JsonProperty(value = "schema_version", required = true) int schemaVersion,
      @JsonProperty("rows") long rows,
      @JsonProperty("model") String model,
      @JsonProperty("task") String task,
      @JsonProperty("layer") String layer,
      @JsonProperty("size") int size,
      @JsonProperty("band_layout") BandLayout bandLayout,
      @JsonProperty("width") int width,
      @JsonProperty("hop") int hop,
      @JsonProperty("frame_period_ms") long framePeriodMs,
      @JsonProperty("pooled") String pooled,
      @JsonProperty("provenance") Provenance provenance) {
    return new EmbeddingsMeta(
        table,
        schemaVersion,
        rows,
        model,
        task,
        layer,
        size,
        new SliceGeometry(bandLayout, width, hop, framePeriodMs),
        pooled,
        provenance);
  }

  public static EmbeddingsMeta read(org.apache.hadoop.conf.Configuration conf, String dir) {
    return TableMeta.read(conf, dir, EmbeddingsMeta.class, "embeddings table (run embed first)");
  }

  /** The pooled table's metadata: same model and geometry, its own name and row count. */
  public EmbeddingsMeta pooledTable(long pooledRows) {
    return new EmbeddingsMeta(
        POOLED_NAME,
        schemaVersion,
        pooledRows,
        model,
        task,
        layer,
        size,
        geometry,
        null,
        provenance);
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
