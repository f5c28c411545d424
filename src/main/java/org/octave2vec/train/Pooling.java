package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.octave2vec.common.Spelled;

/** The encoder's global pooling over its last feature map ({@code --pooling}, {@code pooling}). */
public enum Pooling implements Spelled {
  /** The paper's global max. */
  MAX("max"),
  /** The mean over bands and frames. */
  MEAN("mean"),
  /** Both, concatenated: keeps the level a max-pool discards. */
  MEANMAX("meanmax");

  private final String id;

  Pooling(String id) {
    this.id = id;
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  @JsonCreator
  public static Pooling of(String s) {
    return Spelled.parse(Pooling.class, "pooling", s);
  }

  @Override
  public String toString() {
    return id;
  }
}
