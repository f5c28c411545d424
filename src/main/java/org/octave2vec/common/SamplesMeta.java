package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code samples/TASK/_octave2vec.json}: how the samples were dealt (workers × whole minibatches)
 * and, for CBoW / SkipGram, the context P the model must take.
 *
 * @param context P (slices before and after the target); 0 for tasks without a context
 * @param signedGap gap targets in [-1, 1] (samples {@code --signed-gap}); false in older tables
 * @param slices the slices table the samples index
 */
// ignoreUnknown: older tables also recorded "materialized" (samples --materialize, since removed)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SamplesMeta(
    String table,
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    long rows,
    @JsonProperty(required = true) String task,
    @JsonProperty(required = true) int workers,
    @JsonProperty(value = "batch_size", required = true) int batchSize,
    int context,
    @JsonProperty("signed_gap") boolean signedGap,
    Object report,
    String slices,
    Provenance provenance)
    implements TableMeta {
  public static final int SCHEMA_VERSION = 2;

  public static SamplesMeta read(org.apache.hadoop.conf.Configuration conf, String dir) {
    return TableMeta.read(conf, dir, SamplesMeta.class, "samples table (run samples first)");
  }
}
