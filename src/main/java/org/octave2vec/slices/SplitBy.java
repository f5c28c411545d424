package org.octave2vec.slices;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.octave2vec.common.Spelled;

/** How slices are split into train, val and test ({@code --split-by}, {@code splitBy}). */
public enum SplitBy implements Spelled {
  /** Per sensor and time block: every sensor trains. */
  TIME("time"),
  /** Whole sensors: held-out sensors. */
  SENSOR("sensor");

  private final String id;

  SplitBy(String id) {
    this.id = id;
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  @JsonCreator
  public static SplitBy of(String s) {
    return Spelled.parse(SplitBy.class, "--split-by", s);
  }

  @Override
  public String toString() {
    return id;
  }
}
