package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code embeddings/_octave2vec.json} (and {@code embeddings_pooled/}): which model and layer wrote
 * the vectors, their size, and the geometry of the slices they stand for.
 *
 * @param layer {@code dense} or {@code pooled}
 * @param pooled the per-(run, day) table written beside this one (null in that table itself)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingsMeta(
    String table,
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    long rows,
    String model,
    String task,
    String layer,
    int size,
    @JsonProperty("band_layout") BandLayout bandLayout,
    int width,
    int hop,
    @JsonProperty("frame_period_ms") long framePeriodMs,
    String pooled,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = 1;
  public static final String NAME = "embeddings";
  public static final String POOLED_NAME = "embeddings_pooled";

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
        bandLayout,
        width,
        hop,
        framePeriodMs,
        null,
        provenance);
  }
}
