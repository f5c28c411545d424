package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.TableRoot;

/**
 * A model directory's {@code config.json}: the architecture, the slice geometry and band layout it
 * was trained on (what {@code embed} checks its input against), how it was trained.
 *
 * @param options the train job's options as written (a map when read back; for people)
 * @param zeroPredictorValLoss the trivial predictor's validation loss (chance for contrastive)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMeta(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty(required = true) String task,
    @JsonProperty(required = true) ModelConfig model,
    int bands,
    @JsonProperty(required = true) int width,
    int hop,
    @JsonProperty(value = "band_layout", required = true) BandLayout bandLayout,
    @JsonProperty(value = "frame_period_ms", required = true) long framePeriodMs,
    @JsonProperty("batch_size") int batchSize,
    int workers,
    String target,
    @JsonProperty("zero_predictor_val_loss") double zeroPredictorValLoss,
    Object options) {
  public static final int SCHEMA_VERSION = 2;

  public static ModelMeta of(
      String task,
      ModelConfig model,
      SlicesMeta slices,
      int batchSize,
      int workers,
      String target,
      double zeroVal,
      Object options) {
    return new ModelMeta(
        SCHEMA_VERSION,
        task,
        model,
        slices.bands(),
        slices.width(),
        slices.hop(),
        slices.bandLayout(),
        slices.framePeriodMs(),
        batchSize,
        workers,
        target,
        zeroVal,
        options);
  }

  public static ModelMeta read(Configuration conf, String modelDir) {
    return Json.read(
        conf,
        TableRoot.join(modelDir, ModelDir.CONFIG),
        ModelMeta.class,
        "no trained model in " + modelDir);
  }

  /** Older model directories wrote no hop: their slices did not overlap. */
  public int hop() {
    return hop > 0 ? hop : width;
  }
}
