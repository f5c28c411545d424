package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.TableRoot;

/**
 * A model directory's {@code config.json}: the architecture, the slice geometry and band layout it
 * was trained on (what {@code embed} checks its input against), how it was trained.
 *
 * @param geometry the slices' band layout, width (the model's), hop and frame period, flat in the
 *     JSON
 * @param options the train job's options as written (a map when read back; for people)
 * @param zeroPredictorValLoss the trivial predictor's validation loss (chance for contrastive)
 */
@JsonIgnoreProperties(value = "geometry", ignoreUnknown = true)
// the order Jackson gave the record before: explicitly renamed properties first
@JsonPropertyOrder({
  "schema_version",
  "band_layout",
  "frame_period_ms",
  "batch_size",
  "zero_predictor_val_loss",
  "task",
  "model",
  "bands",
  "width",
  "hop",
  "workers",
  "target",
  "options"
})
public record ModelMeta(
    @JsonProperty("schema_version") int schemaVersion,
    String task,
    ModelConfig model,
    @JsonIgnore SliceGeometry geometry,
    @JsonProperty("batch_size") int batchSize,
    int workers,
    String target,
    @JsonProperty("zero_predictor_val_loss") double zeroPredictorValLoss,
    Object options) {
  public static final int SCHEMA_VERSION = 2;

  /** The model keeps one width: that of its architecture, the slices' it was trained on. */
  public ModelMeta {
    if (model != null && geometry != null && model.width() != geometry.width()) {
      throw new IllegalArgumentException(
          "model width " + model.width() + " differs from its slices' width " + geometry.width());
    }
  }

  /**
   * The record as {@code config.json} holds it: the geometry's fields flat beside the others; its
   * {@code bands} (the band layout's size) is written for people and not read back.
   */
  @JsonCreator
  static ModelMeta json(
      @JsonProperty("schema_version") int schemaVersion,
      @JsonProperty(value = "task", required = true) String task,
      @JsonProperty(value = "model", required = true) ModelConfig model,
      @JsonProperty(value = "width", required = true) int width,
      @JsonProperty("hop") int hop,
      @JsonProperty(value = "band_layout", required = true) BandLayout bandLayout,
      @JsonProperty(value = "frame_period_ms", required = true) long framePeriodMs,
      @JsonProperty("batch_size") int batchSize,
      @JsonProperty("workers") int workers,
      @JsonProperty("target") String target,
      @JsonProperty("zero_predictor_val_loss") double zeroPredictorValLoss,
      @JsonProperty("options") Object options) {
    // older model directories wrote no hop: their slices did not overlap
    SliceGeometry g = new SliceGeometry(bandLayout, width, hop > 0 ? hop : width, framePeriodMs);
    return new ModelMeta(
        schemaVersion, task, model, g, batchSize, workers, target, zeroPredictorValLoss, options);
  }

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
        slices.geometry(),
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

  @JsonProperty("bands")
  private int jsonBands() {
    return geometry.bands();
  }

  @JsonProperty("width")
  private int jsonWidth() {
    return geometry.width();
  }

  @JsonProperty("hop")
  private int jsonHop() {
    return geometry.hop();
  }

  @JsonProperty("band_layout")
  private BandLayout jsonBandLayout() {
    return geometry.bandLayout();
  }

  @JsonProperty("frame_period_ms")
  private long jsonFramePeriodMs() {
    return geometry.framePeriodMs();
  }
}
