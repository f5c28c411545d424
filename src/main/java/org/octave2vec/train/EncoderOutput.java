package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.octave2vec.common.Spelled;

/**
 * What {@code embed} writes of the encoder: {@code train --layer}, {@code embed --layer}, {@code
 * export-model --layer}, and {@code output} in a model's {@code config.json}.
 */
public enum EncoderOutput implements Spelled {
  /** The embedding layer. */
  DENSE("dense"),
  /** The global pooling's output, before the embedding layer. */
  POOLED("pooled"),
  /** The global pooling of every conv block's output, merged in block order. */
  MULTISCALE("multiscale");

  private final String id;

  EncoderOutput(String id) {
    this.id = id;
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  @JsonCreator
  public static EncoderOutput of(String s) {
    return Spelled.parse(EncoderOutput.class, "layer", s);
  }

  @Override
  public String toString() {
    return id;
  }
}
