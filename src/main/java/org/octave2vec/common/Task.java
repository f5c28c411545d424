package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The pretext tasks: what {@code samples} draws ({@code samples/TASK}), what {@code train} learns
 * and what a model card names. {@link #id()} is the table's name, the option's value and the JSON
 * spelling, and the string the samples' random streams hash.
 */
public enum Task implements Spelled {
  /** Two crops of the same moment against the other pairs of the minibatch (NT-Xent). */
  CONTRASTIVE("contrastive"),
  /** Audio2Vec CBoW: reconstruct a slice from its 2P neighbours. */
  CBOW("cbow"),
  /** Audio2Vec SkipGram: reconstruct the 2P neighbours of a slice. */
  SKIPGRAM("skipgram"),
  /** TemporalGap: the time between two slices of a run. */
  GAP("gap"),
  /**
   * Anchor, positive within a radius, negative from elsewhere (samples only: no model trains it).
   */
  TRIPLET("triplet");

  private final String id;

  Task(String id) {
    this.id = id;
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  /** The task {@code s} names: its id in any case, or an older spelling ({@code temporal_gap}). */
  @JsonCreator
  public static Task of(String s) {
    if (s != null) {
      String k = s.trim().replace('-', '_');
      if (k.equalsIgnoreCase("temporal_gap") || k.equalsIgnoreCase("temporalgap")) {
        return GAP;
      }
    }
    return Spelled.parse(Task.class, "task", s);
  }

  @Override
  public String toString() {
    return id;
  }
}
